package se.bredvid.identity;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.RateLimit;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The sign-in back-off is per typed name and source: a stranger who knows a username and keeps guessing locks
 * out only their own attempts. The tests' loopback is a trusted proxy (application-test.yml), so the
 * X-Forwarded-For it sends names the source, as the reverse proxy in front would.
 */
@MicronautTest(transactional = false)
class SignInLockoutIT implements PostgresBacked {

    static final String ATTACKER = "203.0.113.66";
    static final String OFFICE = "198.51.100.20";

    @Inject
    Fixtures fx;

    UUID org;

    @BeforeAll
    void tenant() {
        org = fx.organisation();
    }

    private Api.Response login(String source, Map<String, Object> body) {
        return fx.api.send(HttpMethod.POST, "/api/auth/login", null, body, Map.of("X-Forwarded-For", source));
    }

    private Map<String, Object> guess(Fixtures.Staff staff, int i) {
        return Map.of("username", staff.username(), "password", "guess-" + i + "-xxxxxxxx", "totp", "123456");
    }

    private Map<String, Object> real(Fixtures.Staff staff) {
        return Map.of("username", staff.username(), "password", staff.password(), "totp", fx.totp(staff.totpSecret()));
    }

    @Test
    void aLockedOutAttackerDoesNotLockOutTheRealUserSigningInFromElsewhere() {
        var staff = fx.coordinator(org);
        for (int i = 0; i < SignInBackoff.FREE_FAILURES; i++) {
            assertEquals(401, login(ATTACKER, guess(staff, i)).status());
        }
        var attackerLocked = login(ATTACKER, guess(staff, 99));
        assertEquals(429, attackerLocked.status(), attackerLocked.toString());
        // The attacker keeps trying while locked: still only their own lock.
        for (int i = 0; i < RateLimit.SIGN_IN_PER_NAME_AND_SOURCE.permits(); i++) {
            login(ATTACKER, guess(staff, 100 + i));
        }
        // Locked means locked: from the attacker's source even the right credentials wait.
        assertEquals(429, login(ATTACKER, real(staff)).status());

        var fromOffice = login(OFFICE, real(staff));
        assertEquals(200, fromOffice.status(), "the real user is not locked out: " + fromOffice);
        assertEquals("SIGNED_IN", fromOffice.text("status"));
    }

    @Test
    void theLockedOutAnswerIsTheSameForRealAndUnknownNames() {
        var staff = fx.coordinator(org);
        String ghost = "ghost-" + UUID.randomUUID();
        for (int i = 0; i < SignInBackoff.FREE_FAILURES; i++) {
            login(ATTACKER, guess(staff, i));
            login(ATTACKER, Map.of("username", ghost, "password", "guess-" + i + "-xxxxxxxx", "totp", "123456"));
        }
        var real = login(ATTACKER, guess(staff, 50));
        var unknown = login(ATTACKER, Map.of("username", ghost, "password", "guess-x-xxxxxxxx", "totp", "123456"));
        assertEquals(429, real.status());
        assertEquals(real.status(), unknown.status());
        assertEquals(real.problemType(), unknown.problemType());
        // A wrong password from another source is still the plain 401, not a hint that the name is under attack.
        assertEquals(401, login(OFFICE, guess(staff, 51)).status());
    }
}
