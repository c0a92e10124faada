package se.bredvid.recruiting;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The rules an installation may tune take effect. */
@MicronautTest(transactional = false)
class RecruitingConfigIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    Recruits recruits;
    Fixtures.Staff coordinator;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("bredvid.recruiting.background-check-max-age", "30d",
                "bredvid.recruiting.completion-min-sessions", "8",
                "bredvid.recruiting.supervision-max-gap-weeks", "2",
                "bredvid.recruiting.consent-text-version", "2027-test");
    }

    @BeforeAll
    void setUp() {
        recruits = new Recruits(fx, clock);
        coordinator = fx.coordinator(fx.organisation());
    }

    @Test
    void theFormAsksForConsentToTheConfiguredText() {
        assertEquals("2027-test", recruits.consentVersion());
        UUID id = recruits.apply(coordinator);
        assertEquals("2027-test", fx.api.get("/api/recruiting/volunteers/" + id, coordinator.accessToken())
                .text("consentTextVersion"));
    }

    @Test
    void aCheckOlderThanTheConfiguredAgeBlocksApproval() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.TRAINED);
        recruits.recordCheck(coordinator, id, recruits.today().minusDays(31));
        var refused = recruits.transition(coordinator, id, VolunteerState.APPROVED);
        assertEquals(409, refused.status());
        assertEquals("urn:bredvid:problem:background-check-required", refused.problemType());
        recruits.recordCheck(coordinator, id, recruits.today().minusDays(29));
        assertEquals(200, recruits.transition(coordinator, id, VolunteerState.APPROVED).status());
    }

    @Test
    void sevenOfEightAreNotEnoughWhenTheRuleAsksForEight() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.IN_TRAINING);
        var sessions = recruits.cohortOf(coordinator).sessionIds();
        recruits.attend(coordinator, id, sessions.subList(0, 7));
        var record = fx.api.get("/api/recruiting/volunteers/" + id + "/training", coordinator.accessToken());
        assertFalse(record.json().get("complete").getBooleanValue());
        assertEquals(8, record.json().get("themesRequired").getIntValue());
        recruits.attend(coordinator, id, sessions.subList(7, 8));
        assertTrue(fx.api.get("/api/recruiting/volunteers/" + id + "/training", coordinator.accessToken())
                .json().get("complete").getBooleanValue());
    }

    @Test
    void activeVolunteersAreFlaggedAfterTheConfiguredNumberOfWeeks() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.ACTIVE);
        clock.advance(Duration.ofDays(15));
        var r = fx.api.get("/api/recruiting/supervision/overdue", coordinator.accessToken());
        assertEquals(2, r.json().get("maxGapWeeks").getIntValue());
        assertTrue(r.body().contains(id.toString()), r.body());
    }
}
