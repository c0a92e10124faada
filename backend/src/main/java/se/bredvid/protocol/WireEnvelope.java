package se.bredvid.protocol;

import io.micronaut.serde.annotation.Serdeable;

/**
 * An envelope exactly as it travels in JSON (docs/protocol.md §5). Fields are boxed so that a missing
 * field is reported as missing rather than read as zero. {@link #check()} applies every rule a receiver
 * must apply before storing or opening it.
 */
@Serdeable
public record WireEnvelope(Integer v, String conversationId, String senderDeviceId, String recipientDeviceId,
                           String messageId, Long senderKeyId, Long recipientKeyId, String enc, String ct) {

    public static final int VERSION = 1;
    public static final int ENC_LENGTH = 32;

    public static WireEnvelope of(EnvelopeHeader header, byte[] enc, byte[] ct) {
        return new WireEnvelope(VERSION, header.conversationId().toString(), header.senderDeviceId().toString(),
                header.recipientDeviceId().toString(), header.messageId().toString(), header.senderKeyId(),
                header.recipientKeyId(), Base64Url.encode(enc), Base64Url.encode(ct));
    }

    /**
     * @throws InvalidCryptoInputException naming the first field that breaks the protocol
     */
    public Checked check() {
        if (v == null || v != VERSION) {
            throw new InvalidCryptoInputException("v", "must be 1");
        }
        EnvelopeHeader header = new EnvelopeHeader(
                ProtocolBytes.parseUuid("conversationId", conversationId),
                ProtocolBytes.parseUuid("senderDeviceId", senderDeviceId),
                ProtocolBytes.parseUuid("recipientDeviceId", recipientDeviceId),
                ProtocolBytes.parseUuid("messageId", messageId),
                ProtocolBytes.requireKeyId("senderKeyId", required("senderKeyId", senderKeyId)),
                ProtocolBytes.requireKeyId("recipientKeyId", required("recipientKeyId", recipientKeyId)));
        byte[] encBytes = Base64Url.decode("enc", enc, ENC_LENGTH);
        byte[] ctBytes = Base64Url.decode("ct", ct);
        if (!PlaintextPadding.isValidCiphertextLength(ctBytes.length)) {
            // No honest client makes another length (padding to 256-byte blocks plus the 16-byte tag).
            throw new InvalidCryptoInputException("ct", "must be 256·k + 16 bytes long, 1 ≤ k ≤ 257");
        }
        return new Checked(header, encBytes, ctBytes);
    }

    private static long required(String field, Long value) {
        if (value == null) {
            throw new InvalidCryptoInputException(field, "is required");
        }
        return value;
    }

    /** A well-formed envelope: its header (for the AAD and for routing), {@code enc} and {@code ct}. */
    public record Checked(EnvelopeHeader header, byte[] enc, byte[] ct) {

        public Checked {
            enc = enc.clone();
            ct = ct.clone();
        }

        @Override
        public byte[] enc() {
            return enc.clone();
        }

        @Override
        public byte[] ct() {
            return ct.clone();
        }

        /** The size bucket the server may record: the number of 256-byte plaintext blocks. */
        public int blocks() {
            return PlaintextPadding.blocks(ct.length);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Checked other && header.equals(other.header)
                    && java.util.Arrays.equals(enc, other.enc) && java.util.Arrays.equals(ct, other.ct);
        }

        @Override
        public int hashCode() {
            return header.hashCode();
        }

        @Override
        public String toString() {
            return "Envelope[" + header + ", blocks=" + blocks() + "]";
        }
    }
}
