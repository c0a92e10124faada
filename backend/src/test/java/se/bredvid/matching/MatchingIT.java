package se.bredvid.matching;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.SubjectKind;
import se.bredvid.platform.MutableClock;
import se.bredvid.recruiting.Recruits;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class MatchingIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    Assignments assignments;

    @Inject
    DataSource dataSource;

    UUID org;
    Fixtures.Staff coordinator;
    MatchingTestData data;

    @BeforeAll
    void setUp() {
        org = fx.organisation();
        coordinator = fx.coordinator(org);
        data = new MatchingTestData(fx, new Recruits(fx, clock));
    }

    private Connection raw() throws java.sql.SQLException {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    @Test
    void aClientGetsAGeneratedPseudonymAndTheProfileIsSealedAtRest() throws Exception {
        var r = fx.api.post("/api/clients", coordinator.accessToken(), MatchingTestData.intake());
        assertEquals(201, r.status());
        assertTrue(r.text("pseudonym").matches("[A-ZÅÄÖ][a-zåäö]*-[A-ZÅÄÖ][a-zåäö]*-\\d{2,3}"), r.text("pseudonym"));
        try (Connection c = raw(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select profile from client where id = '" + r.text("id") + "'")) {
            rs.next();
            String raw = new String(rs.getBytes(1), StandardCharsets.ISO_8859_1);
            assertFalse(raw.contains("hemstaden"), "the client's community is not stored in clear");
        }
        var detail = fx.api.get("/api/clients/" + r.text("id"), coordinator.accessToken());
        assertTrue(detail.body().contains("hemstaden"));
    }

    @Test
    void suggestionsHonourExclusionsAndExplainTheirScores() {
        UUID excluded = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID other = data.volunteer(coordinator, "WOMAN", 45, List.of());
        var intake = MatchingTestData.intake();
        intake.put("excludedVolunteers", List.of(excluded));
        UUID client = data.client(coordinator, intake);
        var r = fx.api.get("/api/clients/" + client + "/suggestions?k=50", coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        String candidates = r.body().substring(0, r.body().indexOf("\"excluded\""));
        assertFalse(candidates.contains(excluded.toString()), "an excluded volunteer is never suggested");
        assertTrue(candidates.contains(other.toString()));
        assertTrue(r.body().contains("\"volunteerId\":\"" + excluded + "\",\"conflicts\":[{\"constraint\":\"EXCLUDED_VOLUNTEER\""),
                "and is listed as excluded, with the reason");
        for (var candidate : r.json().get("candidates").values()) {
            int sum = 0;
            for (var criterion : candidate.get("explanation").values()) {
                sum += criterion.get("points").getIntValue();
            }
            assertEquals(candidate.get("score").getIntValue(), sum, "explanation adds up to the score");
        }
    }

    @Test
    void aSharedCommunityIsAHardNoWhenTheClientSaysSo() {
        UUID landsman = data.volunteer(coordinator, "WOMAN", 35, List.of("hemstaden"));
        var intake = MatchingTestData.intake();
        intake.put("sharedBackground", "NOT_WANTED");
        UUID client = data.client(coordinator, intake);
        var r = fx.api.post("/api/assignments", coordinator.accessToken(),
                Map.of("clientId", client, "volunteerId", landsman, "kind", "IDEELL"));
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:hard-constraint", r.problemType());
        assertTrue(r.body().contains("SHARED_BACKGROUND_NOT_WANTED"));
    }

    @Test
    void anInsatsAssignmentBecomesActiveOnlyThroughADecision() {
        UUID volunteer = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID client = data.client(coordinator, MatchingTestData.intake());
        UUID a = data.propose(coordinator, client, volunteer, "INSATS");
        assertEquals(409, data.move(coordinator, a, "ACTIVE", null).status());
        assertEquals(200, data.move(coordinator, a, "AWAITING_DECISION", null).status());
        var direct = data.move(coordinator, a, "ACTIVE", null);
        assertEquals(409, direct.status());
        assertEquals("urn:bredvid:problem:illegal-transition", direct.problemType());
        var active = assignments.activateByDecision(AuditLog.Actor.system(), org, a);
        assertEquals(Assignments.State.ACTIVE, active.state());
    }

    @Test
    void anIdeellAssignmentRunsItsLifecycleAndTheVolunteerFollows() {
        UUID volunteer = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID client = data.client(coordinator, MatchingTestData.intake());
        UUID a = data.propose(coordinator, client, volunteer, "IDEELL");
        assertEquals(409, data.move(coordinator, a, "AWAITING_DECISION", null).status(), "only insats waits");
        assertEquals(200, data.move(coordinator, a, "ACTIVE", null).status());
        var v = fx.api.get("/api/recruiting/volunteers/" + volunteer, coordinator.accessToken());
        assertEquals("ACTIVE", v.text("state"), v.toString());
        assertEquals(200, data.move(coordinator, a, "PAUSED", null).status());
        assertEquals(200, data.move(coordinator, a, "ACTIVE", null).status());
        assertEquals(400, data.move(coordinator, a, "ENDED", null).status(), "an end needs a reason");
        assertEquals(200, data.move(coordinator, a, "ENDED", "GOAL_REACHED").status());
        assertEquals(409, data.move(coordinator, a, "ACTIVE", null).status());
        assertEquals("APPROVED", fx.api.get("/api/recruiting/volunteers/" + volunteer, coordinator.accessToken()).text("state"));
    }

    @Test
    void anEndedAssignmentRevokesTheVolunteersAccessToTheClient() {
        UUID volunteer = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID client = data.client(coordinator, MatchingTestData.intake());
        var volunteerDevice = fx.pairedDevice(coordinator, SubjectKind.VOLUNTEER, volunteer);
        UUID a = data.propose(coordinator, client, volunteer, "IDEELL");
        data.move(coordinator, a, "ACTIVE", null);
        var mine = fx.api.get("/api/me/clients", volunteerDevice.accessToken());
        assertTrue(mine.body().contains(client.toString()), mine.toString());
        assertFalse(mine.body().contains("hemstaden"), "a volunteer sees the pseudonym only");
        var conversations = fx.api.get("/api/conversations", volunteerDevice.accessToken());
        assertEquals(1, conversations.json().size(), conversations.toString());
        String conversation = conversations.json().get(0).get("id").getStringValue();
        data.move(coordinator, a, "PAUSED", null);
        assertEquals(1, fx.api.get("/api/conversations", volunteerDevice.accessToken()).json().size(), "a pause keeps it");
        data.move(coordinator, a, "ACTIVE", null);
        data.move(coordinator, a, "ENDED", "VOLUNTEER_ENDED");
        assertEquals("[]", fx.api.get("/api/me/clients", volunteerDevice.accessToken()).body());
        assertEquals("[]", fx.api.get("/api/conversations", volunteerDevice.accessToken()).body());
        var bundles = fx.api.get("/api/conversations/" + conversation + "/devices", volunteerDevice.accessToken());
        assertTrue(bundles.status() == 404 || bundles.status() == 409, "no keys of the client any more: " + bundles);
    }

    @Test
    void theClientCanEndTheContactAndThePairIsNeverProposedAgain() {
        UUID volunteer = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID client = data.client(coordinator, MatchingTestData.intake());
        var clientDevice = fx.pairedDevice(coordinator, SubjectKind.CLIENT, client);
        UUID a = data.propose(coordinator, client, volunteer, "IDEELL");
        data.move(coordinator, a, "ACTIVE", null);
        assertEquals(a.toString(), fx.api.get("/api/me/contact", clientDevice.accessToken()).text("assignmentId"));
        assertEquals(204, fx.api.post("/api/me/contact/end", clientDevice.accessToken(), null).status());
        assertEquals(404, fx.api.get("/api/me/contact", clientDevice.accessToken()).status());
        var again = fx.api.post("/api/assignments", coordinator.accessToken(),
                Map.of("clientId", client, "volunteerId", volunteer, "kind", "IDEELL"));
        assertEquals(409, again.status());
        assertTrue(again.body().contains("ENDED_FOR_CAUSE"), again.toString());
    }

    @Test
    void aClientsConcernReachesTheirOwnCoordinatorsOnly() {
        UUID client = data.client(coordinator, MatchingTestData.intake());
        var clientDevice = fx.pairedDevice(coordinator, SubjectKind.CLIENT, client);
        String concern = "Hen frågade om min familj " + UUID.randomUUID();
        assertEquals(201, fx.api.post("/api/me/reports", clientDevice.accessToken(), Map.of("text", concern)).status());
        assertTrue(fx.api.get("/api/reports", coordinator.accessToken()).body().contains(concern));
        var stranger = fx.coordinator(fx.organisation());
        assertFalse(fx.api.get("/api/reports", stranger.accessToken()).body().contains(concern));
    }

    @Test
    void theWaitingListShowsWaitingTimes() {
        var coordinator2 = fx.coordinator(fx.organisation());
        data.client(coordinator2, MatchingTestData.intake());
        clock.advance(Duration.ofDays(40));
        data.client(coordinator2, MatchingTestData.intake());
        var r = fx.api.get("/api/waiting-list?thresholdDays=30", coordinator2.accessToken());
        assertEquals(200, r.status());
        assertEquals(2, r.json().get("clients").size());
        assertEquals(1, r.json().get("overThreshold").getIntValue());
        long older = r.json().get("clients").get(0).get("waitingDays").getLongValue();
        long newer = r.json().get("clients").get(1).get("waitingDays").getLongValue();
        assertTrue(older >= 39 && newer == 0, r.body());
        assertEquals((older + newer) / 2.0, r.json().get("medianWaitingDays").getDoubleValue(), 0.001);
        clock.reset();
    }

    @Test
    void theBatchProposalAssignsWithoutBreakingAnyRule() {
        var coordinator3 = fx.coordinator(fx.organisation());
        UUID v = data.volunteer(coordinator3, "WOMAN", 30, List.of());
        var excluding = MatchingTestData.intake();
        excluding.put("excludedVolunteers", List.of(v));
        UUID c1 = data.client(coordinator3, excluding);
        UUID c2 = data.client(coordinator3, MatchingTestData.intake());
        var r = fx.api.post("/api/matching/batch", coordinator3.accessToken(), null);
        assertEquals(200, r.status(), r.toString());
        assertEquals("true", r.text("optimalityCertified"));
        var proposals = r.json().get("proposals");
        assertEquals(1, proposals.size());
        assertEquals(c2.toString(), proposals.get(0).get("clientId").getStringValue());
        assertTrue(r.body().contains("\"clientId\":\"" + c1 + "\",\"pseudonym\""), r.body());
        assertTrue(r.body().contains("NO_FEASIBLE_VOLUNTEER"), r.body());
    }

    @Test
    void anotherOrganisationFindsNothing() {
        UUID client = data.client(coordinator, MatchingTestData.intake());
        var stranger = fx.coordinator(fx.organisation());
        assertEquals(404, fx.api.get("/api/clients/" + client, stranger.accessToken()).status());
        assertEquals(404, fx.api.get("/api/clients/" + client + "/suggestions", stranger.accessToken()).status());
        assertFalse(fx.api.get("/api/clients", stranger.accessToken()).body().contains(client.toString()));
    }

    @Test
    void badIntakesAreProblems() {
        var contradictory = MatchingTestData.intake();
        contradictory.put("requiredLanguages", List.of("sv"));
        contradictory.put("excludedLanguages", List.of("sv"));
        var r = fx.api.post("/api/clients", coordinator.accessToken(), contradictory);
        assertEquals(400, r.status(), r.toString());
        var unknownBand = MatchingTestData.intake();
        unknownBand.put("ageBand", "AGE_3_5");
        assertEquals(400, fx.api.post("/api/clients", coordinator.accessToken(), unknownBand).status());
        var badLanguage = MatchingTestData.intake();
        badLanguage.put("languages", List.of("Svenska!"));
        var lang = fx.api.post("/api/clients", coordinator.accessToken(), badLanguage);
        assertEquals(400, lang.status());
        assertTrue(lang.body().contains("\"field\":\"languages"), lang.body());
        var realName = MatchingTestData.intake();
        realName.put("name", "Amina");
        assertEquals(400, fx.api.post("/api/clients", coordinator.accessToken(), realName).status(),
                "there is no field for a real name");
    }
}
