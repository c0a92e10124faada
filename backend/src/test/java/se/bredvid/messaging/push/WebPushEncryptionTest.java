package se.bredvid.messaging.push;

import org.junit.jupiter.api.Test;
import se.bredvid.protocol.Base64Url;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static se.bredvid.messaging.push.Rfc8291.bytes;

class WebPushEncryptionTest {

    @Test
    void reproducesTheRfc8291ExampleByteForByte() {
        byte[] body = WebPushEncryption.encrypt(Rfc8291.PLAINTEXT, bytes(Rfc8291.UA_PUBLIC), bytes(Rfc8291.AUTH_SECRET),
                new BigInteger(1, bytes(Rfc8291.AS_PRIVATE)), bytes(Rfc8291.SALT));
        assertEquals(Rfc8291.BODY, Base64Url.encode(body));
    }

    @Test
    void theExamplesApplicationServerKeyIsWhatTheRfcPrints() {
        assertArrayEquals(bytes(Rfc8291.AS_PUBLIC), P256.publicKeyOf(new BigInteger(1, bytes(Rfc8291.AS_PRIVATE))));
    }

    @Test
    void theHeaderCarriesSaltRecordSizeAndTheServersKey() {
        byte[] body = WebPushEncryption.encrypt(Rfc8291.PLAINTEXT, bytes(Rfc8291.UA_PUBLIC), bytes(Rfc8291.AUTH_SECRET),
                new BigInteger(1, bytes(Rfc8291.AS_PRIVATE)), bytes(Rfc8291.SALT));
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        assertArrayEquals(bytes(Rfc8291.SALT), salt);
        assertEquals(4096, in.getInt());
        assertEquals(65, in.get());
        assertArrayEquals(bytes(Rfc8291.AS_PUBLIC), Arrays.copyOfRange(body, 21, 86));
        assertEquals(86 + Rfc8291.PLAINTEXT.length + 1 + 16, body.length);
    }

    @Test
    void theIndependentBrowserSideDerivesTheRfcsIntermediateValues() throws GeneralSecurityException {
        byte[][] keys = BrowserSide.derive(bytes(Rfc8291.UA_PRIVATE), bytes(Rfc8291.UA_PUBLIC), bytes(Rfc8291.AS_PUBLIC),
                bytes(Rfc8291.AUTH_SECRET), bytes(Rfc8291.SALT));
        assertEquals(Rfc8291.ECDH_SECRET, Base64Url.encode(keys[0]));
        assertEquals(Rfc8291.CEK, Base64Url.encode(keys[1]));
        assertEquals(Rfc8291.NONCE, Base64Url.encode(keys[2]));
    }

    @Test
    void theBrowserDecryptsTheExample() throws GeneralSecurityException {
        byte[] plaintext = BrowserSide.decrypt(bytes(Rfc8291.BODY), bytes(Rfc8291.UA_PRIVATE), bytes(Rfc8291.UA_PUBLIC),
                bytes(Rfc8291.AUTH_SECRET));
        assertArrayEquals(Rfc8291.PLAINTEXT, plaintext);
    }

    @Test
    void aBrowserDecryptsAFreshEncryption() throws GeneralSecurityException {
        byte[][] browser = BrowserSide.newKeyPair();
        byte[] auth = new SecureRandom().generateSeed(16);
        PushSubscription subscription = new PushSubscription(java.net.URI.create("https://fcm.googleapis.com/fcm/send/x"),
                browser[1], auth);
        byte[] body = new WebPushEncryption(new SecureRandom()).encrypt(WebPushSender.WAKE, subscription);
        assertArrayEquals(WebPushSender.WAKE, BrowserSide.decrypt(body, browser[0], browser[1], auth));
    }

    @Test
    void everyEncryptionHasAFreshSaltAndServerKey() {
        PushSubscription subscription = PushSubscription.fromBrowser("https://fcm.googleapis.com/fcm/send/x",
                Rfc8291.UA_PUBLIC, Rfc8291.AUTH_SECRET);
        WebPushEncryption encryption = new WebPushEncryption(new SecureRandom());
        byte[] first = encryption.encrypt(WebPushSender.WAKE, subscription);
        byte[] second = encryption.encrypt(WebPushSender.WAKE, subscription);
        assertFalse(Arrays.equals(Arrays.copyOf(first, 16), Arrays.copyOf(second, 16)), "salt");
        assertFalse(Arrays.equals(Arrays.copyOfRange(first, 21, 86), Arrays.copyOfRange(second, 21, 86)), "key");
    }

    @Test
    void aPayloadLargerThanOneRecordIsRefused() {
        PushSubscription subscription = PushSubscription.fromBrowser("https://fcm.googleapis.com/fcm/send/x",
                Rfc8291.UA_PUBLIC, Rfc8291.AUTH_SECRET);
        WebPushEncryption encryption = new WebPushEncryption(new SecureRandom());
        assertEquals(3993, WebPushEncryption.MAX_PLAINTEXT);
        assertEquals(4096, encryption.encrypt(new byte[3993], subscription).length);
        assertThrows(IllegalArgumentException.class, () -> encryption.encrypt(new byte[3994], subscription));
    }
}
