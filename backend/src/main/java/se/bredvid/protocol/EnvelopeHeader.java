package se.bredvid.protocol;

import java.util.Objects;
import java.util.UUID;

/**
 * The fields of an envelope that its AEAD binds (docs/protocol.md §5): moving a ciphertext to another
 * conversation, device, message id or key makes it fail to open.
 */
public record EnvelopeHeader(UUID conversationId, UUID senderDeviceId, UUID recipientDeviceId, UUID messageId,
                             long senderKeyId, long recipientKeyId) {

    public EnvelopeHeader {
        Objects.requireNonNull(conversationId, "conversationId");
        Objects.requireNonNull(senderDeviceId, "senderDeviceId");
        Objects.requireNonNull(recipientDeviceId, "recipientDeviceId");
        Objects.requireNonNull(messageId, "messageId");
        ProtocolBytes.requireKeyId("senderKeyId", senderKeyId);
        ProtocolBytes.requireKeyId("recipientKeyId", recipientKeyId);
    }

    /** The associated data to pass to the AEAD for this header. */
    public byte[] aad() {
        return ProtocolBytes.envelopeAad(this);
    }
}
