package se.bredvid.messaging.push;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.bredvid.protocol.Base64Url;
import se.bredvid.protocol.InvalidCryptoInputException;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PushSubscriptionTest {

    private static final String ENDPOINT = "https://updates.push.services.mozilla.com/wpush/v2/gAAAAABcdef";

    @Test
    void aBrowsersSubscriptionParses() {
        PushSubscription s = PushSubscription.fromBrowser(ENDPOINT, Rfc8291.UA_PUBLIC, Rfc8291.AUTH_SECRET);
        assertEquals(ENDPOINT, s.endpoint().toString());
        assertArrayEquals(Rfc8291.bytes(Rfc8291.UA_PUBLIC), s.p256dh());
        assertArrayEquals(Rfc8291.bytes(Rfc8291.AUTH_SECRET), s.auth());
    }

    @Test
    void aP256dhOffTheCurveIsRefused() {
        byte[] point = Rfc8291.bytes(Rfc8291.UA_PUBLIC);
        point[64] ^= 1;
        InvalidCryptoInputException e = assertThrows(InvalidCryptoInputException.class,
                () -> PushSubscription.fromBrowser(ENDPOINT, Base64Url.encode(point), Rfc8291.AUTH_SECRET));
        assertEquals("p256dh", e.field());
    }

    @Test
    void aCompressedP256dhIsRefused() {
        byte[] compressed = Arrays.copyOf(Rfc8291.bytes(Rfc8291.UA_PUBLIC), 33);
        compressed[0] = 0x02;
        assertThrows(InvalidCryptoInputException.class,
                () -> PushSubscription.fromBrowser(ENDPOINT, Base64Url.encode(compressed), Rfc8291.AUTH_SECRET));
    }

    @Test
    void anAuthSecretOfTheWrongLengthIsRefused() {
        InvalidCryptoInputException e = assertThrows(InvalidCryptoInputException.class,
                () -> PushSubscription.fromBrowser(ENDPOINT, Rfc8291.UA_PUBLIC, Base64Url.encode(new byte[15])));
        assertEquals("auth", e.field());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "fcm.googleapis.com/fcm/send/x", "ftp://fcm.googleapis.com/x",
            "https://user:pw@fcm.googleapis.com/x", "https://fcm.googleapis.com/x#frag", "mailto:a@b.c", "https://bad host/"})
    void anEndpointThatIsNotAnAbsoluteHttpUrlIsRefused(String endpoint) {
        InvalidCryptoInputException e = assertThrows(InvalidCryptoInputException.class,
                () -> PushSubscription.fromBrowser(endpoint, Rfc8291.UA_PUBLIC, Rfc8291.AUTH_SECRET));
        assertEquals("endpoint", e.field());
    }

    @Test
    void anOverlongEndpointIsRefused() {
        assertThrows(InvalidCryptoInputException.class, () -> PushSubscription.fromBrowser(
                "https://fcm.googleapis.com/" + "a".repeat(2048), Rfc8291.UA_PUBLIC, Rfc8291.AUTH_SECRET));
    }

    @Test
    void theEndpointIsNeverPrinted() {
        PushSubscription s = PushSubscription.fromBrowser(ENDPOINT, Rfc8291.UA_PUBLIC, Rfc8291.AUTH_SECRET);
        assertFalse(s.toString().contains("mozilla"));
    }
}
