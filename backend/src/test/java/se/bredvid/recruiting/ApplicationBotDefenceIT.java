package se.bredvid.recruiting;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The public form's bot traps with the production minimum fill time: a honeypot (answered as received, nothing
 * stored) and a signed hand-out time (too fast, forged or stale: a calm 400 problem; nothing stored).
 */
@MicronautTest(transactional = false)
class ApplicationBotDefenceIT implements PostgresBacked {

    static final Duration MIN_FILL = Duration.ofSeconds(5);

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    Recruits recruits;
    Fixtures.Staff coordinator;

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("bredvid.recruiting.form-min-fill-time", "5s");
    }

    @BeforeAll
    void setUp() {
        recruits = new Recruits(fx, clock);
        coordinator = fx.coordinator(fx.organisation());
    }

    private int volunteerCount() {
        return recruits.api.get("/api/recruiting/volunteers", coordinator.accessToken()).json().size();
    }

    private void assertCalmRefusal(Api.Response r) {
        assertEquals(400, r.status(), r.toString());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("urn:bredvid:problem:validation", r.problemType());
        assertTrue(r.body().contains("\"field\":\"formStamp\""), r.body());
    }

    @Test
    void aPersonWhoTakesTheirTimeIsReceived() {
        int before = volunteerCount();
        var body = recruits.application(Recruits.uniqueName("Sara"));
        clock.advance(Duration.ofMinutes(4));
        assertEquals(202, recruits.submit(coordinator.organisationId(), body).status());
        assertEquals(before + 1, volunteerCount());
    }

    @Test
    void aFormSentSoonerThanAPersonCanFillItInIsRefusedCalmlyAndCanBeSentAgain() {
        int before = volunteerCount();
        var body = recruits.application(Recruits.uniqueName("Bot"));
        clock.advance(MIN_FILL.minusSeconds(1));
        assertCalmRefusal(recruits.submit(coordinator.organisationId(), body));
        assertEquals(before, volunteerCount(), "nothing stored");
        // A fast person reads the message and sends the same form again a moment later.
        clock.advance(Duration.ofSeconds(1));
        assertEquals(202, recruits.submit(coordinator.organisationId(), body).status());
        assertEquals(before + 1, volunteerCount());
    }

    @Test
    void aFilledInHoneypotIsAnsweredAsReceivedAndDropped() {
        int before = volunteerCount();
        String name = Recruits.uniqueName("Honeypot");
        var body = recruits.application(name);
        body.put("website", "https://spam.example");
        clock.advance(MIN_FILL);
        var r = recruits.submit(coordinator.organisationId(), body);
        assertEquals(202, r.status(), r.toString());
        assertEquals("RECEIVED", r.text("status"));
        assertEquals(before, volunteerCount(), "nothing stored");
        assertTrue(!recruits.api.get("/api/recruiting/volunteers", coordinator.accessToken()).body().contains(name));
    }

    @Test
    void aFormStampTheServerDidNotSignIsRefused() {
        int before = volunteerCount();
        var body = recruits.application(Recruits.uniqueName("Forger"));
        String[] parts = ((String) body.get("formStamp")).split("\\.");
        // Back-dated by an hour to skip the wait: the signature no longer matches.
        body.put("formStamp", parts[0] + "." + parts[1] + "." + (Long.parseLong(parts[2]) - 3_600_000) + "." + parts[3]);
        assertCalmRefusal(recruits.submit(coordinator.organisationId(), body));
        body.remove("formStamp");
        var missing = recruits.submit(coordinator.organisationId(), body);
        assertEquals(400, missing.status(), missing.toString());
        assertEquals(before, volunteerCount(), "nothing stored");
    }

    @Test
    void aFormHandedOutLongAgoMustBeReloaded() {
        var body = recruits.application(Recruits.uniqueName("Sleepy"));
        var handedOut = clock.instant();
        try {
            clock.advance(Duration.ofHours(25));
            assertCalmRefusal(recruits.submit(coordinator.organisationId(), body));
            var reloaded = recruits.application(Recruits.uniqueName("Sleepy"));
            clock.advance(MIN_FILL);
            assertEquals(202, recruits.submit(coordinator.organisationId(), reloaded).status());
        } finally {
            // The other tests' staff session must not have outlived its day.
            clock.set(handedOut.plus(MIN_FILL));
        }
    }
}
