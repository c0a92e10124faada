package se.bredvid.recruiting;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class SupervisionIT implements PostgresBacked {

    /** The default limit (bredvid.recruiting.supervision-max-gap-weeks). */
    static final Duration LIMIT = Duration.ofDays(7 * 6);

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    Recruits recruits;
    Fixtures.Staff coordinator;

    @BeforeAll
    void setUp() {
        recruits = new Recruits(fx, clock);
        coordinator = fx.coordinator(fx.organisation());
    }

    private UUID session(String kind, Instant heldAt) {
        var r = recruits.api.post("/api/recruiting/supervision-sessions", coordinator.accessToken(),
                Map.of("heldAt", heldAt.toString(), "kind", kind, "minutes", 90));
        assertEquals(201, r.status(), r.toString());
        return UUID.fromString(r.text("id"));
    }

    private Api.Response attend(UUID session, UUID volunteer, boolean present) {
        return recruits.api.put("/api/recruiting/supervision-sessions/" + session + "/attendance/" + volunteer,
                coordinator.accessToken(), Map.of("present", present));
    }

    private Optional<JsonNode> flagged(UUID volunteer) {
        var r = recruits.api.get("/api/recruiting/supervision/overdue", coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        assertEquals(6, r.json().get("maxGapWeeks").getIntValue());
        JsonNode list = r.json().get("volunteers");
        if (list == null) {
            return Optional.empty();
        }
        for (JsonNode v : list.values()) {
            if (v.get("volunteerId").getStringValue().equals(volunteer.toString())) {
                return Optional.of(v);
            }
        }
        return Optional.empty();
    }

    @Test
    void aGroupSessionRecordsWhoAttended() {
        UUID a = recruits.volunteerIn(coordinator, VolunteerState.ACTIVE);
        UUID b = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        UUID s = session("GROUP", clock.instant().minus(Duration.ofHours(2)));
        assertEquals(204, attend(s, a, true).status());
        assertEquals(204, attend(s, b, true).status());
        var view = recruits.api.get("/api/recruiting/supervision-sessions/" + s, coordinator.accessToken());
        assertEquals(200, view.status());
        assertEquals(2, view.json().get("attendees").size());
        var list = recruits.api.get("/api/recruiting/supervision-sessions", coordinator.accessToken());
        boolean listed = false;
        for (JsonNode n : list.json().values()) {
            if (n.get("id").getStringValue().equals(s.toString())) {
                listed = true;
                assertEquals(2, n.get("attendees").getIntValue());
            }
        }
        assertTrue(listed);
    }

    private JsonNode ofVolunteer(UUID volunteer) {
        var r = recruits.api.get("/api/recruiting/volunteers/" + volunteer + "/supervision", coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    /** The volunteer's page: the sessions attended, newest first, and the same overdue flag as the list. */
    @Test
    void aVolunteersOwnSupervisionHistoryAndOverdueFlag() {
        UUID v = recruits.volunteerIn(coordinator, VolunteerState.ACTIVE);
        JsonNode fresh = ofVolunteer(v);
        assertFalse(fresh.get("overdue").getBooleanValue());
        assertTrue(fresh.get("sessions") == null || fresh.get("sessions").size() == 0);
        UUID older = session("GROUP", clock.instant().minus(Duration.ofDays(2)));
        UUID newer = session("INDIVIDUAL", clock.instant().minus(Duration.ofHours(2)));
        assertEquals(204, attend(older, v, true).status());
        assertEquals(204, attend(newer, v, true).status());
        JsonNode two = ofVolunteer(v);
        assertEquals(2, two.get("sessions").size());
        assertEquals(newer.toString(), two.get("sessions").get(0).get("id").getStringValue());
        assertEquals("INDIVIDUAL", two.get("sessions").get(0).get("kind").getStringValue());
        assertEquals(6, two.get("maxGapWeeks").getIntValue());
        clock.advance(LIMIT.plusDays(1));
        JsonNode late = ofVolunteer(v);
        assertTrue(late.get("overdue").getBooleanValue());
        assertTrue(flagged(v).isPresent());
        assertEquals(43, late.get("daysWithout").getIntValue()); // 43 days and 2 hours since the last session
        var other = recruits.api.get("/api/recruiting/volunteers/" + v + "/supervision",
                fx.coordinator(fx.organisation()).accessToken());
        assertEquals(404, other.status(), other.toString());
        var handlaggare = recruits.api.get("/api/recruiting/volunteers/" + v + "/supervision",
                fx.handlaggare(fx.municipality()).accessToken());
        assertEquals(403, handlaggare.status(), handlaggare.toString());
    }

    @Test
    void supervisionIsForVolunteersInTheRoleOnly() {
        UUID trainee = recruits.volunteerIn(coordinator, VolunteerState.IN_TRAINING);
        UUID s = session("GROUP", clock.instant().minus(Duration.ofHours(1)));
        var r = attend(s, trainee, true);
        assertEquals(409, r.status());
        assertEquals("urn:bredvid:problem:not-in-role", r.problemType());
    }

    @Test
    void anIndividualSessionHasOneVolunteer() {
        UUID a = recruits.volunteerIn(coordinator, VolunteerState.ACTIVE);
        UUID b = recruits.volunteerIn(coordinator, VolunteerState.ACTIVE);
        UUID s = session("INDIVIDUAL", clock.instant().minus(Duration.ofHours(1)));
        assertEquals(204, attend(s, a, true).status());
        var r = attend(s, b, true);
        assertEquals(409, r.status());
        assertEquals("urn:bredvid:problem:individual-session-taken", r.problemType());
    }

    @Test
    void aSessionThatHasNotTakenPlaceCannotBeAttended() {
        UUID a = recruits.volunteerIn(coordinator, VolunteerState.ACTIVE);
        UUID s = session("GROUP", clock.instant().plus(Duration.ofDays(3)));
        assertEquals(409, attend(s, a, true).status());
    }

    @Test
    void anUnknownKindOfSessionIsAProblem() {
        var r = recruits.api.post("/api/recruiting/supervision-sessions", coordinator.accessToken(),
                Map.of("heldAt", clock.instant().toString(), "kind", "THERAPY", "minutes", 60));
        assertEquals(400, r.status());
        assertEquals("urn:bredvid:problem:malformed-body", r.problemType());
    }

    @Test
    void anActiveVolunteerNeverSupervisedIsFlaggedOnceTheLimitHasPassedSinceTheyBecameActive() {
        UUID v = recruits.volunteerIn(coordinator, VolunteerState.ACTIVE);
        Instant activeSince = clock.instant();
        clock.advance(LIMIT);
        assertFalse(flagged(v).isPresent(), "exactly at the limit is not yet overdue");
        clock.advance(Duration.ofMinutes(1));
        JsonNode f = flagged(v).orElseThrow();
        assertEquals(activeSince.truncatedTo(java.time.temporal.ChronoUnit.MICROS), Instant.parse(f.get("since").getStringValue()));
        assertEquals(null, f.get("lastSupervisionAt"));
        assertEquals(42, f.get("daysWithout").getIntValue());
    }

    @Test
    void supervisionStartsTheCountAgain() {
        UUID v = recruits.volunteerIn(coordinator, VolunteerState.ACTIVE);
        clock.advance(Duration.ofDays(35));
        UUID s = session("GROUP", clock.instant().minus(Duration.ofHours(1)));
        assertEquals(204, attend(s, v, true).status());
        clock.advance(Duration.ofDays(14));
        assertFalse(flagged(v).isPresent(), "49 days active, but supervised 14 days ago");
        clock.advance(Duration.ofDays(29));
        JsonNode f = flagged(v).orElseThrow();
        assertTrue(f.get("lastSupervisionAt") != null);
    }

    @Test
    void pausedAndApprovedVolunteersAreNotFlagged() {
        UUID paused = recruits.volunteerIn(coordinator, VolunteerState.PAUSED);
        UUID approved = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        clock.advance(LIMIT.multipliedBy(2));
        assertFalse(flagged(paused).isPresent());
        assertFalse(flagged(approved).isPresent());
    }
}
