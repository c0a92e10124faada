package se.bredvid.insats;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.matching.Assignments;
import se.bredvid.testing.Api;

import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bad input gets a 4xx problem that says what is wrong, and nothing stored changes. */
@MicronautTest(transactional = false)
class InsatsBadInputIT extends InsatsTestBase {

    @Inject
    Assignments assignments;

    private static void problem(int status, String field, Api.Response r) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        if (field != null) {
            assertTrue(r.body().contains("\"" + field + "\"") || r.body().contains(field), field + " not named in " + r.body());
        }
    }

    private InsatsTestData.Case investigated() {
        InsatsTestData.Case c = data.proposed(coordinator, mun, false);
        assertEquals(200, data.investigate(handlaggare, c.insatsId(), "SUITABLE").status());
        return c;
    }

    @Test
    void aPeriodThatEndsBeforeItStartsIsRefusedAndNothingChanges() {
        InsatsTestData.Case c = investigated();
        LocalDate start = data.today();
        var r = api.post("/api/insatser/" + c.insatsId() + "/decision", handlaggare.accessToken(),
                InsatsTestData.grant(start, start.minusDays(1), start));
        problem(400, "periodEnd", r);
        assertEquals("PROPOSED", api.get("/api/insatser/" + c.insatsId(), handlaggare.accessToken()).text("state"));
        assertEquals(Assignments.State.AWAITING_DECISION, assignments.find(org, c.assignmentId()).orElseThrow().state());
    }

    @Test
    void aPlannedFollowUpAfterThePeriodEndsIsRefused() {
        InsatsTestData.Case c = investigated();
        LocalDate start = data.today();
        var r = api.post("/api/insatser/" + c.insatsId() + "/decision", handlaggare.accessToken(),
                InsatsTestData.grant(start, start.plusMonths(6), start.plusMonths(7)));
        problem(400, "followUpOn", r);
    }

    @Test
    void aFollowUpHeldAfterThePeriodEndedIsRefused() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        UUID f = data.openFollowUp(handlaggare, c.insatsId());
        LocalDate afterEnd = data.periodStart().plusMonths(6).plusDays(1);
        var r = api.post("/api/insatser/" + c.insatsId() + "/follow-ups/" + f + "/assessment", handlaggare.accessToken(), Map.of(
                "heldOn", afterEnd.toString(), "assessment", "x", "outcome", "CONTINUE", "nextFollowUpOn", afterEnd.plusDays(5).toString()));
        problem(400, "heldOn", r);
        // A next follow-up beyond the period is refused too, and the follow-up stays open.
        r = api.post("/api/insatser/" + c.insatsId() + "/follow-ups/" + f + "/assessment", handlaggare.accessToken(), Map.of(
                "heldOn", data.today().toString(), "assessment", "x", "outcome", "CONTINUE",
                "nextFollowUpOn", data.periodStart().plusMonths(7).toString()));
        problem(400, "nextFollowUpOn", r);
        assertEquals(f, data.openFollowUp(handlaggare, c.insatsId()));
    }

    @Test
    void anUnknownMunicipalityIsRefused() {
        UUID volunteer = data.volunteer(coordinator);
        UUID client = data.client(coordinator, false);
        UUID assignment = data.assignment(coordinator, client, volunteer, "INSATS");
        var r = api.post("/api/insatser", coordinator.accessToken(), InsatsTestData.proposalBody(assignment, UUID.randomUUID()));
        problem(400, "municipalityId", r);
        assertEquals(Assignments.State.PROPOSED, assignments.find(org, assignment).orElseThrow().state());
    }

    @Test
    void anUnknownOrganisationIsRefused() {
        var r = api.post("/api/referrals", handlaggare.accessToken(), InsatsFlowIT.referral(UUID.randomUUID()));
        problem(400, "organisationId", r);
    }

    @Test
    void aReferralWithoutContactOrCaseReferenceIsRefused() {
        Map<String, Object> body = new HashMap<>(InsatsFlowIT.referral(org));
        body.remove("contact");
        problem(400, "contact", api.post("/api/referrals", handlaggare.accessToken(), body));
        body = new HashMap<>(InsatsFlowIT.referral(org));
        body.put("caseReference", " ");
        problem(400, "caseReference", api.post("/api/referrals", handlaggare.accessToken(), body));
        body = new HashMap<>(InsatsFlowIT.referral(org));
        body.put("ageBand", "OLD");
        problem(400, "ageBand", api.post("/api/referrals", handlaggare.accessToken(), body));
        body = new HashMap<>(InsatsFlowIT.referral(org));
        body.put("needs", java.util.List.of("MONEY"));
        problem(400, null, api.post("/api/referrals", handlaggare.accessToken(), body));
        assertTrue(!api.get("/api/insatser", handlaggare.accessToken()).body().contains("\"MUNICIPALITY\""), "nothing was stored");
    }

    @Test
    void aNullLanguageInAReferralIsRefusedAndNothingIsStored() {
        String before = api.get("/api/insatser", handlaggare.accessToken()).body();
        Map<String, Object> body = new HashMap<>(InsatsFlowIT.referral(org));
        body.put("languages", java.util.Arrays.asList("sv", null));
        problem(400, "languages[1]", api.post("/api/referrals", handlaggare.accessToken(), body));
        body.put("languages", java.util.Arrays.asList((Object) null));
        problem(400, "languages[0]", api.post("/api/referrals", handlaggare.accessToken(), body));
        assertEquals(before, api.get("/api/insatser", handlaggare.accessToken()).body());
    }

    @Test
    void consentInTheFutureOrWithoutTheProposalScopeIsRefused() {
        InsatsTestData.Case c = data.drafted(coordinator, mun, false);
        problem(400, "givenOn", api.post("/api/insatser/" + c.insatsId() + "/consent", coordinator.accessToken(),
                Map.of("givenOn", data.today().plusDays(1).toString(), "form", "ORAL", "scope", java.util.List.of("PROPOSAL"))));
        problem(400, "scope", api.post("/api/insatser/" + c.insatsId() + "/consent", coordinator.accessToken(),
                Map.of("givenOn", data.today().toString(), "form", "ORAL", "scope", java.util.List.of("FOLLOW_UP"))));
        problem(400, null, api.post("/api/insatser/" + c.insatsId() + "/consent", coordinator.accessToken(),
                Map.of("givenOn", "igår", "form", "ORAL", "scope", java.util.List.of("PROPOSAL"))));
        assertEquals("AWAITING_CONSENT", api.get("/api/insatser/" + c.insatsId(), coordinator.accessToken()).text("state"));
    }

    @Test
    void aRefusalWithoutAReasonAndAGrantWithoutAPeriodAreRefused() {
        InsatsTestData.Case c = investigated();
        Map<String, Object> refuse = new HashMap<>();
        refuse.put("outcome", "REFUSED");
        refuse.put("decidedOn", data.today().toString());
        refuse.put("legalBasis", "4 kap. 1 § SoL");
        problem(400, "refusalReason", api.post("/api/insatser/" + c.insatsId() + "/decision", handlaggare.accessToken(), refuse));
        Map<String, Object> grant = InsatsTestData.grant(data.today(), data.today().plusMonths(6), data.today().plusMonths(3));
        grant.remove("hoursPerMonth");
        problem(400, "hoursPerMonth", api.post("/api/insatser/" + c.insatsId() + "/decision", handlaggare.accessToken(), grant));
        grant = InsatsTestData.grant(data.today(), data.today().plusMonths(6), data.today().plusMonths(3));
        grant.put("hoursPerMonth", -3);
        problem(400, "hoursPerMonth", api.post("/api/insatser/" + c.insatsId() + "/decision", handlaggare.accessToken(), grant));
        grant = InsatsTestData.grant(data.today(), data.today().plusMonths(6), data.today().plusMonths(3));
        grant.put("decidedOn", data.today().plusDays(3).toString());
        problem(400, "decidedOn", api.post("/api/insatser/" + c.insatsId() + "/decision", handlaggare.accessToken(), grant));
        assertEquals("PROPOSED", api.get("/api/insatser/" + c.insatsId(), handlaggare.accessToken()).text("state"));
    }

    @Test
    void unknownFieldsAndMalformedIdsAreRefused() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        problem(400, null, api.put("/api/insatser/" + c.insatsId() + "/uppdrag", handlaggare.accessToken(),
                Map.of("what", "x", "why", "y", "clientName", "Fatima")));
        problem(400, null, api.get("/api/insatser/not-a-uuid", handlaggare.accessToken()));
        problem(404, null, api.get("/api/insatser/" + UUID.randomUUID(), handlaggare.accessToken()));
        problem(400, null, api.get("/api/insatser?state=SOMETHING", handlaggare.accessToken()));
        problem(400, "goals", api.put("/api/insatser/" + c.insatsId() + "/plan", coordinator.accessToken(),
                Map.of("madeWithClientOn", data.today().toString(), "goals", java.util.List.of())));
    }

    @Test
    void anEndBeforeThePeriodStartsIsRefused() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        problem(400, "endedOn", api.post("/api/insatser/" + c.insatsId() + "/end", handlaggare.accessToken(),
                Map.of("endedOn", data.periodStart().minusDays(1).toString(), "reason", "OTHER")));
        assertEquals("GRANTED", api.get("/api/insatser/" + c.insatsId(), handlaggare.accessToken()).text("state"));
    }

    @Test
    void aSecondOpenInsatsForTheSameClientIsAConflict() {
        InsatsTestData.Case c = data.drafted(coordinator, mun, false);
        var r = api.post("/api/insatser", coordinator.accessToken(), InsatsTestData.proposalBody(c.assignmentId(), mun));
        assertEquals(409, r.status(), r.toString());
    }
}
