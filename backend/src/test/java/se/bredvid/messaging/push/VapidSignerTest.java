package se.bredvid.messaging.push;

import org.junit.jupiter.api.Test;
import se.bredvid.protocol.Base64Url;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VapidSignerTest {

    static final VapidProperties PROPERTIES =
            new VapidProperties(Rfc8291.AS_PUBLIC, Rfc8291.AS_PRIVATE, "mailto:drift@bredvid.example");
    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final VapidSigner signer = VapidSigner.fromProperties(PROPERTIES);

    @Test
    void theAuthorizationHeaderCarriesTheTokenAndThePublicKey() {
        String header = signer.authorization(URI.create("https://fcm.googleapis.com/fcm/send/abc"), NOW);
        assertTrue(header.startsWith("vapid t="), header);
        assertTrue(header.endsWith(", k=" + Rfc8291.AS_PUBLIC), header);
    }

    @Test
    void theTokenVerifiesWithTheConfiguredPublicKey() throws GeneralSecurityException {
        String jwt = token("https://fcm.googleapis.com/fcm/send/abc");
        assertTrue(BrowserSide.verifyJwt(jwt, Rfc8291.bytes(Rfc8291.AS_PUBLIC)));
    }

    @Test
    void theTokenDoesNotVerifyWithAnotherKey() throws GeneralSecurityException {
        String jwt = token("https://fcm.googleapis.com/fcm/send/abc");
        assertFalse(BrowserSide.verifyJwt(jwt, Rfc8291.bytes(Rfc8291.UA_PUBLIC)));
    }

    @Test
    void theHeaderNamesEs256() {
        String header = part(token("https://fcm.googleapis.com/fcm/send/abc"), 0);
        assertEquals("{\"typ\":\"JWT\",\"alg\":\"ES256\"}", header);
    }

    @Test
    void theClaimsAreTheEndpointsOriginTwelveHoursAndTheSubject() {
        String claims = part(token("https://fcm.googleapis.com/fcm/send/abc?x=1"), 1);
        assertEquals("{\"aud\":\"https://fcm.googleapis.com\",\"exp\":" + NOW.plusSeconds(12 * 3600).getEpochSecond()
                + ",\"sub\":\"mailto:drift@bredvid.example\"}", claims);
    }

    @Test
    void theAudienceKeepsOnlyANonDefaultPort() {
        assertEquals("https://push.example:8443", VapidSigner.audience(URI.create("https://push.example:8443/a")));
        assertEquals("https://push.example", VapidSigner.audience(URI.create("https://push.example:443/a")));
        assertEquals("http://127.0.0.1:9000", VapidSigner.audience(URI.create("http://127.0.0.1:9000/a")));
    }

    @Test
    void keysThatDoNotBelongTogetherStopStartUp() {
        VapidProperties mismatched = new VapidProperties(Rfc8291.UA_PUBLIC, Rfc8291.AS_PRIVATE, "mailto:a@b.example");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> VapidSigner.fromProperties(mismatched));
        assertTrue(e.getMessage().contains("public-key"));
        assertFalse(e.getMessage().contains(Rfc8291.AS_PRIVATE));
    }

    @Test
    void missingKeysStopStartUp() {
        assertThrows(IllegalStateException.class,
                () -> VapidSigner.fromProperties(new VapidProperties(null, null, "mailto:a@b.example")));
        assertThrows(IllegalStateException.class,
                () -> VapidSigner.fromProperties(new VapidProperties(Rfc8291.AS_PUBLIC, "AAAA", "mailto:a@b.example")));
    }

    @Test
    void aSubjectThatIsNotAContactStopsStartUp() {
        for (String subject : new String[] {null, "drift@bredvid.example", "mailto:a\"b@c", "http://bredvid.example"}) {
            assertThrows(IllegalStateException.class,
                    () -> VapidSigner.fromProperties(new VapidProperties(Rfc8291.AS_PUBLIC, Rfc8291.AS_PRIVATE, subject)),
                    String.valueOf(subject));
        }
    }

    @Test
    void thePrivateKeyIsNeverPrinted() {
        assertFalse(PROPERTIES.toString().contains(Rfc8291.AS_PRIVATE));
        assertFalse(signer.toString().contains(Rfc8291.AS_PRIVATE));
    }

    private String token(String endpoint) {
        String header = signer.authorization(URI.create(endpoint), NOW);
        return header.substring("vapid t=".length(), header.indexOf(", k="));
    }

    private static String part(String jwt, int index) {
        return new String(Base64Url.decode("jwt", jwt.split("\\.")[index]), StandardCharsets.UTF_8);
    }
}
