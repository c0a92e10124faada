package se.bredvid.protocol;

import org.bouncycastle.math.ec.rfc7748.X25519;

import java.util.Arrays;

/**
 * An X25519 pre-key as a device publishes it: its id, the raw 32-byte public key and the device identity
 * key's Ed25519 signature over {@link ProtocolBytes#preKeySignatureMessage}. Constructing one checks the
 * shape; {@link #verify} checks that it belongs to a given identity.
 */
public record SignedPreKey(long keyId, byte[] publicKey, byte[] signature) {

    // Any clamped X25519 scalar is a multiple of the cofactor, so it maps every small-order point to zero.
    private static final byte[] PROBE_SCALAR = new byte[X25519.SCALAR_SIZE];

    static {
        PROBE_SCALAR[0] = 9;
    }

    public SignedPreKey {
        ProtocolBytes.requireKeyId("keyId", keyId);
        ProtocolBytes.requireLength("publicKey", publicKey, ProtocolBytes.X25519_KEY_LENGTH);
        ProtocolBytes.requireLength("signature", signature, Ed25519Verifier.SIGNATURE_LENGTH);
        if (!hasFullOrder(publicKey)) {
            // A small-order key makes every shared secret with it predictable.
            throw new InvalidCryptoInputException("publicKey", "is not a usable X25519 public key");
        }
        publicKey = publicKey.clone();
        signature = signature.clone();
    }

    /** Parses the wire form: key and signature as base64url without padding. */
    public static SignedPreKey fromWire(long keyId, String publicKeyBase64Url, String signatureBase64Url) {
        return new SignedPreKey(keyId,
                Base64Url.decode("publicKey", publicKeyBase64Url, ProtocolBytes.X25519_KEY_LENGTH),
                Base64Url.decode("signature", signatureBase64Url, Ed25519Verifier.SIGNATURE_LENGTH));
    }

    /** Whether {@code identityPublicKey} signed this pre-key with this id. */
    public boolean verify(byte[] identityPublicKey) {
        return Ed25519Verifier.verify(identityPublicKey,
                ProtocolBytes.preKeySignatureMessage(keyId, publicKey), signature);
    }

    /** As {@link #verify}, throwing a 400-mapped failure; for the key directory's upload path. */
    public SignedPreKey requireSignedBy(byte[] identityPublicKey) {
        if (!verify(identityPublicKey)) {
            throw new InvalidCryptoInputException("signature", "does not verify with the device's identity key");
        }
        return this;
    }

    @Override
    public byte[] publicKey() {
        return publicKey.clone();
    }

    @Override
    public byte[] signature() {
        return signature.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SignedPreKey other && keyId == other.keyId
                && Arrays.equals(publicKey, other.publicKey) && Arrays.equals(signature, other.signature);
    }

    @Override
    public int hashCode() {
        return 31 * Long.hashCode(keyId) + Arrays.hashCode(publicKey);
    }

    @Override
    public String toString() {
        return "SignedPreKey[keyId=" + keyId + ", publicKey=" + Base64Url.encode(publicKey) + "]";
    }

    private static boolean hasFullOrder(byte[] publicKey) {
        return X25519.calculateAgreement(PROBE_SCALAR, 0, publicKey, 0, new byte[X25519.POINT_SIZE], 0);
    }
}
