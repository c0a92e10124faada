package se.bredvid.identity;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Rotating the access-token signing key across two instances on one database (issue 16). The test's own
 * server is the installation before the rotation: it signs with key 1. Then instances A and B run with key 2
 * current and key 1's public key in {@code bredvid.jwt.previous-public-keys}: a token from key 1 stays valid on
 * both until it expires, new tokens carry key 2's kid, and a token from an unknown key, without a kid, or
 * expired is refused with the one 401 problem.
 */
@MicronautTest(transactional = false)
class JwtKeyRotationIT implements PostgresBacked {

    static final KeyPair KEY_1 = newKey();
    static final KeyPair KEY_2 = newKey();
    static final KeyPair UNKNOWN_KEY = newKey();
    static final String KID_1 = JwtKeys.kid((ECPublicKey) KEY_1.getPublic());
    static final String KID_2 = JwtKeys.kid((ECPublicKey) KEY_2.getPublic());

    @Inject
    Fixtures fx;

    @Inject
    ApplicationContext before;

    @Inject
    JsonMapper mapper;

    private final List<ApplicationContext> rotated = new ArrayList<>();
    private Api a;
    private Api b;

    static KeyPair newKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64(byte[] der) {
        return Base64.getEncoder().encodeToString(der);
    }

    static String pem(byte[] der, String label) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(der)
                + "\n-----END " + label + "-----\n";
    }

    @Override
    public Map<String, String> extraProperties() {
        return Map.of("micronaut.server.port", "-1", "bredvid.jwt.private-key", base64(KEY_1.getPrivate().getEncoded()));
    }

    @BeforeAll
    void startTwoInstancesAfterTheRotation() {
        a = instance();
        b = instance();
    }

    /** An instance on the same database with key 2 current and key 1 previous, as an operator would set it. */
    private Api instance() {
        Map<String, Object> props = new HashMap<>();
        for (String p : List.of("datasources.default.url", "datasources.default.username", "datasources.default.password")) {
            props.put(p, before.getRequiredProperty(p, String.class));
        }
        props.put("micronaut.server.port", -1);
        props.put("bredvid.jwt.private-key", pem(KEY_2.getPrivate().getEncoded(), "PRIVATE KEY"));
        props.put("bredvid.jwt.previous-public-keys", pem(KEY_1.getPublic().getEncoded(), "PUBLIC KEY"));
        ApplicationContext context = ApplicationContext.run(props, "test");
        rotated.add(context);
        EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
        return new Api(context.createBean(HttpClient.class, server.getURL()), mapper);
    }

    @AfterAll
    void stopInstances() {
        rotated.forEach(ApplicationContext::close);
    }

    private static String kidOf(String token) throws Exception {
        return SignedJWT.parse(token).getHeader().getKeyID();
    }

    private static void refused(Api.Response r) {
        assertEquals(401, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }

    /** The claims of a real token (a live session), signed again as a forger or an old instance would. */
    private static String resign(String token, KeyPair key, String kid, Instant expiresAt) throws Exception {
        JWTClaimsSet claims = SignedJWT.parse(token).getJWTClaimsSet();
        if (expiresAt != null) {
            claims = new JWTClaimsSet.Builder(claims).expirationTime(Date.from(expiresAt))
                    .issueTime(Date.from(expiresAt.minusSeconds(300))).build();
        }
        JWSHeader.Builder header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT);
        if (kid != null) {
            header.keyID(kid);
        }
        SignedJWT jwt = new SignedJWT(header.build(), claims);
        jwt.sign(new ECDSASigner((ECPrivateKey) key.getPrivate()));
        return jwt.serialize();
    }

    @Test
    void beforeTheRotationTokensCarryTheKidOfKey1() throws Exception {
        assertEquals(KID_1, kidOf(fx.admin().accessToken()));
    }

    @Test
    void aTokenSignedWithKey1StaysValidOnBothInstancesAfterTheRotation() throws Exception {
        var staff = fx.admin();
        assertEquals(KID_1, kidOf(staff.accessToken()));
        assertEquals(200, a.get("/api/auth/me", staff.accessToken()).status());
        assertEquals(200, b.get("/api/auth/me", staff.accessToken()).status());
    }

    @Test
    void newTokensCarryTheKidOfKey2AndAreValidOnBothInstances() throws Exception {
        var staff = fx.admin();
        var refreshed = a.post("/api/auth/refresh", null, Map.of("refreshToken", staff.refreshToken()));
        assertEquals(200, refreshed.status(), refreshed.toString());
        String token = refreshed.text("accessToken");
        assertEquals(KID_2, kidOf(token));
        assertEquals(200, a.get("/api/auth/me", token).status());
        assertEquals(200, b.get("/api/auth/me", token).status());
        // An instance not yet given key 2 (mid rolling restart) refuses it: the client refreshes (README).
        refused(fx.api.get("/api/auth/me", token));
    }

    @Test
    void aTokenSignedWithAnUnknownKeyIsRefused() throws Exception {
        String live = fx.admin().accessToken();
        String unknown = resign(live, UNKNOWN_KEY, JwtKeys.kid((ECPublicKey) UNKNOWN_KEY.getPublic()), null);
        String posingAsKey2 = resign(live, UNKNOWN_KEY, KID_2, null);
        for (Api instance : List.of(a, b)) {
            refused(instance.get("/api/auth/me", unknown));
            refused(instance.get("/api/auth/me", posingAsKey2));
        }
    }

    @Test
    void aTokenWithoutAKidIsRefusedEvenWithAGoodSignature() throws Exception {
        String live = fx.admin().accessToken();
        for (KeyPair key : List.of(KEY_1, KEY_2)) {
            String noKid = resign(live, key, null, null);
            refused(a.get("/api/auth/me", noKid));
            refused(b.get("/api/auth/me", noKid));
        }
        // The same claims with the kid are accepted: the kid is the only difference.
        assertEquals(200, a.get("/api/auth/me", resign(live, KEY_2, KID_2, null)).status());
    }

    @Test
    void anExpiredTokenIsRefusedWhicheverKeySignedIt() throws Exception {
        String live = fx.admin().accessToken();
        Instant past = Instant.now().minusSeconds(3600);
        for (Api instance : List.of(a, b)) {
            refused(instance.get("/api/auth/me", resign(live, KEY_1, KID_1, past)));
            refused(instance.get("/api/auth/me", resign(live, KEY_2, KID_2, past)));
        }
    }

    @Test
    void theJwksEndpointPublishesTheCurrentAndPreviousPublicKeysOnly() {
        var r = a.get("/.well-known/jwks.json", null);
        assertEquals(200, r.status(), r.toString());
        List<String> kids = new ArrayList<>();
        for (JsonNode key : r.json().get("keys").values()) {
            kids.add(key.get("kid").getStringValue());
            assertEquals("EC", key.get("kty").getStringValue());
            assertEquals("P-256", key.get("crv").getStringValue());
            assertEquals("ES256", key.get("alg").getStringValue());
            assertEquals("sig", key.get("use").getStringValue());
            assertNull(key.get("d"), "no private part");
        }
        assertEquals(List.of(KID_2, KID_1), kids);
        assertFalse(r.body().contains("\"d\""));
        var single = fx.api.get("/.well-known/jwks.json", null);
        assertEquals(Set.of(KID_1), Set.of(single.json().get("keys").get(0).get("kid").getStringValue()));
        assertEquals(1, single.json().get("keys").size());
    }
}
