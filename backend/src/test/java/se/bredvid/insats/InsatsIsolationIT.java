package se.bredvid.insats;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Fixtures;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Need-to-know across the two parties (threat model 5): another municipality's handläggare and another
 * organisation's coordinator see nothing (404, existence not leaked); a handläggare never reaches chat,
 * check-ins, interview notes or other clients.
 */
@MicronautTest(transactional = false)
class InsatsIsolationIT extends InsatsTestBase {

    Fixtures.Staff otherHandlaggare;
    Fixtures.Staff otherCoordinator;
    InsatsTestData.Case granted;
    UUID followUp;

    @BeforeAll
    void setUp() {
        otherHandlaggare = fx.handlaggare(fx.municipality());
        otherCoordinator = fx.coordinator(fx.organisation());
        granted = data.granted(coordinator, handlaggare, mun, false);
        followUp = data.openFollowUp(handlaggare, granted.insatsId());
    }

    private String path(String rest) {
        return "/api/insatser/" + granted.insatsId() + rest;
    }

    @Test
    void aHandlaggareOfAnotherMunicipalitySeesNothing() {
        String t = otherHandlaggare.accessToken();
        assertEquals(404, api.get(path(""), t).status());
        assertEquals(404, api.get(path("/volunteer"), t).status());
        assertEquals(404, api.get(path("/plans"), t).status());
        assertEquals(404, api.get(path("/follow-ups"), t).status());
        assertEquals(404, api.put(path("/uppdrag"), t, Map.of("what", "x", "why", "y")).status());
        assertEquals(404, api.post(path("/end"), t, Map.of("endedOn", data.today().toString(), "reason", "OTHER")).status());
        assertEquals(404, api.post(path("/withdrawal"), t, Map.of()).status());
        assertEquals(404, api.post(path("/follow-ups/" + followUp + "/assessment"), t, Map.of(
                "heldOn", data.today().toString(), "assessment", "x", "outcome", "END", "endReason", "OTHER")).status());
        assertFalse(api.get("/api/insatser", t).body().contains(granted.insatsId().toString()));
        // And the real owner still can.
        assertEquals(200, api.get(path(""), handlaggare.accessToken()).status());
    }

    @Test
    void aCoordinatorOfAnotherOrganisationSeesNothing() {
        String t = otherCoordinator.accessToken();
        assertEquals(404, api.get(path(""), t).status());
        assertEquals(404, api.get(path("/plans"), t).status());
        assertEquals(404, api.get(path("/follow-ups"), t).status());
        assertEquals(404, api.put(path("/plan"), t, InsatsFlowIT.plan("x", data.today())).status());
        assertEquals(404, api.post(path("/follow-ups/" + followUp + "/report"), t, Map.of("text", "x")).status());
        assertEquals(404, api.delete(path("/consent"), t).status());
        assertFalse(api.get("/api/insatser", t).body().contains(granted.insatsId().toString()));
    }

    @Test
    void aHandlaggareNeverReachesChatCheckinsInterviewsOrClients() {
        String t = handlaggare.accessToken();
        assertEquals(403, api.get("/api/conversations", t).status());
        assertEquals(403, api.get("/api/envelopes", t).status());
        assertEquals(403, api.get("/api/conversations/" + UUID.randomUUID() + "/checkins", t).status());
        assertEquals(403, api.get("/api/checkin-notifications", t).status());
        assertEquals(403, api.get("/api/recruiting/volunteers/" + granted.volunteerId() + "/interviews", t).status());
        assertEquals(403, api.get("/api/recruiting/volunteers/" + granted.volunteerId(), t).status());
        assertEquals(403, api.get("/api/clients/" + granted.clientId(), t).status());
        assertEquals(403, api.get("/api/clients", t).status());
        assertEquals(403, api.get("/api/assignments", t).status());
    }

