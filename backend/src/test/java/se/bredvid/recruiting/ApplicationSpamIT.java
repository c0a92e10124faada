package se.bredvid.recruiting;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.platform.RateLimit;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * A class of its own: it uses up application limits of its application context. The limits are per source
 * and per organisation, never global: one sender, or a flood against one organisation, closes no one else's form.
 */
@MicronautTest(transactional = false)
class ApplicationSpamIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Test
    void oneSourceBeyondItsLimitIsRefusedUntilTheWindowHasPassed() {
        var recruits = new Recruits(fx, clock);
        var coordinator = fx.coordinator(fx.organisation());
        String spammer = Recruits.newSource();
        int permits = RateLimit.APPLICATION_PER_SOURCE.permits();
        for (int i = 0; i < permits; i++) {
            var r = recruits.submitFrom(spammer, coordinator.organisationId(), recruits.application("Spam " + i));
            assertEquals(202, r.status(), r.toString());
        }
        var refused = recruits.submitFrom(spammer, coordinator.organisationId(), recruits.application("Spam over"));
        assertEquals(429, refused.status());
        assertEquals("urn:bredvid:problem:rate-limited", refused.problemType());
        assertNotNull(refused.raw().getHeaders().get("Retry-After"));
        // Probing for organisations costs permits as well: no 404 while limited.
        assertEquals(429, recruits.submitFrom(spammer, UUID.randomUUID(), recruits.application("Probe")).status());

        // Someone else, applying to the same organisation at the same time, is not affected.
        assertEquals(202, recruits.submitFrom(Recruits.newSource(), coordinator.organisationId(),
                recruits.application("Real applicant")).status());
        assertEquals(permits + 1, recruits.api.get("/api/recruiting/volunteers", coordinator.accessToken()).json().size());

        clock.advance(RateLimit.APPLICATION_PER_SOURCE.window());
        assertEquals(202, recruits.submitFrom(spammer, coordinator.organisationId(), recruits.application("Later")).status());
    }

    @Test
    void oneOrganisationsFloodLeavesAnotherOrganisationsFormOpen() {
        var recruits = new Recruits(fx, clock);
        var flooded = fx.coordinator(fx.organisation());
        var other = fx.coordinator(fx.organisation());
        int permits = RateLimit.APPLICATION_PER_ORGANISATION.permits();
        // Many senders (a botnet), each within its own limit.
        for (int i = 0; i < permits; i++) {
            var r = recruits.submit(flooded.organisationId(), recruits.application("Flood " + i));
            assertEquals(202, r.status(), r.toString());
        }
        var closed = recruits.submit(flooded.organisationId(), recruits.application("Flood over"));
        assertEquals(429, closed.status(), closed.toString());
        assertEquals("urn:bredvid:problem:rate-limited", closed.problemType());

        var open = recruits.submit(other.organisationId(), recruits.application(Recruits.uniqueName("Hodan")));
        assertEquals(202, open.status(), open.toString());
        assertEquals(1, recruits.api.get("/api/recruiting/volunteers", other.accessToken()).json().size());
    }
}
