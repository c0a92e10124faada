package se.bredvid.messaging.reference;

import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.Ed25519PrivateKeyParameters;
import org.bouncycastle.crypto.params.X25519PrivateKeyParameters;
import org.bouncycastle.crypto.signers.Ed25519Signer;
import se.bredvid.protocol.ProtocolBytes;
import se.bredvid.protocol.SignedPreKey;

import java.security.SecureRandom;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * The keys of one device, as a real device holds them (docs/protocol.md §2, §8): an Ed25519 identity
 * key, and X25519 pre-keys by id of which the newest is current. Private halves never leave this object
 * except through {@link #preKeyPrivate} and {@link #identitySeed}, which exist for the test vectors.
 */
public final class DeviceKeys {

    private final Ed25519PrivateKeyParameters identity;
    private final NavigableMap<Long, X25519PrivateKeyParameters> preKeys = new TreeMap<>();
    private long currentKeyId;

    private DeviceKeys(Ed25519PrivateKeyParameters identity, long firstKeyId, X25519PrivateKeyParameters firstPreKey) {
        this.identity = identity;
        this.preKeys.put(firstKeyId, firstPreKey);
        this.currentKeyId = firstKeyId;
    }

    public static DeviceKeys generate(SecureRandom random) {
        return new DeviceKeys(new Ed25519PrivateKeyParameters(random), 1, new X25519PrivateKeyParameters(random));
    }

    /** A device with given secrets: an Ed25519 seed (32 bytes) and one X25519 private key (32 bytes). */
    public static DeviceKeys fromSecrets(byte[] identitySeed, long preKeyId, byte[] preKeyPrivate) {
        ProtocolBytes.requireKeyId("keyId", preKeyId);
        return new DeviceKeys(new Ed25519PrivateKeyParameters(identitySeed, 0), preKeyId,
                new X25519PrivateKeyParameters(preKeyPrivate, 0));
    }

    public byte[] identityPublicKey() {
        return identity.generatePublicKey().getEncoded();
    }

    public long currentPreKeyId() {
        return currentKeyId;
    }

    public SignedPreKey currentPreKey() {
        return signedPreKey(currentKeyId);
    }

    public SignedPreKey signedPreKey(long keyId) {
        byte[] publicKey = requirePreKey(keyId).generatePublicKey().getEncoded();
        return new SignedPreKey(keyId, publicKey, sign(ProtocolBytes.preKeySignatureMessage(keyId, publicKey)));
    }

    /** Weekly rotation: a fresh pre-key with the next id becomes current; the old one is kept until deleted. */
    public SignedPreKey rotatePreKey(SecureRandom random) {
        return addPreKey(preKeys.lastKey() + 1, new X25519PrivateKeyParameters(random).getEncoded());
    }

    public SignedPreKey addPreKey(long keyId, byte[] preKeyPrivate) {
        ProtocolBytes.requireKeyId("keyId", keyId);
        if (preKeys.containsKey(keyId) || keyId <= preKeys.lastKey()) {
            throw new IllegalArgumentException("pre-key ids are never reused");
        }
        preKeys.put(keyId, new X25519PrivateKeyParameters(preKeyPrivate, 0));
        currentKeyId = keyId;
        return currentPreKey();
    }

    /** The end of the grace period: the private half is gone, and with it every envelope sealed to it. */
    public void deletePreKey(long keyId) {
        if (keyId == currentKeyId) {
            throw new IllegalArgumentException("the current pre-key is not deleted; rotate first");
        }
        X25519PrivateKeyParameters removed = preKeys.remove(keyId);
        if (removed == null) {
            throw new IllegalArgumentException("no such pre-key");
        }
    }

    public boolean hasPreKey(long keyId) {
        return preKeys.containsKey(keyId);
    }

    public byte[] signChallenge(byte[] nonce, long issuedAtMillis, String purpose) {
        return sign(ProtocolBytes.challengeSignatureMessage(nonce, issuedAtMillis, purpose));
    }

    /** Test vectors only. */
    public byte[] preKeyPrivate(long keyId) {
        return requirePreKey(keyId).getEncoded();
    }

    /** Test vectors only. */
    public byte[] identitySeed() {
        return identity.getEncoded();
    }

    AsymmetricCipherKeyPair preKeyPair(long keyId) {
        X25519PrivateKeyParameters key = requirePreKey(keyId);
        return new AsymmetricCipherKeyPair(key.generatePublicKey(), key);
    }

    private X25519PrivateKeyParameters requirePreKey(long keyId) {
        X25519PrivateKeyParameters key = preKeys.get(keyId);
        if (key == null) {
            throw new EnvelopeOpenException(EnvelopeOpenException.Reason.UNKNOWN_RECIPIENT_KEY);
        }
        return key;
    }

    private byte[] sign(byte[] message) {
        Ed25519Signer signer = new Ed25519Signer();
        signer.init(true, identity);
        signer.update(message, 0, message.length);
        return signer.generateSignature();
    }
}
