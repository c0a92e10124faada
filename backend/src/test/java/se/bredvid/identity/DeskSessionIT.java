package se.bredvid.identity;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.audit.AuditLog;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The desk's cookie session: the refresh token only in an HttpOnly, Secure, SameSite=Strict cookie scoped to
 * the refresh path; rotation and replay; and the CSRF guard (custom header, Origin, Sec-Fetch-Site).
 */
@MicronautTest(transactional = false)
class DeskSessionIT implements PostgresBacked {

    private static final Pattern COOKIE = Pattern.compile("^__Secure-bredvid-desk=([^;]*)(.*)$");

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    EmbeddedServer server;

    @Inject
    JsonMapper json;

    @Inject
    AdminService admin;

    private final HttpClient http = HttpClient.newHttpClient();
    private UUID org;

    record Answer(int status, String body, String setCookie, String contentType) {
    }

    @BeforeAll
    void tenant() {
        org = fx.organisation();
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private String origin() {
        return "http://" + server.getHost() + ":" + server.getPort();
    }

    private Map<String, String> desk() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Bredvid-Desk", "1");
        h.put("Origin", origin());
        h.put("Sec-Fetch-Site", "same-origin");
        return h;
    }

    private Answer post(String path, Map<String, String> headers, String body) {
        var b = HttpRequest.newBuilder(URI.create(server.getURL() + path)).timeout(Duration.ofSeconds(20))
                .POST(body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            b.header("Content-Type", "application/json");
        }
        headers.forEach(b::header);
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body(), r.headers().firstValue("Set-Cookie").orElse(null),
                    r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private JsonNode parse(String body) {
        try {
            return json.readValue(body, JsonNode.class);
        } catch (IOException e) {
            throw new IllegalStateException(body, e);
        }
    }

    private String loginBody(Fixtures.Staff s) {
        return "{\"username\":\"" + s.username() + "\",\"password\":\"" + s.password() + "\",\"totp\":\""
                + fx.totp(s.totpSecret()) + "\"}";
    }

    private static String cookieValue(String setCookie) {
        Matcher m = COOKIE.matcher(setCookie);
        assertTrue(m.matches(), setCookie);
        return m.group(1);
    }

    private static Map<String, String> withCookie(Map<String, String> headers, String value) {
        headers.put("Cookie", "__Secure-bredvid-desk=" + value);
        return headers;
    }

    private Answer signIn(Fixtures.Staff s) {
        Answer a = post("/api/auth/desk/login", desk(), loginBody(s));
        assertEquals(200, a.status(), a.body());
        return a;
    }

    private int me(String accessToken) {
        return fx.api.get("/api/auth/me", accessToken).status();
    }

    private void assertProblem(Answer a, int status, String type) {
        assertEquals(status, a.status(), a.body());
        assertTrue(a.contentType().startsWith("application/problem+json"), "content type [" + a.contentType() + "] " + a.body());
        assertEquals(type, parse(a.body()).get("type").getStringValue());
    }

    @Test
    void signInPutsTheRefreshTokenOnlyInAStrictHttpOnlySecureCookieOnTheRefreshPath() {
        var staff = fx.coordinator(org);
        Answer a = signIn(staff);
        JsonNode body = parse(a.body());
        assertEquals("SIGNED_IN", body.get("status").getStringValue());
        assertEquals(200, me(body.get("accessToken").getStringValue()));
        assertNull(body.get("refreshToken"), "no refresh token in a body the page's script could read");
        assertTrue(body.get("idleTimeoutSeconds").getLongValue() > 0);
        assertNotNull(a.setCookie());
        String attributes = a.setCookie().toLowerCase();
        assertFalse(cookieValue(a.setCookie()).isEmpty());
        assertTrue(attributes.contains("; path=/api/auth/desk/refresh"), a.setCookie());
        assertTrue(attributes.contains("; httponly"), a.setCookie());
        assertTrue(attributes.contains("; secure"), a.setCookie());
        assertTrue(attributes.contains("; samesite=strict"), a.setCookie());
        assertFalse(attributes.contains("max-age") || attributes.contains("expires"), "a session cookie: " + a.setCookie());
    }

    @Test
    void theFirstDeskSignInOffersTheEnrolmentAndSetsNoCookie() {
        String username = "desk-" + UUID.randomUUID().toString().substring(0, 8);
        admin.createStaff(AuditLog.Actor.system(), username, "Ny Samordnare", StaffRole.COORDINATOR, org, null,
                "correct horse battery staple");
        Answer a = post("/api/auth/desk/login", desk(),
                "{\"username\":\"" + username + "\",\"password\":\"correct horse battery staple\"}");
        assertEquals(200, a.status(), a.body());
        JsonNode body = parse(a.body());
        assertEquals("TOTP_ENROLMENT_REQUIRED", body.get("status").getStringValue());
        assertTrue(body.get("provisioningUri").getStringValue().startsWith("otpauth://totp/"));
        assertNull(body.get("accessToken"));
        assertNull(a.setCookie());
    }

    @Test
    void theCookieRefreshesAndRotates() {
        var staff = fx.coordinator(org);
        String first = cookieValue(signIn(staff).setCookie());
        Answer r = post("/api/auth/desk/refresh", withCookie(desk(), first), null);
        assertEquals(200, r.status(), r.body());
        String second = cookieValue(r.setCookie());
        assertNotEquals(first, second);
        assertTrue(r.setCookie().toLowerCase().contains("; path=/api/auth/desk/refresh"));
        assertEquals(200, me(parse(r.body()).get("accessToken").getStringValue()));
        assertEquals(200, post("/api/auth/desk/refresh", withCookie(desk(), second), null).status());
    }

    @Test
    void refreshWithoutTheCookieIsAn401Problem() {
        Answer r = post("/api/auth/desk/refresh", desk(), null);
        assertProblem(r, 401, "urn:bredvid:problem:unauthorized");
    }

    @Test
    void aReplayedCookieIsRefusedAndEndsTheWholeSession() {
        var staff = fx.coordinator(org);
        Answer signedIn = signIn(staff);
        String first = cookieValue(signedIn.setCookie());
        Answer rotated = post("/api/auth/desk/refresh", withCookie(desk(), first), null);
        assertEquals(200, rotated.status());
        String newer = cookieValue(rotated.setCookie());

        Answer replay = post("/api/auth/desk/refresh", withCookie(desk(), first), null);
        assertProblem(replay, 401, "urn:bredvid:problem:unauthorized");
        assertTrue(replay.setCookie().toLowerCase().contains("max-age=0"), "the refused cookie is cleared: " + replay.setCookie());
        // Either the thief or the owner holds the newer one: both must sign in again.
        assertProblem(post("/api/auth/desk/refresh", withCookie(desk(), newer), null), 401, "urn:bredvid:problem:unauthorized");
        assertEquals(401, me(parse(rotated.body()).get("accessToken").getStringValue()));
    }

    @Test
    void aCrossSiteRefreshIsRefusedWithoutTouchingTheSession() {
        var staff = fx.coordinator(org);
        String cookie = cookieValue(signIn(staff).setCookie());

        // Another origin on this machine passes Micronaut's own localhost check and meets the desk's guard.
        var wrongOrigin = withCookie(desk(), cookie);
        wrongOrigin.put("Origin", "http://" + server.getHost() + ":1");
        assertProblem(post("/api/auth/desk/refresh", wrongOrigin, null), 403, "urn:bredvid:problem:cross-site-request");

        // A remote origin against a server bound to localhost is refused earlier, by Micronaut (a bare 403).
        var remote = withCookie(desk(), cookie);
        remote.put("Origin", "https://evil.example");
        assertEquals(403, post("/api/auth/desk/refresh", remote, null).status());

        var noHeader = withCookie(desk(), cookie);
        noHeader.remove("X-Bredvid-Desk");
        assertProblem(post("/api/auth/desk/refresh", noHeader, null), 403, "urn:bredvid:problem:cross-site-request");

        var noOrigin = withCookie(desk(), cookie);
        noOrigin.remove("Origin");
        assertProblem(post("/api/auth/desk/refresh", noOrigin, null), 403, "urn:bredvid:problem:cross-site-request");

        var crossSite = withCookie(desk(), cookie);
        crossSite.put("Sec-Fetch-Site", "cross-site");
        assertProblem(post("/api/auth/desk/refresh", crossSite, null), 403, "urn:bredvid:problem:cross-site-request");

        var lookalike = withCookie(desk(), cookie);
        lookalike.put("Origin", origin() + ".evil.example");
        assertEquals(403, post("/api/auth/desk/refresh", lookalike, null).status());

        // None of the refused requests used the cookie: it still refreshes.
        assertEquals(200, post("/api/auth/desk/refresh", withCookie(desk(), cookie), null).status());
    }

    @Test
    void aCrossSiteSignInIsRefused() {
        var staff = fx.coordinator(org);
        var headers = desk();
        headers.put("Origin", "http://" + server.getHost() + ":1");
        Answer a = post("/api/auth/desk/login", headers, loginBody(staff));
        assertProblem(a, 403, "urn:bredvid:problem:cross-site-request");
        assertNull(a.setCookie());
    }

    @Test
    void signOutEndsTheSessionAndClearsTheCookie() {
        var staff = fx.coordinator(org);
        Answer a = signIn(staff);
        String cookie = cookieValue(a.setCookie());
        String access = parse(a.body()).get("accessToken").getStringValue();
        Answer out = post("/api/auth/desk/logout", Map.of("Authorization", "Bearer " + access), null);
        assertEquals(204, out.status(), out.body());
        assertTrue(out.setCookie().toLowerCase().contains("max-age=0"), out.setCookie());
        assertTrue(out.setCookie().toLowerCase().contains("path=/api/auth/desk/refresh"), out.setCookie());
        assertEquals(401, me(access));
        assertEquals(401, post("/api/auth/desk/refresh", withCookie(desk(), cookie), null).status());
    }

    @Test
    void signOutEverywhereEndsEverySessionOfTheAccountAndNoOtherAccounts() {
        var staff = fx.coordinator(org);
        var colleague = fx.coordinator(org);
        Answer desk1 = signIn(staff);
        Answer desk2 = signIn(staff);
        String access = parse(desk1.body()).get("accessToken").getStringValue();
        Answer out = post("/api/auth/desk/logout-everywhere", Map.of("Authorization", "Bearer " + access), null);
        assertEquals(204, out.status(), out.body());
        for (String token : List.of(access, parse(desk2.body()).get("accessToken").getStringValue(), staff.accessToken())) {
            assertEquals(401, me(token));
        }
        assertEquals(401, post("/api/auth/desk/refresh", withCookie(desk(), cookieValue(desk2.setCookie())), null).status());
        assertEquals(401, fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", staff.refreshToken())).status());
        assertEquals(200, me(colleague.accessToken()));
    }

    @Test
    void aDeviceCannotUseTheDeskSignOut() {
        var device = fx.pairedDevice(fx.coordinator(org), SubjectKind.CLIENT, UUID.randomUUID());
        assertEquals(403, post("/api/auth/desk/logout-everywhere", Map.of("Authorization", "Bearer " + device.accessToken()), null).status());
    }
}
