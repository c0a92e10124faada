package se.bredvid.identity;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
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
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class TokenIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    UUID org;

    @BeforeAll
    void tenants() {
        org = fx.organisation();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private int me(String token) {
        return fx.api.get("/api/auth/me", token).status();
    }

    @Test
    void anAccessTokenNamesTheCallerAndTheirTenant() {
        var staff = fx.coordinator(org);
        var me = fx.api.get("/api/auth/me", staff.accessToken());
        assertEquals(200, me.status());
        assertEquals("COORDINATOR", me.text("role"));
        assertEquals(org.toString(), me.text("organisationId"));
    }

    @Test
    void refreshRotatesTheRefreshToken() {
        var staff = fx.coordinator(org);
        var first = fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", staff.refreshToken()));
        assertEquals(200, first.status(), first.toString());
        assertNotEquals(staff.refreshToken(), first.text("refreshToken"));
        assertEquals(200, me(first.text("accessToken")));
        var second = fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", first.text("refreshToken")));
        assertEquals(200, second.status());
    }

    @Test
    void reusingARotatedRefreshTokenRevokesTheWholeFamily() {
        var staff = fx.coordinator(org);
        var rotated = fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", staff.refreshToken()));
        assertEquals(200, rotated.status());

        var replay = fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", staff.refreshToken()));
        assertEquals(401, replay.status());
        // The legitimate holder's newer tokens die with the family.
        assertEquals(401, fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", rotated.text("refreshToken"))).status());
        assertEquals(401, me(rotated.text("accessToken")));
        assertEquals(401, me(staff.accessToken()));
    }

    @Test
    void logoutEndsTheSessionAtOnce() {
        var staff = fx.coordinator(org);
        assertEquals(204, fx.api.post("/api/auth/logout", staff.accessToken(), null).status());
        assertEquals(401, me(staff.accessToken()));
        assertEquals(401, fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", staff.refreshToken())).status());
    }

    @Test
    void adminRevocationEndsEverySessionOfTheAccountAtOnce() {
        var admin = fx.admin();
        var staff = fx.coordinator(org);
        var second = fx.signIn(staff);
        assertEquals(204, fx.api.post("/api/admin/staff/" + staff.id() + "/revoke-sessions", admin.accessToken(), null).status());
        assertEquals(401, me(staff.accessToken()));
        assertEquals(401, me(second.accessToken()));
    }

    @Test
    void aDisabledAccountCannotRefresh() {
        var admin = fx.admin();
        var staff = fx.coordinator(org);
        assertEquals(200, fx.api.post("/api/admin/staff/" + staff.id() + "/disabled", admin.accessToken(),
                Map.of("disabled", true)).status());
        assertEquals(401, fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", staff.refreshToken())).status());
        assertEquals(401, me(staff.accessToken()));
    }

    @Inject
    VerifiedTokens verified;

    /** A token's signature is verified once per instance; everything else is still checked on every use. */
    @Test
    void aTokenRememberedAsVerifiedIsStillRefusedWhenAlteredRevokedOrExpired() {
        var staff = fx.coordinator(org);
        var other = fx.coordinator(org);
        assertEquals(200, me(staff.accessToken()));
        assertTrue(verified.known(staff.accessToken()), "remembered after one verification");
        assertEquals(200, me(staff.accessToken()), "and accepted again from memory");

        String[] parts = staff.accessToken().split("\\.");
        var b64 = java.util.Base64.getUrlDecoder();
        var enc = java.util.Base64.getUrlEncoder().withoutPadding();
        String payload = new String(b64.decode(parts[1]), java.nio.charset.StandardCharsets.UTF_8);
        String promoted = enc.encodeToString(payload.replace("COORDINATOR", "ADMIN").getBytes(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals(401, me(parts[0] + "." + promoted + "." + parts[2]), "a changed claim under a remembered signature");
        String otherSignature = other.accessToken().split("\\.")[2];
        assertEquals(401, me(parts[0] + "." + parts[1] + "." + otherSignature), "another token's signature");

        assertEquals(204, fx.api.post("/api/auth/logout", staff.accessToken(), null).status());
        assertEquals(401, me(staff.accessToken()), "a remembered token of a revoked session");

        assertEquals(200, me(other.accessToken()));
        clock.advance(Duration.ofMinutes(6));
        assertFalse(verified.known(other.accessToken()), "forgotten when it expires");
        clock.reset();
    }

    @Test
    void anExpiredAccessTokenIsRefused() {
        clock.set(java.time.Instant.now().minus(Duration.ofMinutes(10)));
        var old = fx.coordinator(org);
        clock.reset();
        assertEquals(401, me(old.accessToken()));
    }

    @Test
    void anExpiredRefreshTokenIsRefused() {
        var staff = fx.coordinator(org);
        clock.advance(Duration.ofHours(13));
        assertEquals(401, fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", staff.refreshToken())).status());
    }

    @Test
    void aTamperedOrForeignTokenIsRefused() {
        var staff = fx.coordinator(org);
        String[] parts = staff.accessToken().split("\\.");
        String payload = new String(java.util.Base64.getUrlDecoder().decode(parts[1]))
                .replace("\"COORDINATOR\"", "\"ADMIN\"");
        String forged = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(payload.getBytes())
                + "." + parts[2];
        assertEquals(401, fx.api.get("/api/admin/staff", forged).status());
        assertEquals(401, me("not-a-token"));
    }

    @Test
    void theWrongRoleIsForbidden() {
        var staff = fx.coordinator(org);
        var r = fx.api.get("/api/admin/staff", staff.accessToken());
        assertEquals(403, r.status());
        assertEquals("application/problem+json", r.contentType());
    }

    @Test
    void garbageRefreshTokensAreAnsweredWithoutAFailure() {
        assertEquals(401, fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", "x".repeat(150))).status());
        assertEquals(400, fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", "")).status());
        assertEquals(400, fx.api.post("/api/auth/refresh", null, "{\"refreshToken\": 5, ").status());
    }
}
