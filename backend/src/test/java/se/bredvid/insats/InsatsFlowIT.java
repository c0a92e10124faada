package se.bredvid.insats;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.matching.Assignments;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The insats end to end, through the API only: both referral directions, refusal, follow-ups, change, end. */
@MicronautTest(transactional = false)
class InsatsFlowIT extends InsatsTestBase {

    @Inject
    Assignments assignments;

    @Inject
    FollowUpService followUps;

    private String path(UUID insats, String rest) {
        return "/api/insatser/" + insats + rest;
    }

    private static void ok(Api.Response r) {
        assertTrue(r.status() >= 200 && r.status() < 300, r.toString());
    }

    @Test
    void theWholePathFromProposalToEndWithTwoFollowUpsAndAChangeOfPeriod() {
        LocalDate today = data.today();
        // Proposal: drafted by the coordinator, invisible to the municipality until the client consents.
        InsatsTestData.Case c = data.drafted(coordinator, mun, false);
        UUID id = c.insatsId();
        assertEquals(404, api.get(path(id, ""), handlaggare.accessToken()).status());
        assertFalse(api.get("/api/insatser", handlaggare.accessToken()).body().contains(id.toString()));

        // Consent → proposed; the assignment now waits for the decision.
        var r = data.consent(coordinator, id);
        ok(r);
        assertEquals("PROPOSED", r.text("state"));
        assertEquals(Assignments.State.AWAITING_DECISION, assignments.find(org, c.assignmentId()).orElseThrow().state());
        assertTrue(openItems(handlaggare, id).contains("INSATS_PROPOSED"), "the municipality is told of the proposal");
        r = api.get(path(id, ""), handlaggare.accessToken());
        ok(r);
        assertNotNull(r.json().get("clientPseudonym").getStringValue());
        assertTrue(absent(r.json(), "clientId"), "the municipality never gets the organisation's client id");
        assertEquals("Handläggare Hanna", r.json().get("municipalityContact").get("name").getStringValue());

        // Investigation of the volunteer: identity, training, check, supervision.
        r = api.get(path(id, "/volunteer"), handlaggare.accessToken());
        ok(r);
        assertEquals(c.volunteerId().toString(), r.text("id"));
        assertNotNull(r.text("name"));
        assertTrue(r.json().get("training").get("complete").getBooleanValue());
        assertNotNull(r.json().get("backgroundCheck").get("issuedOn"));
        ok(data.investigate(handlaggare, id, "SUITABLE"));

        // Decision: granted; the assignment becomes active.
        LocalDate start = data.periodStart();
        LocalDate end = start.plusMonths(6);
        r = api.post(path(id, "/decision"), handlaggare.accessToken(), InsatsTestData.grant(start, end, today.minusMonths(3)));
        ok(r);
        assertEquals("GRANTED", r.text("state"));
        assertEquals("SOC-2026-0042", r.text("caseReference"));
        assertEquals(Assignments.State.ACTIVE, assignments.find(org, c.assignmentId()).orElseThrow().state());
        assertEquals("GRANTED", api.get(path(id, ""), coordinator.accessToken()).text("state"));
        assertFalse(openItems(handlaggare, id).contains("INSATS_PROPOSED"), "a decided proposal is no longer open");
        assertTrue(openItems(coordinator, id).contains("INSATS_DECIDED"));

        // Uppdrag from the municipality; a plan drafted with the client, in two versions (coordinator, volunteer).
        r = api.put(path(id, "/uppdrag"), handlaggare.accessToken(), Map.of(
                "what", "Stöd att bygga ett socialt nätverk och komma i sysselsättning.",
                "why", "Social isolering efter skyddat boende."));
        ok(r);
        assertEquals(1, r.json().get("uppdrag").get("version").getIntValue());
        assertEquals("Social isolering efter skyddat boende.",
                api.get(path(id, ""), coordinator.accessToken()).json().get("uppdrag").get("why").getStringValue());
        r = api.put(path(id, "/plan"), coordinator.accessToken(), plan("Träffa en förening i månaden", today.minusMonths(4)));
        ok(r);
        assertEquals(1, r.json().get("version").getIntValue());
        var volunteerDevice = data.volunteerDevice(coordinator, c.volunteerId());
        r = api.put("/api/me/insatser/" + id + "/plan", volunteerDevice.accessToken(), plan("Två föreningar i månaden", today.minusMonths(2)));
        ok(r);
        assertEquals(2, r.json().get("version").getIntValue());
        assertEquals("VOLUNTEER", r.text("draftedBy"));
        r = api.get(path(id, "/plans"), handlaggare.accessToken());
        ok(r);
        assertEquals(2, r.json().size());
        assertEquals("Träffa en förening i månaden", r.json().get(0).get("goals").get(0).get("goal").getStringValue());

        // Follow-up 1: the organisation reports, the client answers and shares, the handläggare continues.
        UUID f1 = data.openFollowUp(handlaggare, id);
        ok(api.post(path(id, "/follow-ups/" + f1 + "/report"), coordinator.accessToken(),
                Map.of("text", "Träffas varannan vecka, kontakten fungerar.")));
        var clientDevice = data.clientDevice(coordinator, c.clientId());
        r = api.get("/api/me/follow-ups", clientDevice.accessToken());
        ok(r);
        assertEquals(f1.toString(), r.json().get(0).get("id").getStringValue());
        ok(api.post("/api/me/follow-ups/" + f1 + "/answer", clientDevice.accessToken(), answer(true)));
        r = api.get(path(id, "/follow-ups"), handlaggare.accessToken());
        assertEquals(4, r.json().get(0).get("clientView").get("contactWorks").getIntValue());
        assertEquals("Träffas varannan vecka, kontakten fungerar.", r.json().get(0).get("providerReport").getStringValue());
        r = api.post(path(id, "/follow-ups/" + f1 + "/assessment"), handlaggare.accessToken(), Map.of(
                "heldOn", today.minusMonths(3).toString(), "assessment", "Insatsen svarar mot behoven.",
                "outcome", "CONTINUE", "nextFollowUpOn", today.minusMonths(1).toString()));
        ok(r);
        assertEquals("GRANTED", r.text("state"));

        // Follow-up 2: the client does not share; the handläggare changes period and scope.
        UUID f2 = data.openFollowUp(handlaggare, id);
        ok(api.post(path(id, "/follow-ups/" + f2 + "/report"), coordinator.accessToken(), Map.of("text", "Behöver mer tid.")));
        ok(api.post("/api/me/follow-ups/" + f2 + "/answer", clientDevice.accessToken(), answer(false)));
        JsonNode seen = followUp(api.get(path(id, "/follow-ups"), handlaggare.accessToken()), f2);
        assertTrue(absent(seen, "clientView"), "an answer the client did not share stays with the organisation");
        seen = followUp(api.get(path(id, "/follow-ups"), coordinator.accessToken()), f2);
        assertFalse(absent(seen, "clientView"));
        LocalDate newEnd = start.plusMonths(12);
        r = api.post(path(id, "/follow-ups/" + f2 + "/assessment"), handlaggare.accessToken(), Map.of(
                "heldOn", today.minusMonths(1).toString(), "assessment", "Behovet kvarstår; förlängs med utökad omfattning.",
                "outcome", "CHANGE", "nextFollowUpOn", today.plusDays(10).toString(),
                "change", Map.of("decidedOn", today.minusMonths(1).toString(), "legalBasis", "4 kap. 1 § SoL",
                        "periodEnd", newEnd.toString(), "hoursPerMonth", 12)));
        ok(r);
        var decisions = r.json().get("decisions");
        assertEquals(2, decisions.size());
        assertEquals("CHANGE", decisions.get(1).get("kind").getStringValue());
        assertEquals(newEnd.toString(), decisions.get(1).get("periodEnd").getStringValue());
        assertEquals(start.toString(), decisions.get(1).get("periodStart").getStringValue());
        assertEquals(12, decisions.get(1).get("hoursPerMonth").getIntValue());
        r = api.get("/api/me/insatser", volunteerDevice.accessToken());
        assertEquals(newEnd.toString(), r.json().get(0).get("periodEnd").getStringValue());
        assertEquals(12, r.json().get(0).get("hoursPerMonth").getIntValue());

        // The third follow-up is due in 10 days: both parties are reminded once.
        assertTrue(followUps.remindDue() >= 1);
        assertEquals(0, followUps.remindDue());
        assertTrue(openItems(handlaggare, id).contains("FOLLOW_UP_DUE"));
        assertTrue(openItems(coordinator, id).contains("FOLLOW_UP_DUE"));

        // End: the insats ends and the assignment closes (the volunteer loses the client).
        UUID f3 = data.openFollowUp(handlaggare, id);
        r = api.post(path(id, "/follow-ups/" + f3 + "/assessment"), handlaggare.accessToken(), Map.of(
                "heldOn", today.toString(), "assessment", "Målen är nådda.", "outcome", "END", "endReason", "GOAL_REACHED"));
        ok(r);
        assertEquals("ENDED", r.text("state"));
        assertEquals(today.toString(), r.text("endedOn"));
        assertEquals(Assignments.State.ENDED, assignments.find(org, c.assignmentId()).orElseThrow().state());
        assertEquals(0, api.get("/api/me/insatser", volunteerDevice.accessToken()).json().size());
        assertEquals(0, api.get("/api/me/follow-ups", clientDevice.accessToken()).json().size());
        r = api.get(path(id, "/follow-ups"), coordinator.accessToken());
        assertEquals(3, r.json().size());
        assertTrue(absent(r.json().get(0), "assessment"), "the board's assessment text stays with the municipality");
        assertEquals("CONTINUE", r.json().get(0).get("outcome").getStringValue());
    }

