package se.bredvid.identity;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class StaffAuthIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    UUID org;

    /** No trusted proxy here: X-Forwarded-For from the test client is the client's own word and is ignored. */
    @Override
    public Map<String, String> extraProperties() {
        return Map.of("bredvid.security.proxy.trusted", "192.0.2.1/32");
    }

    @BeforeAll
    void tenants() {
        org = fx.organisation();
    }

    private Map<String, Object> creds(Fixtures.Staff s, String totp) {
        return totp == null ? Map.of("username", s.username(), "password", s.password())
                : Map.of("username", s.username(), "password", s.password(), "totp", totp);
    }

    @Test
    void aCorrectPasswordAloneNeverSignsIn() {
        var staff = fx.coordinator(org);
        var r = fx.api.post("/api/auth/login", null, creds(staff, null));
        assertEquals(401, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:unauthorized", r.problemType());
    }

    @Test
    void aWrongTotpIsRefusedWithTheSameAnswerAsAWrongPassword() {
        var staff = fx.coordinator(org);
        fx.totp(staff.totpSecret());
        var wrongTotp = fx.api.post("/api/auth/login", null, creds(staff, "000000"));
        var wrongPassword = fx.api.post("/api/auth/login", null,
                Map.of("username", staff.username(), "password", "nope-nope-nope", "totp", fx.totp(staff.totpSecret())));
        var unknown = fx.api.post("/api/auth/login", null,
                Map.of("username", "nobody-" + UUID.randomUUID(), "password", "nope-nope-nope", "totp", "123456"));
        assertEquals(401, wrongTotp.status());
        assertEquals(wrongTotp.body(), wrongPassword.body());
        assertEquals(wrongTotp.body(), unknown.body());
    }

    @Test
    void aTotpCodeWorksOnlyOnce() {
        var staff = fx.coordinator(org);
        String code = fx.totp(staff.totpSecret());
        assertEquals(200, fx.api.post("/api/auth/login", null, creds(staff, code)).status());
        assertEquals(401, fx.api.post("/api/auth/login", null, creds(staff, code)).status());
    }

    @Test
    void enrolmentGivesAProvisioningUriOnlyAfterTheRightPassword() {
        var view = fx.coordinator(org);
        var unknown = fx.api.post("/api/auth/login", null, Map.of("username", "x-" + UUID.randomUUID(), "password", "whatever-123"));
        assertEquals(401, unknown.status());
        // An enrolled account never hands out its secret again.
        var again = fx.api.post("/api/auth/login", null, creds(view, null));
        assertEquals(401, again.status());
        assertTrue(!again.body().contains("otpauth"));
    }

    @Test
    void passwordGuessingBacksOffForRealAndUnknownNamesAlike() {
        var staff = fx.coordinator(org);
        String unknownName = "ghost-" + UUID.randomUUID();
        for (int i = 0; i < SignInBackoff.FREE_FAILURES; i++) {
            assertEquals(401, fx.api.post("/api/auth/login", null,
                    Map.of("username", staff.username(), "password", "guess-" + i + "-xxxxx", "totp", "123456")).status());
            assertEquals(401, fx.api.post("/api/auth/login", null,
                    Map.of("username", unknownName, "password", "guess-" + i + "-xxxxx", "totp", "123456")).status());
        }
        var locked = fx.api.post("/api/auth/login", null, creds(staff, fx.totp(staff.totpSecret())));
        var lockedUnknown = fx.api.post("/api/auth/login", null,
                Map.of("username", unknownName, "password", "guess-x-xxxxx", "totp", "123456"));
        assertEquals(429, locked.status(), "even the right credentials wait out the lock");
        assertNotNull(locked.raw().getHeaders().get("Retry-After"));
        assertEquals(429, lockedUnknown.status());
        assertEquals("urn:bredvid:problem:rate-limited", lockedUnknown.problemType());
    }

    @Test
    void aClientCannotEscapeTheLockOutByNamingAFreshSourceItself() {
        var staff = fx.coordinator(org);
        for (int i = 0; i < SignInBackoff.FREE_FAILURES; i++) {
            var r = fx.api.send(HttpMethod.POST, "/api/auth/login", null,
                    Map.of("username", staff.username(), "password", "guess-" + i + "-xxxxx", "totp", "123456"),
                    Map.of("X-Forwarded-For", "203.0.113." + i));
            assertEquals(401, r.status());
        }
        var forged = fx.api.send(HttpMethod.POST, "/api/auth/login", null, creds(staff, fx.totp(staff.totpSecret())),
                Map.of("X-Forwarded-For", "198.51.100.77"));
        assertEquals(429, forged.status(), "the header of an untrusted peer names no source: " + forged);
    }

    @Test
    void badInputIsAProblemNotAFailure() {
        var r = fx.api.post("/api/auth/login", null, Map.of("username", "", "password", "x", "totp", "12ab56"));
        assertEquals(400, r.status());
        assertEquals("urn:bredvid:problem:validation", r.problemType());
        assertNull(r.json().get("tokens"));
    }
}