    @Test
    void theVolunteerInvestigationShowsNothingOfOtherClientsOrTheInterview() {
        // The volunteer has a second, ideell client of the same organisation.
        UUID otherClient = data.client(coordinator, false);
        UUID other = data.assignment(coordinator, otherClient, granted.volunteerId(), "IDEELL");
        assertEquals(200, api.post("/api/assignments/" + other + "/transitions", coordinator.accessToken(), Map.of("to", "ACTIVE")).status());
        String otherPseudonym = api.get("/api/clients/" + otherClient, coordinator.accessToken()).json().get("client").get("pseudonym").getStringValue();

        var r = api.get(path("/volunteer"), handlaggare.accessToken());
        assertEquals(200, r.status(), r.toString());
        assertFalse(r.body().contains(otherPseudonym), r.body());
        assertFalse(r.body().contains(otherClient.toString()), r.body());
        assertFalse(r.body().contains(other.toString()), r.body());
        assertFalse(r.body().contains("Lugn och tydlig"), "interview notes stay with the organisation");
        assertFalse(r.body().contains("ge tillbaka"), "the application's motivation stays with the organisation");
        assertFalse(r.body().toLowerCase().contains("interview"), r.body());
    }

    @Test
    void aProposalTheClientHasNotConsentedToIsInvisibleToTheMunicipality() {
        InsatsTestData.Case draft = data.drafted(coordinator, mun, false);
        assertEquals(404, api.get("/api/insatser/" + draft.insatsId(), handlaggare.accessToken()).status());
        assertEquals(404, api.get("/api/insatser/" + draft.insatsId() + "/volunteer", handlaggare.accessToken()).status());
        assertEquals(404, api.post("/api/insatser/" + draft.insatsId() + "/withdrawal", handlaggare.accessToken(), Map.of()).status());
        assertFalse(api.get("/api/insatser", handlaggare.accessToken()).body().contains(draft.insatsId().toString()));
        // Withdrawn before consent: still never shown.
        assertEquals(200, api.post("/api/insatser/" + draft.insatsId() + "/withdrawal", coordinator.accessToken(), java.util.Map.of()).status());
        assertEquals(404, api.get("/api/insatser/" + draft.insatsId(), handlaggare.accessToken()).status());
        assertFalse(api.get("/api/insatser", handlaggare.accessToken()).body().contains(draft.insatsId().toString()));
    }

    @Test
    void devicesReachOnlyTheirOwnInsatsAndQuestionnaire() {
        InsatsTestData.Case other = data.granted(coordinator, handlaggare, mun, false);
        var volunteer = data.volunteerDevice(coordinator, granted.volunteerId());
        assertEquals(404, api.put("/api/me/insatser/" + other.insatsId() + "/plan", volunteer.accessToken(),
                InsatsFlowIT.plan("x", data.today())).status());
        var list = api.get("/api/me/insatser", volunteer.accessToken());
        assertFalse(list.body().contains(other.insatsId().toString()));
        assertTrue(list.body().contains(granted.insatsId().toString()));

        var client = data.clientDevice(coordinator, other.clientId());
        UUID notTheirs = followUp;
        assertEquals(404, api.post("/api/me/follow-ups/" + notTheirs + "/answer", client.accessToken(), InsatsFlowIT.answer(true)).status());
        // Devices never reach the staff routes.
        assertEquals(403, api.get(path(""), volunteer.accessToken()).status());
        assertEquals(403, api.get(path(""), client.accessToken()).status());
        assertEquals(403, api.get("/api/time-reports", volunteer.accessToken()).status());
    }

    @Test
    void theWrongRoleIsRefused() {
        assertEquals(403, api.post(path("/decision"), coordinator.accessToken(),
                InsatsTestData.grant(data.today(), data.today().plusMonths(1), data.today())).status());
        // A handläggare writes a plan only in the MUNICIPALITY model (LinkModelIT); this insats is the organisation's.
        var plan = api.put(path("/plan"), handlaggare.accessToken(), InsatsFlowIT.plan("x", data.today()));
        assertEquals(409, plan.status(), plan.toString());
        assertEquals("urn:bredvid:problem:plan-by-organisation", plan.problemType());
        assertEquals(403, api.post("/api/referrals", coordinator.accessToken(), InsatsFlowIT.referral(org)).status());
        assertEquals(403, api.post("/api/insatser", handlaggare.accessToken(),
                InsatsTestData.proposalBody(granted.assignmentId(), mun)).status());
        assertEquals(403, api.get(path(""), fx.admin().accessToken()).status());
        assertEquals(401, api.get(path(""), null).status());
    }
}
