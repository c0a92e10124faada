package se.bredvid.protocol;

import org.bouncycastle.math.ec.rfc8032.Ed25519;

/**
 * Ed25519 (RFC 8032) signature verification with Bouncy Castle.
 *
 * <p>Every input is public (key, message, signature), so there is no secret for timing to reveal; what
 * matters is that malformed input cannot reach the curve code and that every failure looks the same to
 * the caller — one {@code false}, never an exception a caller might turn into a distinguishable answer.
 * The check is strict: non-canonical {@code S}, keys off the curve, non-canonical key encodings and keys
 * of small order are all rejected (a small-order key would let one signature verify for many messages).
 */
public final class Ed25519Verifier {

    public static final int PUBLIC_KEY_LENGTH = Ed25519.PUBLIC_KEY_SIZE;
    public static final int SIGNATURE_LENGTH = Ed25519.SIGNATURE_SIZE;

    private Ed25519Verifier() {
    }

    public static boolean verify(byte[] publicKey, byte[] message, byte[] signature) {
        if (publicKey == null || publicKey.length != PUBLIC_KEY_LENGTH
                || signature == null || signature.length != SIGNATURE_LENGTH || message == null) {
            return false;
        }
        Ed25519.PublicPoint point = Ed25519.validatePublicKeyFullExport(publicKey, 0);
        if (point == null) {
            return false;
        }
        return Ed25519.verify(signature, 0, point, message, 0, message.length);
    }

    /** Whether {@code publicKey} may be registered as an identity key: 32 bytes, on the curve, full order. */
    public static boolean isValidPublicKey(byte[] publicKey) {
        return publicKey != null && publicKey.length == PUBLIC_KEY_LENGTH
                && Ed25519.validatePublicKeyFull(publicKey, 0);
    }

    /** As {@link #isValidPublicKey}, throwing a 400-mapped failure naming {@code field}. */
    public static byte[] requireValidPublicKey(String field, byte[] publicKey) {
        if (!isValidPublicKey(publicKey)) {
            throw new InvalidCryptoInputException(field, "must be a valid 32-byte Ed25519 public key");
        }
        return publicKey.clone();
    }
}
