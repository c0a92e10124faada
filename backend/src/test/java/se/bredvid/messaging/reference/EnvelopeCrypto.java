package se.bredvid.messaging.reference;

import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.X25519PublicKeyParameters;
import se.bredvid.protocol.EnvelopeHeader;
import se.bredvid.protocol.InvalidCryptoInputException;
import se.bredvid.protocol.PlaintextPadding;
import se.bredvid.protocol.ProtocolBytes;
import se.bredvid.protocol.SignedPreKey;
import se.bredvid.protocol.WireEnvelope;

import java.util.UUID;

/**
 * Seals and opens envelopes exactly as a device does (docs/protocol.md §4–§6), with Bouncy Castle's HPKE
 * in Auth mode.
 */
public final class EnvelopeCrypto {

    private EnvelopeCrypto() {
    }

    /** A recipient device as the key directory serves it. */
    public record PeerDevice(UUID deviceId, byte[] identityPublicKey, SignedPreKey preKey) {
    }

    /**
     * Encrypts {@code json} (the UTF-8 message object) from {@code sender}'s current pre-key to the
     * recipient's signed pre-key, after checking that the recipient's identity signed it.
     */
    public static WireEnvelope seal(UUID conversationId, UUID messageId, UUID senderDeviceId, DeviceKeys sender,
                                    PeerDevice recipient, byte[] json) {
        return seal(HpkeSuite.create(), conversationId, messageId, senderDeviceId, sender, recipient, json);
    }

    static WireEnvelope seal(HPKE hpke, UUID conversationId, UUID messageId, UUID senderDeviceId, DeviceKeys sender,
                             PeerDevice recipient, byte[] json) {
        if (!recipient.preKey().verify(recipient.identityPublicKey())) {
            throw new IllegalArgumentException("the recipient's pre-key is not signed by its identity key");
        }
        EnvelopeHeader header = new EnvelopeHeader(conversationId, senderDeviceId, recipient.deviceId(), messageId,
                sender.currentPreKeyId(), recipient.preKey().keyId());
        HPKEContextWithEncapsulation context = hpke.setupAuthS(
                new X25519PublicKeyParameters(recipient.preKey().publicKey(), 0),
                ProtocolBytes.envelopeInfo(),
                sender.preKeyPair(sender.currentPreKeyId()));
        try {
            byte[] ct = context.seal(header.aad(), PlaintextPadding.pad(json));
            return WireEnvelope.of(header, context.getEncapsulation(), ct);
        } catch (InvalidCipherTextException e) {
            throw new IllegalStateException("AES-GCM refused to encrypt", e);
        }
    }

    /**
     * Opens an envelope addressed to {@code myDeviceId}.
     *
     * @param senderIdentityPublicKey the sender device's identity key (registered at pairing)
     * @param senderPreKey            the sender's signed pre-key with the envelope's {@code senderKeyId}
     * @return the UTF-8 message object
     * @throws EnvelopeOpenException        if the envelope is not for this device or does not authenticate
     * @throws InvalidCryptoInputException  if the envelope is malformed
     */
    public static byte[] open(WireEnvelope envelope, UUID myDeviceId, DeviceKeys me, byte[] senderIdentityPublicKey,
                              SignedPreKey senderPreKey) {
        WireEnvelope.Checked checked = envelope.check();
        EnvelopeHeader header = checked.header();
        if (!header.recipientDeviceId().equals(myDeviceId)) {
            throw new EnvelopeOpenException(EnvelopeOpenException.Reason.NOT_FOR_THIS_DEVICE);
        }
        if (senderPreKey.keyId() != header.senderKeyId() || !senderPreKey.verify(senderIdentityPublicKey)) {
            throw new EnvelopeOpenException(EnvelopeOpenException.Reason.SENDER_KEY_NOT_VERIFIED);
        }
        return openWithVerifiedSenderKey(checked, me, senderPreKey.publicKey());
    }

    /** The HPKE and padding half of {@link #open}, for a sender pre-key the caller has already verified. */
    static byte[] openWithVerifiedSenderKey(WireEnvelope.Checked checked, DeviceKeys me, byte[] senderPreKeyPublic) {
        EnvelopeHeader header = checked.header();
        if (!me.hasPreKey(header.recipientKeyId())) {
            throw new EnvelopeOpenException(EnvelopeOpenException.Reason.UNKNOWN_RECIPIENT_KEY);
        }
        byte[] padded;
        try {
            HPKEContext context = HpkeSuite.create().setupAuthR(checked.enc(), me.preKeyPair(header.recipientKeyId()),
                    ProtocolBytes.envelopeInfo(), new X25519PublicKeyParameters(senderPreKeyPublic, 0));
            padded = context.open(header.aad(), checked.ct());
        } catch (InvalidCipherTextException | IllegalStateException e) {
            // IllegalStateException: Bouncy Castle refuses an all-zero X25519 result (a small-order enc).
            throw new EnvelopeOpenException(EnvelopeOpenException.Reason.DECRYPTION_FAILED);
        }
        try {
            return PlaintextPadding.unpad(padded);
        } catch (InvalidCryptoInputException e) {
            throw new EnvelopeOpenException(EnvelopeOpenException.Reason.BAD_PLAINTEXT);
        }
    }
}