    @Test
    void aRefusalEndsTheProposalWithAReasonTheCoordinatorSees() {
        InsatsTestData.Case c = data.proposed(coordinator, mun, false);
        UUID id = c.insatsId();
        ok(data.investigate(handlaggare, id, "NOT_SUITABLE"));
        // A volunteer found not suitable cannot be granted.
        var r = api.post(path(id, "/decision"), handlaggare.accessToken(),
                InsatsTestData.grant(data.today(), data.today().plusMonths(6), data.today().plusMonths(3)));
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:investigation-required", r.problemType());

        Map<String, Object> refuse = new HashMap<>();
        refuse.put("outcome", "REFUSED");
        refuse.put("decidedOn", data.today().toString());
        refuse.put("legalBasis", "4 kap. 1 § SoL");
        refuse.put("refusalReason", "Kontaktpersonen bedöms inte lämplig för uppdraget.");
        r = api.post(path(id, "/decision"), handlaggare.accessToken(), refuse);
        ok(r);
        assertEquals("REFUSED", r.text("state"));

        r = api.get(path(id, ""), coordinator.accessToken());
        assertEquals("REFUSED", r.text("state"));
        assertEquals("Kontaktpersonen bedöms inte lämplig för uppdraget.",
                r.json().get("decisions").get(0).get("refusalReason").getStringValue());
        assertTrue(absent(r.json().get("investigation"), "note"), "the investigation note stays with the municipality");
        var a = assignments.find(org, c.assignmentId()).orElseThrow();
        assertEquals(Assignments.State.ENDED, a.state());
        assertEquals(Assignments.EndReason.DECISION_REFUSED, a.endReason());
        // A refused insats takes no more decisions.
        assertEquals(409, api.post(path(id, "/decision"), handlaggare.accessToken(), refuse).status());
    }

