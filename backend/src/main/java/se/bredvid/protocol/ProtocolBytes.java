package se.bredvid.protocol;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The canonical bytes of everything the protocol signs or binds (docs/protocol.md §3, §5), shared by
 * the server and the reference client so that the two cannot drift apart. Each message starts with
 * its own ASCII label and a zero byte, then fixed-length fields: a signature made for one purpose can
 * never be presented as one for another.
 */
public final class ProtocolBytes {

    public static final String ENVELOPE_INFO = "bredvid/v1/envelope";
    static final String PRE_KEY_LABEL = "bredvid/v1/prekey";
    static final String CHALLENGE_LABEL = "bredvid/v1/challenge";
    static final String AAD_LABEL = "bredvid/v1/aad";

    public static final int X25519_KEY_LENGTH = 32;
    public static final int CHALLENGE_NONCE_LENGTH = 32;
    public static final int MAX_PURPOSE_LENGTH = 64;
    public static final long MAX_KEY_ID = 0xFFFF_FFFFL;
    public static final int AAD_LENGTH = AAD_LABEL.length() + 1 + 4 * 16 + 2 * 4;

    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ProtocolBytes() {
    }

    /** The HPKE {@code info} of every envelope. */
    public static byte[] envelopeInfo() {
        return ascii(ENVELOPE_INFO);
    }

    /** {@code ASCII("bredvid/v1/prekey") || 0x00 || uint32_be(keyId) || preKeyPublic}. */
    public static byte[] preKeySignatureMessage(long keyId, byte[] preKeyPublic) {
        requireKeyId("keyId", keyId);
        requireLength("preKeyPublic", preKeyPublic, X25519_KEY_LENGTH);
        byte[] label = ascii(PRE_KEY_LABEL);
        return ByteBuffer.allocate(label.length + 1 + 4 + X25519_KEY_LENGTH)
                .put(label).put((byte) 0).putInt((int) keyId).put(preKeyPublic)
                .array();
    }

    /**
     * {@code ASCII("bredvid/v1/challenge") || 0x00 || nonce || uint64_be(issuedAt) || ASCII(purpose)}.
     *
     * @throws InvalidCryptoInputException if the nonce is not 32 bytes, {@code issuedAt} is negative or
     *                                     the purpose is not 1–64 printable ASCII characters without space
     */
    public static byte[] challengeSignatureMessage(byte[] nonce, long issuedAtMillis, String purpose) {
        requireLength("nonce", nonce, CHALLENGE_NONCE_LENGTH);
        if (issuedAtMillis < 0) {
            throw new InvalidCryptoInputException("issuedAt", "must not be negative");
        }
        requirePurpose(purpose);
        byte[] label = ascii(CHALLENGE_LABEL);
        byte[] purposeBytes = ascii(purpose);
        return ByteBuffer.allocate(label.length + 1 + CHALLENGE_NONCE_LENGTH + 8 + purposeBytes.length)
                .put(label).put((byte) 0).put(nonce).putLong(issuedAtMillis).put(purposeBytes)
                .array();
    }

    /**
     * {@code ASCII("bredvid/v1/aad") || 0x00 || uuid(conversationId) || uuid(senderDeviceId)
     * || uuid(recipientDeviceId) || uuid(messageId) || uint32_be(senderKeyId) || uint32_be(recipientKeyId)}.
     */
    public static byte[] envelopeAad(EnvelopeHeader header) {
        return ByteBuffer.allocate(AAD_LENGTH)
                .put(ascii(AAD_LABEL)).put((byte) 0)
                .put(uuidBytes(header.conversationId()))
                .put(uuidBytes(header.senderDeviceId()))
                .put(uuidBytes(header.recipientDeviceId()))
                .put(uuidBytes(header.messageId()))
                .putInt((int) header.senderKeyId())
                .putInt((int) header.recipientKeyId())
                .array();
    }

    /** The 16 bytes of a UUID in the order of its canonical text form. */
    public static byte[] uuidBytes(UUID uuid) {
        return ByteBuffer.allocate(16)
                .putLong(uuid.getMostSignificantBits())
                .putLong(uuid.getLeastSignificantBits())
                .array();
    }

    /**
     * Parses only the canonical lower-case 8-4-4-4-12 form: {@link UUID#fromString} also accepts
     * spellings such as {@code 1-2-3-4-5}, and two spellings of one id are one too many.
     */
    public static UUID parseUuid(String field, String value) {
        if (value == null || !CANONICAL_UUID.matcher(value).matches()) {
            throw new InvalidCryptoInputException(field, "must be a UUID in canonical lower-case form");
        }
        return UUID.fromString(value);
    }

    public static long requireKeyId(String field, long keyId) {
        if (keyId < 0 || keyId > MAX_KEY_ID) {
            throw new InvalidCryptoInputException(field, "must be an integer from 0 to 4294967295");
        }
        return keyId;
    }

    static void requireLength(String field, byte[] value, int length) {
        if (value == null || value.length != length) {
            throw new InvalidCryptoInputException(field, "must be exactly " + length + " bytes");
        }
    }

    private static void requirePurpose(String purpose) {
        if (purpose == null || purpose.isEmpty() || purpose.length() > MAX_PURPOSE_LENGTH) {
            throw new InvalidCryptoInputException("purpose", "must be 1 to 64 characters");
        }
        for (int i = 0; i < purpose.length(); i++) {
            char c = purpose.charAt(i);
            if (c < 0x21 || c > 0x7e) {
                throw new InvalidCryptoInputException("purpose", "must be printable ASCII without spaces");
            }
        }
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
