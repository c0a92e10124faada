package se.bredvid.identity;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An admin resets a lost authenticator and lifts a sign-in lock-out; both audited; nobody else may. */
@MicronautTest(transactional = false)
class AdminStaffSupportIT implements PostgresBacked {

    static final String SOURCE = "203.0.113.77";

    @Inject
    Fixtures fx;

    private Api.Response login(Map<String, Object> body) {
        return fx.api.send(HttpMethod.POST, "/api/auth/login", null, body, Map.of("X-Forwarded-For", SOURCE));
    }

    private int audited(String adminToken, String action, UUID id) {
        var r = fx.api.get("/api/admin/audit?action=" + action + "&objectType=STAFF_ACCOUNT&objectId=" + id, adminToken);
        assertEquals(200, r.status(), r.toString());
        return r.json().get("entries").size();
    }

    @Test
    void resetTotpEndsTheSessionsAndTheNextSignInEnrolsAgain() {
        var admin = fx.admin();
        var staff = fx.coordinator(fx.organisation());
        assertEquals(200, fx.api.get("/api/auth/me", staff.accessToken()).status());

        var r = fx.api.post("/api/admin/staff/" + staff.id() + "/reset-totp", admin.accessToken(), Map.of());
        assertEquals(200, r.status(), r.toString());
        assertEquals("false", r.text("totpEnabled"), r.body());
        assertEquals(401, fx.api.get("/api/auth/me", staff.accessToken()).status(), "every session ended");
        // The old authenticator no longer signs in; the password alone leads to a new enrolment.
        var again = login(Map.of("username", staff.username(), "password", staff.password()));
        assertEquals(200, again.status(), again.toString());
        assertEquals("TOTP_ENROLMENT_REQUIRED", again.text("status"));
        assertTrue(again.text("provisioningUri").startsWith("otpauth://"), again.body());
        assertTrue(!again.text("provisioningUri").contains(java.util.Base64.getEncoder().encodeToString(staff.totpSecret())));
        assertEquals(1, audited(admin.accessToken(), "RESET_TOTP", staff.id()));
    }

    @Test
    void unlockLiftsTheLockOutOfTheAccountsName() {
        var admin = fx.admin();
        var staff = fx.coordinator(fx.organisation());
        for (int i = 0; i < SignInBackoff.FREE_FAILURES; i++) {
            assertEquals(401, login(Map.of("username", staff.username(), "password", "wrong-" + i + "-xxxxxxxx", "totp", "123456")).status());
        }
        var real = Map.<String, Object>of("username", staff.username(), "password", staff.password(), "totp", fx.totp(staff.totpSecret()));
        assertEquals(429, login(real).status(), "locked");

        var r = fx.api.post("/api/admin/staff/" + staff.id() + "/unlock", admin.accessToken(), Map.of());
        assertEquals(204, r.status(), r.toString());
        var after = login(Map.of("username", staff.username(), "password", staff.password(), "totp", fx.totp(staff.totpSecret())));
        assertEquals(200, after.status(), after.toString());
        assertEquals("SIGNED_IN", after.text("status"));
        assertEquals(1, audited(admin.accessToken(), "UNLOCK", staff.id()));
    }

    @Test
    void onlyAnAdminMayAndAnUnknownAccountIsNotFound() {
        var admin = fx.admin();
        var coordinator = fx.coordinator(fx.organisation());
        var handlaggare = fx.handlaggare(fx.municipality());
        for (String action : new String[] {"reset-totp", "unlock"}) {
            for (var caller : new Fixtures.Staff[] {coordinator, handlaggare}) {
                var r = fx.api.post("/api/admin/staff/" + coordinator.id() + "/" + action, caller.accessToken(), Map.of());
                assertEquals(403, r.status(), action + " " + r);
            }
            var missing = fx.api.post("/api/admin/staff/" + UUID.randomUUID() + "/" + action, admin.accessToken(), Map.of());
            assertEquals(404, missing.status(), missing.toString());
            assertTrue(missing.contentType().startsWith("application/problem+json"), missing.contentType());
        }
        // The coordinator's second factor is untouched by the refused calls.
        assertNotEquals(401, fx.api.get("/api/auth/me", coordinator.accessToken()).status());
    }
}