    @Test
    void aHandlaggareAsksForAKontaktpersonAndTheOrganisationAnswers() {
        Map<String, Object> referral = referral(org);
        var r = api.post("/api/referrals", handlaggare.accessToken(), referral);
        assertEquals(201, r.status(), r.toString());
        UUID id = UUID.fromString(r.text("id"));
        assertEquals("REQUESTED", r.text("state"));
        assertEquals("MUNICIPALITY", r.text("origin"));

        // The organisation sees a new client intake under a generated pseudonym, and who to contact.
        r = api.get(path(id, ""), coordinator.accessToken());
        ok(r);
        UUID client = UUID.fromString(r.text("clientId"));
        String pseudonym = r.text("clientPseudonym");
        assertTrue(pseudonym.matches("^[A-ZÅÄÖ][a-zåäö]*-[A-ZÅÄÖ][a-zåäö]*-[0-9]{2,3}$"), pseudonym);
        assertTrue(r.json().get("protectedIdentity").getBooleanValue());
        assertEquals("Sara på RVT", r.json().get("municipalityContact").get("name").getStringValue());
        r = api.get("/api/clients/" + client, coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());

        // The coordinator matches and proposes a volunteer through an insats assignment.
        UUID volunteer = data.volunteer(coordinator);
        UUID assignment = data.assignment(coordinator, client, volunteer, "INSATS");
        r = api.post(path(id, "/volunteer-proposal"), coordinator.accessToken(), Map.of("assignmentId", assignment));
        ok(r);
        assertEquals("PROPOSED", r.text("state"));
        ok(data.investigate(handlaggare, id, "SUITABLE"));
        LocalDate start = data.today();
        Map<String, Object> grant = InsatsTestData.grant(start, start.plusMonths(6), start.plusMonths(3));
        grant.remove("caseReference"); // given with the referral
        r = api.post(path(id, "/decision"), handlaggare.accessToken(), grant);
        ok(r);
        assertEquals("GRANTED", r.text("state"));
        assertEquals("RVT-2026-117", r.text("caseReference"));
        assertEquals(Assignments.State.ACTIVE, assignments.find(org, assignment).orElseThrow().state());

        // Protected identity: the kontaktperson sees the pseudonym, period and plan, and nothing else.
        var device = data.volunteerDevice(coordinator, volunteer);
        r = api.get("/api/me/insatser", device.accessToken());
        ok(r);
        JsonNode mine = r.json().get(0);
        assertEquals(pseudonym, mine.get("clientPseudonym").getStringValue());
        assertTrue(absent(mine, "municipality"));
        assertTrue(absent(mine, "uppdrag"));
        assertFalse(r.body().contains("se-e"), r.body());
        assertFalse(r.body().contains("RVT"), r.body());
    }

