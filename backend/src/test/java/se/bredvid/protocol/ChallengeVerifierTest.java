package se.bredvid.protocol;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChallengeVerifierTest {

    private static final long ISSUED_AT = 1_767_225_600_000L;

    private final SecureRandom random = new SecureRandom();
    private final Ed25519PrivateKeyParameters identity = new Ed25519PrivateKeyParameters(random);
    private final byte[] identityPublic = identity.generatePublicKey().getEncoded();
    private final byte[] nonce = random.generateSeed(32);

    @Test
    void theDevicesAnswerVerifies() {
        byte[] signature = sign(nonce, ISSUED_AT, "sign-in");
        assertTrue(ChallengeVerifier.verify(identityPublic, nonce, ISSUED_AT, "sign-in", signature));
    }

    @Test
    void anAnswerForAnotherPurposeIsRefused() {
        byte[] signature = sign(nonce, ISSUED_AT, "sign-in");
        assertFalse(ChallengeVerifier.verify(identityPublic, nonce, ISSUED_AT, "revoke", signature));
    }

    @Test
    void anAnswerForAnotherTimeIsRefused() {
        byte[] signature = sign(nonce, ISSUED_AT, "sign-in");
        assertFalse(ChallengeVerifier.verify(identityPublic, nonce, ISSUED_AT + 1, "sign-in", signature));
    }

    @Test
    void anAnswerForAnotherNonceIsRefused() {
        byte[] signature = sign(nonce, ISSUED_AT, "sign-in");
        byte[] other = nonce.clone();
        other[31] ^= 1;
        assertFalse(ChallengeVerifier.verify(identityPublic, other, ISSUED_AT, "sign-in", signature));
    }

    @Test
    void anAnswerFromAnotherDeviceIsRefused() {
        byte[] otherPublic = new Ed25519PrivateKeyParameters(random).generatePublicKey().getEncoded();
        byte[] signature = sign(nonce, ISSUED_AT, "sign-in");
        assertFalse(ChallengeVerifier.verify(otherPublic, nonce, ISSUED_AT, "sign-in", signature));
    }

    @Test
    void malformedInputIsRefusedLikeAWrongSignature() {
        byte[] signature = sign(nonce, ISSUED_AT, "sign-in");
        assertFalse(ChallengeVerifier.verify(identityPublic, new byte[16], ISSUED_AT, "sign-in", signature));
        assertFalse(ChallengeVerifier.verify(identityPublic, nonce, -1, "sign-in", signature));
        assertFalse(ChallengeVerifier.verify(identityPublic, nonce, ISSUED_AT, "sign in", signature));
        assertFalse(ChallengeVerifier.verify(identityPublic, nonce, ISSUED_AT, null, signature));
        assertFalse(ChallengeVerifier.verify(identityPublic, null, ISSUED_AT, "sign-in", signature));
    }

    private byte[] sign(byte[] n, long issuedAt, String purpose) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, identity);
        byte[] message = ProtocolBytes.challengeSignatureMessage(n, issuedAt, purpose);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }
}
