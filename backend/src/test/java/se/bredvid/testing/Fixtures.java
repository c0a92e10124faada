package se.bredvid.testing;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.generators.Ed25519KeyPairGenerator;
import org.bouncycastle.crypto.params.Ed25519KeyGenerationParameters;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.Ed25519PublicKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.StaffRole;
import se.bredvid.identity.SubjectKind;
import se.bredvid.identity.Totp;
import se.bredvid.platform.MutableClock;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Builders for test data through the real services and API: tenants, signed-in staff, paired devices. */
@Singleton
@Requires(env = Environment.TEST)
public class Fixtures {

    public record Staff(UUID id, String username, String password, byte[] totpSecret, String accessToken,
                        String refreshToken, UUID organisationId, UUID municipalityId) {
    }

    public record PairedDevice(UUID deviceId, Ed25519PrivateKeyParameters key, String accessToken, String refreshToken) {
    }

    private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();
    private final AdminService admin;
    private final MutableClock clock;
    public final Api api;

    public Fixtures(AdminService admin, MutableClock clock, @Client("/") HttpClient http, JsonMapper mapper) {
        this.admin = admin;
        this.clock = clock;
        this.api = new Api(http, mapper);
    }

    public MutableClock clock() {
        return clock;
    }

    /**
     * A new organisation that works with every municipality of this test class's database (each class has a
     * database of its own), so that referrals and proposals between fixtures' tenants go through as before the
     * links existed (issue 15). A test of an unlinked pair removes the link.
     */
    public UUID organisation() {
        UUID id = admin.createOrganisation(AuditLog.Actor.system(), "Jour " + UUID.randomUUID()).id();
        admin.municipalities().forEach(m -> admin.link(AuditLog.Actor.system(), m.id(), id));
        return id;
    }

    /** A new municipality that works with every organisation of this test class's database (as above). */
    public UUID municipality() {
        UUID id = admin.createMunicipality(AuditLog.Actor.system(), "Kommun " + UUID.randomUUID()).id();
        admin.organisations().forEach(o -> admin.link(AuditLog.Actor.system(), id, o.id()));
        return id;
    }

    public Staff admin() {
        return staff(StaffRole.ADMIN, null, null);
    }

    public Staff coordinator(UUID organisationId) {
        return staff(StaffRole.COORDINATOR, organisationId, null);
    }

    public Staff handlaggare(UUID municipalityId) {
        return staff(StaffRole.HANDLAGGARE, null, municipalityId);
    }

    /** Creates a staff account and signs it in through the API, enrolling TOTP on the way. */
    public Staff staff(StaffRole role, UUID organisationId, UUID municipalityId) {
        String username = role.name().toLowerCase() + "-" + UUID.randomUUID().toString().substring(0, 8);
        String password = "correct horse " + UUID.randomUUID();
        var view = admin.createStaff(AuditLog.Actor.system(), username, "Test " + role, role, organisationId,
                municipalityId, password);
        var first = api.post("/api/auth/login", null, Map.of("username", username, "password", password));
        assertEquals(200, first.status(), first.toString());
        String uri = first.text("provisioningUri");
        byte[] secret = base32(uri.replaceAll(".*secret=([A-Z2-7]+).*", "$1"));
        var second = api.post("/api/auth/login", null,
                Map.of("username", username, "password", password, "totp", totp(secret)));
        assertEquals(200, second.status(), second.toString());
        var tokens = second.json().get("tokens");
        return new Staff(view.id(), username, password, secret, tokens.get("accessToken").getStringValue(),
                tokens.get("refreshToken").getStringValue(), organisationId, municipalityId);
    }

    /** Signs the staff member in again (a new session). */
    public Staff signIn(Staff s) {
        var r = api.post("/api/auth/login", null, Map.of("username", s.username(), "password", s.password(),
                "totp", totp(s.totpSecret())));
        assertEquals(200, r.status(), r.toString());
        var tokens = r.json().get("tokens");
        return new Staff(s.id(), s.username(), s.password(), s.totpSecret(), tokens.get("accessToken").getStringValue(),
                tokens.get("refreshToken").getStringValue(), s.organisationId(), s.municipalityId());
    }

    /** A TOTP code for a step not used before: moves the clock to the next 30-second step. */
    public String totp(byte[] secret) {
        clock.advance(Duration.ofSeconds(30));
        return Totp.codeAt(secret, clock.instant().getEpochSecond() / 30);
    }

    public String issueCode(Staff coordinator, SubjectKind kind, UUID subjectId) {
        var r = api.post("/api/pairing-codes", coordinator.accessToken(), Map.of("kind", kind.name(), "subjectId", subjectId));
        assertEquals(201, r.status(), r.toString());
        return r.text("code");
    }

    public static Ed25519PrivateKeyParameters newIdentityKey() {
        var g = new Ed25519KeyPairGenerator();
        g.init(new Ed25519KeyGenerationParameters(RANDOM));
        AsymmetricCipherKeyPair pair = g.generateKeyPair();
        return (Ed25519PrivateKeyParameters) pair.getPrivate();
    }

    public static String publicKey(Ed25519PrivateKeyParameters key) {
        return B64U.encodeToString(((Ed25519PublicKeyParameters) key.generatePublicKey()).getEncoded());
    }

    /** Registers a test subject, issues a code, pairs a new device and signs it in. */
    public PairedDevice pairedDevice(Staff coordinator, SubjectKind kind, UUID subjectId) {
        TestSubjects.allow(kind, coordinator.organisationId(), subjectId);
        String code = issueCode(coordinator, kind, subjectId);
        var key = newIdentityKey();
        var paired = api.post("/api/devices/pair", null, Map.of("code", code, "identityKey", publicKey(key)));
        assertEquals(201, paired.status(), paired.toString());
        UUID deviceId = UUID.fromString(paired.text("deviceId"));
        var tokens = deviceSignIn(deviceId, key);
        return new PairedDevice(deviceId, key, tokens.text("accessToken"), tokens.text("refreshToken"));
    }

    public Api.Response deviceSignIn(UUID deviceId, Ed25519PrivateKeyParameters key) {
        var challenge = api.post("/api/devices/challenge", null, Map.of("deviceId", deviceId));
        assertEquals(200, challenge.status(), challenge.toString());
        String nonce = challenge.text("nonce");
        long issuedAt = Long.parseLong(challenge.text("issuedAt"));
        String signature = sign(key, Base64.getUrlDecoder().decode(nonce), issuedAt, "sign-in");
        return api.post("/api/devices/sign-in", null,
                Map.of("deviceId", deviceId, "nonce", nonce, "issuedAt", issuedAt, "signature", signature));
    }

    public static String sign(Ed25519PrivateKeyParameters key, byte[] nonce, long issuedAt, String purpose) {
        byte[] message = se.bredvid.protocol.ProtocolBytes.challengeSignatureMessage(nonce, issuedAt, purpose);
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        signer.update(message, 0, message.length);
        return B64U.encodeToString(signer.generateSignature());
    }

    static byte[] base32(String s) {
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        ByteBuffer out = ByteBuffer.allocate(s.length() * 5 / 8);
        int buffer = 0, bits = 0;
        for (char c : s.toCharArray()) {
            buffer = (buffer << 5) | alphabet.indexOf(c);
            bits += 5;
            if (bits >= 8) {
                out.put((byte) (buffer >> (bits - 8)));
                bits -= 8;
            }
        }
        return out.array();
    }
}