    @Test
    void aNonProtectedClientsKontaktpersonSeesTheMunicipalityAndUppdrag() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        ok(api.put(path(c.insatsId(), "/uppdrag"), handlaggare.accessToken(), Map.of("what", "Socialt stöd", "why", "Isolering")));
        var device = data.volunteerDevice(coordinator, c.volunteerId());
        JsonNode mine = api.get("/api/me/insatser", device.accessToken()).json().get(0);
        assertFalse(absent(mine, "municipality"));
        assertEquals("Socialt stöd", mine.get("uppdrag").get("what").getStringValue());
        assertFalse(api.get("/api/me/insatser", device.accessToken()).body().contains("SOC-2026-0042"),
                "the case reference never reaches the kontaktperson");
    }

    @Test
    void revokingConsentBeforeTheDecisionWithdrawsTheProposal() {
        InsatsTestData.Case c = data.proposed(coordinator, mun, false);
        var r = api.delete(path(c.insatsId(), "/consent"), coordinator.accessToken());
        ok(r);
        assertEquals("WITHDRAWN", r.text("state"));
        assertEquals(Assignments.State.ENDED, assignments.find(org, c.assignmentId()).orElseThrow().state());
        assertEquals(409, data.investigate(handlaggare, c.insatsId(), "SUITABLE").status());
    }

    @Test
    void afterConsentIsRevokedFollowUpReportsNoLongerReachTheMunicipality() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        ok(api.delete(path(c.insatsId(), "/consent"), coordinator.accessToken()));
        UUID f = data.openFollowUp(coordinator, c.insatsId());
        var r = api.post(path(c.insatsId(), "/follow-ups/" + f + "/report"), coordinator.accessToken(), Map.of("text", "Rapport"));
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:consent-required", r.problemType());
        assertEquals("GRANTED", api.get(path(c.insatsId(), ""), handlaggare.accessToken()).text("state"));
    }

    @Test
    void whenTheClientEndsTheContactTheMunicipalityIsToldAndEndsTheInsats() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        var device = data.clientDevice(coordinator, c.clientId());
        assertEquals(204, api.post("/api/me/contact/end", device.accessToken(), Map.of()).status());
        var r = api.get(path(c.insatsId(), ""), handlaggare.accessToken());
        assertEquals("GRANTED", r.text("state"), "only the municipality ends an insats");
        assertNotNull(r.text("assignmentClosedAt"));
        r = api.post(path(c.insatsId(), "/end"), handlaggare.accessToken(),
                Map.of("endedOn", data.today().toString(), "reason", "CLIENT_ENDED"));
        ok(r);
        assertEquals("ENDED", r.text("state"));
        assertNull(followUpOpen(api.get(path(c.insatsId(), "/follow-ups"), handlaggare.accessToken())));
    }

    @Test
    void endingTheAssignmentInMatchingWithdrawsAProposalAndTheMunicipalitySeesIt() {
        InsatsTestData.Case c = data.proposed(coordinator, mun, false);
        var r = api.post("/api/assignments/" + c.assignmentId() + "/transitions", coordinator.accessToken(),
                Map.of("to", "ENDED", "endReason", "VOLUNTEER_ENDED"));
        ok(r);
        assertEquals("WITHDRAWN", api.get(path(c.insatsId(), ""), handlaggare.accessToken()).text("state"));
        assertEquals(409, data.investigate(handlaggare, c.insatsId(), "SUITABLE").status());
    }

    @Test
    void whenTheOrganisationTakesBackItsVolunteerTheMunicipalitysRequestStands() {
        var r = api.post("/api/referrals", handlaggare.accessToken(), referral(org));
        UUID id = UUID.fromString(r.text("id"));
        UUID client = UUID.fromString(api.get(path(id, ""), coordinator.accessToken()).text("clientId"));
        UUID first = data.assignment(coordinator, client, data.volunteer(coordinator), "INSATS");
        ok(api.post(path(id, "/volunteer-proposal"), coordinator.accessToken(), Map.of("assignmentId", first)));
        ok(data.investigate(handlaggare, id, "NOT_SUITABLE"));
        ok(api.post("/api/assignments/" + first + "/transitions", coordinator.accessToken(),
                Map.of("to", "ENDED", "endReason", "VOLUNTEER_ENDED")));
        r = api.get(path(id, ""), handlaggare.accessToken());
        assertEquals("REQUESTED", r.text("state"));
        assertTrue(absent(r.json(), "volunteerId") && absent(r.json(), "investigation"), r.body());
        assertTrue(openItems(handlaggare, id).contains("INSATS_VOLUNTEER_WITHDRAWN"));
        // Another volunteer can be proposed for the same request.
        UUID second = data.assignment(coordinator, client, data.volunteer(coordinator), "INSATS");
        r = api.post(path(id, "/volunteer-proposal"), coordinator.accessToken(), Map.of("assignmentId", second));
        ok(r);
        assertEquals("PROPOSED", r.text("state"));
    }

    @Test
    void aDeclinedRequestClosesTheClientIntakeItCreated() {
        var r = api.post("/api/referrals", handlaggare.accessToken(), referral(org));
        UUID id = UUID.fromString(r.text("id"));
        UUID client = UUID.fromString(api.get(path(id, ""), coordinator.accessToken()).text("clientId"));
        assertEquals("WAITING", api.get("/api/clients/" + client, coordinator.accessToken()).json().get("client").get("status").getStringValue());
        r = api.post(path(id, "/withdrawal"), coordinator.accessToken(), Map.of());
        ok(r);
        assertEquals("WITHDRAWN", r.text("state"));
        assertEquals("CLOSED", api.get("/api/clients/" + client, coordinator.accessToken()).json().get("client").get("status").getStringValue());
        assertTrue(openItems(handlaggare, id).contains("INSATS_WITHDRAWN"));
    }

    @Test
    void aProposalNeedsAnInsatsAssignmentThatIsStillProposed() {
        UUID volunteer = data.volunteer(coordinator);
        UUID client = data.client(coordinator, false);
        UUID ideell = data.assignment(coordinator, client, volunteer, "IDEELL");
        var r = api.post("/api/insatser", coordinator.accessToken(), InsatsTestData.proposalBody(ideell, mun));
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:not-an-insats-assignment", r.problemType());
    }

    @Test
    void anInsatsCannotBeGrantedWithoutAnInvestigation() {
        InsatsTestData.Case c = data.proposed(coordinator, mun, false);
        var r = api.post(path(c.insatsId(), "/decision"), handlaggare.accessToken(),
                InsatsTestData.grant(data.today(), data.today().plusMonths(6), data.today().plusMonths(3)));
        assertEquals(409, r.status(), r.toString());
        assertEquals(Assignments.State.AWAITING_DECISION, assignments.find(org, c.assignmentId()).orElseThrow().state());
    }

    @Test
    void aCoordinatorCannotActivateAnInsatsAssignmentByHand() {
        InsatsTestData.Case c = data.proposed(coordinator, mun, false);
        var r = api.post("/api/assignments/" + c.assignmentId() + "/transitions", coordinator.accessToken(), Map.of("to", "ACTIVE"));
        assertEquals(409, r.status(), r.toString());
    }

    // ---- helpers ----

    static Map<String, Object> referral(UUID organisation) {
        Map<String, Object> m = new HashMap<>();
        m.put("organisationId", organisation);
        m.put("ageBand", "AGE_18_25");
        m.put("languages", List.of("sv", "ar"));
        m.put("region", "se-e");
        m.put("digitalOnly", false);
        m.put("needs", List.of("BREAKING_ISOLATION"));
        m.put("summary", "Bor i mellanboende, saknar nätverk.");
        m.put("protectedIdentity", true);
        m.put("contact", Map.of("name", "Sara på RVT", "phone", "08-508 000 00"));
        m.put("caseReference", "RVT-2026-117");
        m.put("consentGivenOn", LocalDate.now(InsatsTestData.ZONE).minusDays(2).toString());
        m.put("consentForm", "WRITTEN");
        return m;
    }

    static Map<String, Object> plan(String goal, LocalDate madeOn) {
        return Map.of("madeWithClientOn", madeOn.toString(), "goals", List.of(Map.of(
                "need", "BREAKING_ISOLATION", "goal", goal, "how", "Följa med till en förening", "howOften", "Varannan vecka")));
    }

    static Map<String, Object> answer(boolean share) {
        return Map.of("contactWorks", 4, "getsSupport", "YES", "wantsToContinue", "YES",
                "wishes", "Fler träffar på helger", "shareWithMunicipality", share);
    }

    /** The kinds of the staff member's open notifications about one insats. */
    private List<String> openItems(Fixtures.Staff staff, UUID insats) {
        var r = api.get("/api/notifications", staff.accessToken());
        assertEquals(200, r.status(), r.toString());
        List<String> kinds = new java.util.ArrayList<>();
        for (var n : r.json().values()) {
            if (insats.toString().equals(n.get("objectId").getStringValue())) {
                kinds.add(n.get("kind").getStringValue());
            }
        }
        return kinds;
    }

    static boolean absent(JsonNode node, String field) {
        return node.get(field) == null || node.get(field).isNull();
    }

    private static JsonNode followUp(Api.Response r, UUID id) {
        for (var f : r.json().values()) {
            if (f.get("id").getStringValue().equals(id.toString())) {
                return f;
            }
        }
        throw new AssertionError("no follow-up " + id + ": " + r);
    }

    private static String followUpOpen(Api.Response r) {
        for (var f : r.json().values()) {
            if (f.get("completedAt") == null || absent(f, "completedAt")) {
                return f.get("id").getStringValue();
            }
        }
        return null;
    }
}
