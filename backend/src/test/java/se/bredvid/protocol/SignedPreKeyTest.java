package se.bredvid.protocol;

import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import org.bouncycastle.math.ec.rfc7748.X25519;
import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SignedPreKeyTest {

    private final SecureRandom random = new SecureRandom();
    private final Ed25519PrivateKeyParameters identity = new Ed25519PrivateKeyParameters(random);
    private final byte[] identityPublic = identity.generatePublicKey().getEncoded();
    private final byte[] preKeyPublic = x25519Public();

    @Test
    void aPreKeySignedByTheIdentityVerifies() {
        SignedPreKey preKey = new SignedPreKey(5, preKeyPublic, sign(identity, 5, preKeyPublic));
        assertTrue(preKey.verify(identityPublic));
        assertSame(preKey, preKey.requireSignedBy(identityPublic));
    }

    @Test
    void aPreKeySignedByAnotherIdentityIsRefused() {
        Ed25519PrivateKeyParameters other = new Ed25519PrivateKeyParameters(random);
        SignedPreKey preKey = new SignedPreKey(5, preKeyPublic, sign(other, 5, preKeyPublic));
        assertFalse(preKey.verify(identityPublic));
        InvalidCryptoInputException e = assertThrows(InvalidCryptoInputException.class,
                () -> preKey.requireSignedBy(identityPublic));
        assertEquals("signature", e.field());
    }

    @Test
    void aSignatureIsBoundToItsKeyId() {
        SignedPreKey relabelled = new SignedPreKey(6, preKeyPublic, sign(identity, 5, preKeyPublic));
        assertFalse(relabelled.verify(identityPublic));
    }

    @Test
    void aSignatureIsBoundToItsKey() {
        SignedPreKey swapped = new SignedPreKey(5, x25519Public(), sign(identity, 5, preKeyPublic));
        assertFalse(swapped.verify(identityPublic));
    }

    @Test
    void aSmallOrderPreKeyIsRefused() {
        byte[] zero = new byte[32];
        byte[] one = new byte[32];
        one[0] = 1;
        assertThrows(InvalidCryptoInputException.class, () -> new SignedPreKey(1, zero, sign(identity, 1, zero)));
        assertThrows(InvalidCryptoInputException.class, () -> new SignedPreKey(1, one, sign(identity, 1, one)));
    }

    @Test
    void wrongLengthsAreRefused() {
        assertThrows(InvalidCryptoInputException.class, () -> new SignedPreKey(1, new byte[31], new byte[64]));
        assertThrows(InvalidCryptoInputException.class, () -> new SignedPreKey(1, preKeyPublic, new byte[63]));
    }

    @Test
    void theWireFormIsBase64UrlAndRoundTrips() {
        byte[] signature = sign(identity, 9, preKeyPublic);
        SignedPreKey parsed = SignedPreKey.fromWire(9, Base64Url.encode(preKeyPublic), Base64Url.encode(signature));
        assertEquals(new SignedPreKey(9, preKeyPublic, signature), parsed);
        assertTrue(parsed.verify(identityPublic));
    }

    @Test
    void theRecordCannotBeChangedThroughItsArrays() {
        SignedPreKey preKey = new SignedPreKey(5, preKeyPublic, sign(identity, 5, preKeyPublic));
        preKey.publicKey()[0] ^= 1;
        preKeyPublic[1] ^= 1;
        preKeyPublic[1] ^= 1;
        assertTrue(preKey.verify(identityPublic));
    }

    static byte[] sign(Ed25519PrivateKeyParameters key, long keyId, byte[] preKey) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, key);
        byte[] message = ProtocolBytes.preKeySignatureMessage(keyId, preKey);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }

    private byte[] x25519Public() {
        byte[] sk = new byte[32];
        X25519.generatePrivateKey(random, sk);
        byte[] pk = new byte[32];
        X25519.generatePublicKey(sk, 0, pk, 0);
        return pk;
    }
}
