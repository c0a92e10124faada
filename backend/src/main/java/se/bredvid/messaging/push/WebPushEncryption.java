package se.bredvid.messaging.push;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.agreement.ECDHBasicAgreement;
import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.util.BigIntegers;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;

/**
 * Message Encryption for Web Push (RFC 8291): the {@code aes128gcm} content coding of RFC 8188 with a key
 * derived from ECDH between a fresh server key and the browser's {@code p256dh}, mixed with the browser's
 * {@code auth} secret. The push service relays only ciphertext.
 */
public final class WebPushEncryption {

    static final int RECORD_SIZE = 4096;
    static final int SALT_LENGTH = 16;
    private static final int TAG_LENGTH = 16;
    private static final int HEADER_LENGTH = SALT_LENGTH + 4 + 1 + P256.POINT_LENGTH;
    /** RFC 8291 §4: one record, and the whole body fits in 4096 bytes. */
    public static final int MAX_PLAINTEXT = RECORD_SIZE - HEADER_LENGTH - TAG_LENGTH - 1;

    private static final byte[] KEY_INFO = "WebPush: info\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] CEK_INFO = "Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] NONCE_INFO = "Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII);
    /** RFC 8188 §2: the last (here the only) record ends with delimiter 0x02. */
    private static final byte LAST_RECORD_DELIMITER = 0x02;

    private final SecureRandom random;

    public WebPushEncryption(SecureRandom random) {
        this.random = random;
    }

    /** Encrypts with a fresh ephemeral key pair and salt; the result is the HTTP request body. */
    public byte[] encrypt(byte[] plaintext, PushSubscription to) {
        BigInteger ephemeral = BigIntegers.createRandomInRange(BigInteger.ONE, P256.DOMAIN.getN().subtract(BigInteger.ONE), random);
        byte[] salt = new byte[SALT_LENGTH];
        random.nextBytes(salt);
        return encrypt(plaintext, to.p256dh(), to.auth(), ephemeral, salt);
    }

    /** The deterministic core, with the ephemeral key and salt given: RFC 8291 §5 pins its output. */
    static byte[] encrypt(byte[] plaintext, byte[] uaPublic, byte[] authSecret, BigInteger asPrivate, byte[] salt) {
        if (plaintext.length > MAX_PLAINTEXT) {
            throw new IllegalArgumentException("a push message holds at most " + MAX_PLAINTEXT + " bytes");
        }
        ECPublicKeyParameters ua = P256.publicKey(uaPublic);
        if (ua == null || authSecret.length != PushSubscription.AUTH_LENGTH || salt.length != SALT_LENGTH) {
            throw new IllegalArgumentException("malformed subscription keys or salt");
        }
        byte[] asPublic = P256.publicKeyOf(asPrivate);

        ECDHBasicAgreement agreement = new ECDHBasicAgreement();
        agreement.init(new ECPrivateKeyParameters(asPrivate, P256.DOMAIN));
        byte[] ecdhSecret = BigIntegers.asUnsignedByteArray(agreement.getFieldSize(), agreement.calculateAgreement(ua));

        byte[] keyInfo = ByteBuffer.allocate(KEY_INFO.length + 2 * P256.POINT_LENGTH)
                .put(KEY_INFO).put(uaPublic).put(asPublic).array();
        byte[] ikm = hkdf(authSecret, ecdhSecret, keyInfo, 32);
        byte[] cek = hkdf(salt, ikm, CEK_INFO, 16);
        byte[] nonce = hkdf(salt, ikm, NONCE_INFO, 12);

        byte[] record = new byte[plaintext.length + 1];
        System.arraycopy(plaintext, 0, record, 0, plaintext.length);
        record[plaintext.length] = LAST_RECORD_DELIMITER;

        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        gcm.init(true, new AEADParameters(new KeyParameter(cek), TAG_LENGTH * 8, nonce));
        byte[] ciphertext = new byte[gcm.getOutputSize(record.length)];
        int n = gcm.processBytes(record, 0, record.length, ciphertext, 0);
        try {
            gcm.doFinal(ciphertext, n);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM refused to encrypt", e);
        }

        return ByteBuffer.allocate(HEADER_LENGTH + ciphertext.length)
                .put(salt).putInt(RECORD_SIZE).put((byte) asPublic.length).put(asPublic)
                .put(ciphertext)
                .array();
    }

    private static byte[] hkdf(byte[] salt, byte[] ikm, byte[] info, int length) {
        HKDFBytesGenerator generator = new HKDFBytesGenerator(new SHA256Digest());
        generator.init(new HKDFParameters(ikm, salt, info));
        byte[] out = new byte[length];
        generator.generateBytes(out, 0, length);
        return out;
    }
}
