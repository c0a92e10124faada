package se.bredvid.protocol;

/**
 * Checks a device's answer to a sign-in challenge (docs/protocol.md §3). Only the signature: whether the
 * nonce was issued by the server, is unused and is recent is the caller's state to check.
 */
public final class ChallengeVerifier {

    private ChallengeVerifier() {
    }

    /**
     * @return whether {@code identityPublicKey} signed exactly this nonce, time and purpose. Malformed
     * input (wrong lengths, a bad purpose) answers {@code false} like a wrong signature, so that a caller
     * cannot leak which part was wrong.
     */
    public static boolean verify(byte[] identityPublicKey, byte[] nonce, long issuedAtMillis, String purpose,
                                 byte[] signature) {
        byte[] message;
        try {
            message = ProtocolBytes.challengeSignatureMessage(nonce, issuedAtMillis, purpose);
        } catch (InvalidCryptoInputException malformed) {
            return false;
        }
        return Ed25519Verifier.verify(identityPublicKey, message, signature);
    }
}
