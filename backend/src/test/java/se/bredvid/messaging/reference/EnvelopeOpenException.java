package se.bredvid.messaging.reference;

/** Why a device refused an envelope. A real client shows none of this detail to anyone. */
public final class EnvelopeOpenException extends RuntimeException {

    public enum Reason {
        /** Addressed to another device. */
        NOT_FOR_THIS_DEVICE,
        /** This device has no (longer a) private pre-key with the envelope's recipientKeyId. */
        UNKNOWN_RECIPIENT_KEY,
        /** The sender pre-key offered is not the one named in the envelope, or is not signed by the sender. */
        SENDER_KEY_NOT_VERIFIED,
        /** The AEAD refused: the ciphertext, enc, a header field or the sender's key is not what was sealed. */
        DECRYPTION_FAILED,
        /** Opened, but the plaintext framing is wrong. */
        BAD_PLAINTEXT
    }

    private final Reason reason;

    public EnvelopeOpenException(Reason reason) {
        super(reason.name(), null, false, false);
        this.reason = reason;
    }

    public Reason reason() {
        return reason;
    }
}
