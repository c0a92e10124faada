package se.bredvid.matching;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.recruiting.Recruits;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The overview's matching side: active assignments by month and the waiting list's waiting times. */
@MicronautTest(transactional = false)
class MatchingOverviewIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Test
    void countsActiveAssignmentsByMonthAndWaitingTimesInBands() {
        var coordinator = fx.coordinator(fx.organisation());
        var data = new MatchingTestData(fx, new Recruits(fx, clock));
        try {
            UUID volunteer = data.volunteer(coordinator, "WOMAN", 30, List.of());
            clock.reset(); // building the volunteer may leave the clock elsewhere
            clock.advance(Duration.ofDays(-40));
            data.client(coordinator, MatchingTestData.intake());
            clock.reset();
            data.client(coordinator, MatchingTestData.intake());
            UUID paired = data.client(coordinator, MatchingTestData.intake());
            UUID assignment = data.propose(coordinator, paired, volunteer, "IDEELL");
            assertEquals(200, data.move(coordinator, assignment, "ACTIVE", null).status());
        } finally {
            clock.reset();
        }
        var r = fx.api.get("/api/matching/overview", coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        JsonNode months = r.json().get("activeByMonth");
        assertEquals(12, months.size());
        assertEquals(1, months.get(11).get("active").getLongValue(), "active now");
        assertEquals(0, months.get(0).get("active").getLongValue(), "none a year ago");
        assertEquals(2, r.json().get("waiting").getLongValue());
        assertEquals(40, r.json().get("longestWaitingDays").getLongValue());
        assertEquals(20.0, r.json().get("medianWaitingDays").getDoubleValue(), 0.001);
        JsonNode bands = r.json().get("waitingTimes");
        assertEquals(1, bands.get(0).get("clients").getLongValue(), "0-7 days");
        assertEquals(1, bands.get(2).get("clients").getLongValue(), "31-90 days");
    }

    @Test
    void aHandlaggareMayNotSeeIt() {
        assertEquals(403, fx.api.get("/api/matching/overview", fx.handlaggare(fx.municipality()).accessToken()).status());
    }
}
