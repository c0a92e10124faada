package se.bredvid.identity;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;
import se.bredvid.testing.TestDatabase;
import se.bredvid.testing.TestSubjects;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class DeviceIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Property(name = "test.database.name")
    String databaseName;

    UUID org;
    Fixtures.Staff coordinator;

    @BeforeAll
    void tenants() {
        org = fx.organisation();
        coordinator = fx.coordinator(org);
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private Api pair(String code) {
        return new Api(fx.api.post("/api/devices/pair", null,
                Map.of("code", code, "identityKey", Fixtures.publicKey(Fixtures.newIdentityKey()))));
    }

    private record Api(se.bredvid.testing.Api.Response r) {
    }

    private UUID client() {
        UUID id = UUID.randomUUID();
        TestSubjects.allow(SubjectKind.CLIENT, org, id);
        return id;
    }

    @Test
    void aPairedDeviceSignsInByChallengeAndGetsTheClientRole() {
        var device = fx.pairedDevice(coordinator, SubjectKind.CLIENT, UUID.randomUUID());
        var me = fx.api.get("/api/auth/me", device.accessToken());
        assertEquals(200, me.status(), me.toString());
        assertEquals("CLIENT_DEVICE", me.text("role"));
        assertEquals(device.deviceId().toString(), me.text("id"));
    }

    @Test
    void aPairingCodeWorksOnce() {
        String code = fx.issueCode(coordinator, SubjectKind.CLIENT, client());
        assertEquals(201, pair(code).r().status());
        var again = pair(code).r();
        assertEquals(400, again.status());
        assertEquals("urn:bredvid:problem:pairing-code-invalid", again.problemType());
    }

    @Test
    void aPairingCodeExpiresAfter72Hours() {
        String code = fx.issueCode(coordinator, SubjectKind.CLIENT, client());
        clock.advance(Duration.ofHours(72).plusSeconds(1));
        assertEquals("urn:bredvid:problem:pairing-code-invalid", pair(code).r().problemType());
    }

    @Test
    void anUnknownCodeLooksLikeAnExpiredOne() {
        String unknown = PairingCodes.generate(new java.security.SecureRandom());
        var r = pair(unknown).r();
        assertEquals(400, r.status());
        assertEquals("urn:bredvid:problem:pairing-code-invalid", r.problemType());
    }

    @Test
    void hammeringOneCodeIsRateLimited() {
        String code = PairingCodes.generate(new java.security.SecureRandom());
        for (int i = 0; i < se.bredvid.platform.RateLimit.PAIRING_PER_CODE.permits(); i++) {
            assertEquals(400, pair(code).r().status());
        }
        var r = pair(code).r();
        assertEquals(429, r.status());
        assertTrue(r.raw().getHeaders().get("Retry-After") != null);
    }

    @Test
    void aWrongCheckSymbolIsRejectedBeforeAnyDatabaseLookup() throws Exception {
        String code = fx.issueCode(coordinator, SubjectKind.CLIENT, client());
        String normal = PairingCodes.normalise(code).orElseThrow();
        char last = normal.charAt(15);
        char other = PairingCodes.ALPHABET.charAt((PairingCodes.ALPHABET.indexOf(last) + 1) % 32);
        String typo = normal.substring(0, 15) + other;
        try (Connection c = TestDatabase.admin(); Statement st = c.createStatement()) {
            st.execute("alter database " + databaseName + " allow_connections false");
            st.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '" + databaseName + "'");
            // With the database unreachable, a typo is still answered, precisely: nothing was looked up.
            var r = pair(typo).r();
            assertEquals(400, r.status(), r.toString());
            assertEquals("urn:bredvid:problem:validation", r.problemType());
            assertTrue(r.body().contains("\"field\":\"code\""));
        } finally {
            try (Connection c = TestDatabase.admin(); Statement st = c.createStatement()) {
                st.execute("alter database " + databaseName + " allow_connections true");
            }
        }
        // After the outage the pool may hold dead connections: those requests answer 503, never 500.
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(30);
        int status;
        do {
            status = pair(code).r().status();
        } while (status == 503 && java.time.Instant.now().isBefore(deadline));
        assertEquals(201, status, "the real code still works afterwards");
    }

    @Test
    void aReplayedChallengeIsRefused() {
        UUID subject = client();
        String code = fx.issueCode(coordinator, SubjectKind.CLIENT, subject);
        var key = Fixtures.newIdentityKey();
        var paired = fx.api.post("/api/devices/pair", null, Map.of("code", code, "identityKey", Fixtures.publicKey(key)));
        UUID deviceId = UUID.fromString(paired.text("deviceId"));
        var challenge = fx.api.post("/api/devices/challenge", null, Map.of("deviceId", deviceId));
        String nonce = challenge.text("nonce");
        long issuedAt = Long.parseLong(challenge.text("issuedAt"));
        Map<String, Object> signIn = Map.of("deviceId", deviceId, "nonce", nonce, "issuedAt", issuedAt,
                "signature", Fixtures.sign(key, Base64.getUrlDecoder().decode(nonce), issuedAt, "sign-in"));
        assertEquals(200, fx.api.post("/api/devices/sign-in", null, signIn).status());
        assertEquals(401, fx.api.post("/api/devices/sign-in", null, signIn).status());
    }

    @Test
    void aSignatureByAnotherKeyOrForAnotherPurposeIsRefused() {
        var device = fx.pairedDevice(coordinator, SubjectKind.CLIENT, UUID.randomUUID());
        var challenge = fx.api.post("/api/devices/challenge", null, Map.of("deviceId", device.deviceId()));
        byte[] nonce = Base64.getUrlDecoder().decode(challenge.text("nonce"));
        long issuedAt = Long.parseLong(challenge.text("issuedAt"));
        var stranger = Fixtures.newIdentityKey();
        assertEquals(401, fx.api.post("/api/devices/sign-in", null, Map.of("deviceId", device.deviceId(),
                "nonce", challenge.text("nonce"), "issuedAt", issuedAt,
                "signature", Fixtures.sign(stranger, nonce, issuedAt, "sign-in"))).status());
        assertEquals(401, fx.api.post("/api/devices/sign-in", null, Map.of("deviceId", device.deviceId(),
                "nonce", challenge.text("nonce"), "issuedAt", issuedAt,
                "signature", Fixtures.sign(device.key(), nonce, issuedAt, "other-purpose"))).status());
    }

    @Test
    void anExpiredChallengeIsRefused() {
        var device = fx.pairedDevice(coordinator, SubjectKind.CLIENT, UUID.randomUUID());
        var challenge = fx.api.post("/api/devices/challenge", null, Map.of("deviceId", device.deviceId()));
        long issuedAt = Long.parseLong(challenge.text("issuedAt"));
        clock.advance(Duration.ofMinutes(3));
        assertEquals(401, fx.api.post("/api/devices/sign-in", null, Map.of("deviceId", device.deviceId(),
                "nonce", challenge.text("nonce"), "issuedAt", issuedAt, "signature",
                Fixtures.sign(device.key(), Base64.getUrlDecoder().decode(challenge.text("nonce")), issuedAt, "sign-in"))).status());
    }

    @Test
    void aRevokedDeviceIsRefusedAtOnce() {
        var device = fx.pairedDevice(coordinator, SubjectKind.CLIENT, UUID.randomUUID());
        assertEquals(204, fx.api.delete("/api/devices/" + device.deviceId(), coordinator.accessToken()).status());
        assertEquals(401, fx.api.get("/api/auth/me", device.accessToken()).status());
        assertEquals(401, fx.api.post("/api/auth/refresh", null, Map.of("refreshToken", device.refreshToken())).status());
        assertEquals(401, fx.deviceSignIn(device.deviceId(), device.key()).status());
    }

    @Test
    void panicWipeRevokesTheDeviceItself() {
        var device = fx.pairedDevice(coordinator, SubjectKind.CLIENT, UUID.randomUUID());
        assertEquals(204, fx.api.delete("/api/devices/me", device.accessToken()).status());
        assertEquals(401, fx.api.get("/api/auth/me", device.accessToken()).status());
    }

    @Test
    void aCoordinatorListsTheDevicesOfTheirOwnSubjectsOnly() {
        UUID subject = UUID.randomUUID();
        var device = fx.pairedDevice(coordinator, SubjectKind.CLIENT, subject);
        var list = fx.api.get("/api/devices?kind=CLIENT&subjectId=" + subject, coordinator.accessToken());
        assertEquals(200, list.status());
        assertTrue(list.body().contains(device.deviceId().toString()));

        var stranger = fx.coordinator(fx.organisation());
        var foreign = fx.api.get("/api/devices?kind=CLIENT&subjectId=" + subject, stranger.accessToken());
        assertEquals(200, foreign.status());
        assertEquals("[]", foreign.body());
        assertEquals(404, fx.api.delete("/api/devices/" + device.deviceId(), stranger.accessToken()).status());
        assertEquals(200, fx.api.get("/api/auth/me", device.accessToken()).status(), "still working");
    }

    @Test
    void aCoordinatorCannotIssueCodesForAnotherOrganisationsSubjects() {
        UUID foreignOrg = fx.organisation();
        UUID foreignClient = UUID.randomUUID();
        TestSubjects.allow(SubjectKind.CLIENT, foreignOrg, foreignClient);
        var r = fx.api.post("/api/pairing-codes", coordinator.accessToken(), Map.of("kind", "CLIENT", "subjectId", foreignClient));
        assertEquals(404, r.status());
    }

    @Test
    void aDeviceCannotRevokeAnotherSubjectsDevice() {
        var mine = fx.pairedDevice(coordinator, SubjectKind.CLIENT, UUID.randomUUID());
        var theirs = fx.pairedDevice(coordinator, SubjectKind.CLIENT, UUID.randomUUID());
        assertEquals(404, fx.api.delete("/api/devices/" + theirs.deviceId(), mine.accessToken()).status());
        assertEquals(200, fx.api.get("/api/auth/me", theirs.accessToken()).status());
    }

    @Test
    void badPairingInputIsAProblem() {
        String code = fx.issueCode(coordinator, SubjectKind.CLIENT, client());
        var r = fx.api.post("/api/devices/pair", null, Map.of("code", code, "identityKey", "too-short"));
        assertEquals(400, r.status());
        assertEquals("urn:bredvid:problem:validation", r.problemType());
        assertEquals(400, fx.api.post("/api/devices/pair", null, Map.of("code", "?!")).status());
        assertEquals(201, pair(code).r().status(), "a bad request does not use up the code");
    }
}
