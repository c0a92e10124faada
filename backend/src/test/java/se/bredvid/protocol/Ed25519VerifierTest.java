package se.bredvid.protocol;

import org.junit.jupiter.api.Test;

import java.math.BigInteger;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Ed25519VerifierTest {

    // RFC 8032 §7.1, TEST 1 and TEST 2.
    private static final byte[] PK1 = Hex.bytes("d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a");
    private static final byte[] SIG1 = Hex.bytes("e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
            + "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b");
    private static final byte[] PK2 = Hex.bytes("3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c");
    private static final byte[] MSG2 = Hex.bytes("72");
    private static final byte[] SIG2 = Hex.bytes("92a009a9f0d4cab8720e820b5f642540a2b27b5416503f8fb3762223ebdb69da"
            + "085ac1e43e15996e458f3613d0f11d8c387b2eaeb4302aeeb00d291612bb0c00");

    /** The order of the Ed25519 base point. */
    private static final BigInteger L = BigInteger.TWO.pow(252).add(new BigInteger("27742317777372353535851937790883648493"));

    @Test
    void rfc8032VectorsVerify() {
        assertTrue(Ed25519Verifier.verify(PK1, new byte[0], SIG1));
        assertTrue(Ed25519Verifier.verify(PK2, MSG2, SIG2));
    }

    @Test
    void aSignatureDoesNotVerifyAnotherMessage() {
        assertFalse(Ed25519Verifier.verify(PK2, Hex.bytes("73"), SIG2));
    }

    @Test
    void aSignatureDoesNotVerifyUnderAnotherKey() {
        assertFalse(Ed25519Verifier.verify(PK1, MSG2, SIG2));
    }

    @Test
    void everyFlippedSignatureBitIsRejected() {
        for (int bit = 0; bit < SIG2.length * 8; bit++) {
            byte[] sig = SIG2.clone();
            sig[bit / 8] ^= (byte) (1 << (bit % 8));
            assertFalse(Ed25519Verifier.verify(PK2, MSG2, sig), "bit " + bit);
        }
    }

    @Test
    void wrongLengthsAreRejectedNotThrown() {
        assertFalse(Ed25519Verifier.verify(java.util.Arrays.copyOf(PK2, 31), MSG2, SIG2));
        assertFalse(Ed25519Verifier.verify(java.util.Arrays.copyOf(PK2, 33), MSG2, SIG2));
        assertFalse(Ed25519Verifier.verify(PK2, MSG2, java.util.Arrays.copyOf(SIG2, 63)));
        assertFalse(Ed25519Verifier.verify(PK2, MSG2, java.util.Arrays.copyOf(SIG2, 65)));
        assertFalse(Ed25519Verifier.verify(null, MSG2, SIG2));
        assertFalse(Ed25519Verifier.verify(PK2, null, SIG2));
        assertFalse(Ed25519Verifier.verify(PK2, MSG2, null));
    }

    @Test
    void aNonCanonicalScalarIsRejected() {
        // S + L verifies under a lenient implementation; RFC 8032 requires S < L (malleability).
        byte[] sig = SIG2.clone();
        byte[] s = reverse(java.util.Arrays.copyOfRange(sig, 32, 64));
        BigInteger malleated = new BigInteger(1, s).add(L);
        byte[] encoded = reverse(toFixed(malleated, 32));
        System.arraycopy(encoded, 0, sig, 32, 32);
        assertFalse(Ed25519Verifier.verify(PK2, MSG2, sig));
    }

    @Test
    void theIdentityPointIsNotAValidKey() {
        byte[] identity = new byte[32];
        identity[0] = 1;
        assertFalse(Ed25519Verifier.isValidPublicKey(identity));
        // With the small-order key (0, 1) and R = (0, 1), S = 0, the verification equation holds for any message.
        byte[] forged = new byte[64];
        forged[0] = 1;
        assertFalse(Ed25519Verifier.verify(identity, MSG2, forged));
    }

    @Test
    void aPointOffTheCurveIsNotAValidKey() {
        byte[] notOnCurve = new byte[32];
        notOnCurve[0] = 2;
        assertFalse(Ed25519Verifier.isValidPublicKey(notOnCurve));
    }

    @Test
    void realKeysAreValid() {
        assertTrue(Ed25519Verifier.isValidPublicKey(PK1));
        assertTrue(Ed25519Verifier.isValidPublicKey(PK2));
    }

    private static byte[] reverse(byte[] b) {
        byte[] r = new byte[b.length];
        for (int i = 0; i < b.length; i++) {
            r[i] = b[b.length - 1 - i];
        }
        return r;
    }

    private static byte[] toFixed(BigInteger v, int length) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[length];
        int copy = Math.min(raw.length, length);
        System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
        return out;
    }
}
