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

/** A class of its own: it uses up the application limit of its application context. */
@MicronautTest(transactional = false)
class ApplicationSpamIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Test
    void applicationsBeyondTheLimitAreRefusedUntilTheWindowHasPassed() {
        var recruits = new Recruits(fx, clock);
        var coordinator = fx.coordinator(fx.organisation());
        int permits = RateLimit.APPLICATION_GLOBAL.permits();
        for (int i = 0; i < permits; i++) {
            var r = recruits.submit(coordinator.organisationId(), recruits.application("Spam " + i));
            assertEquals(202, r.status(), r.toString());
        }
        var refused = recruits.submit(coordinator.organisationId(), recruits.application("Spam over"));
        assertEquals(429, refused.status());
        assertEquals("urn:bredvid:problem:rate-limited", refused.problemType());
        assertNotNull(refused.raw().getHeaders().get("Retry-After"));
        // Probing for organisations costs permits as well: no 404 while limited.
        assertEquals(429, recruits.submit(UUID.randomUUID(), recruits.application("Probe")).status());
        assertEquals(permits, recruits.api.get("/api/recruiting/volunteers", coordinator.accessToken()).json().size());

        clock.advance(RateLimit.APPLICATION_GLOBAL.window());
        assertEquals(202, recruits.submit(coordinator.organisationId(), recruits.application("Later")).status());
    }
}
