package se.bredvid.protocol;

import java.nio.ByteBuffer;

/**
 * The plaintext framing of docs/protocol.md §6: {@code uint16_be(len) || json || zeros} up to a multiple
 * of 256 bytes. The server sees only the number of 256-byte blocks, not the length of a message; it uses
 * {@link #isValidCiphertextLength} to refuse envelopes no honest client would make.
 */
public final class PlaintextPadding {

    public static final int BLOCK = 256;
    public static final int MAX_CONTENT_LENGTH = 0xFFFF;
    public static final int MAX_BLOCKS = (2 + MAX_CONTENT_LENGTH + BLOCK - 1) / BLOCK;
    public static final int AEAD_TAG_LENGTH = 16;

    private PlaintextPadding() {
    }

    public static byte[] pad(byte[] content) {
        if (content.length > MAX_CONTENT_LENGTH) {
            throw new InvalidCryptoInputException("plaintext", "must be at most 65535 bytes");
        }
        int blocks = (2 + content.length + BLOCK - 1) / BLOCK;
        return ByteBuffer.allocate(blocks * BLOCK).putShort((short) content.length).put(content).array();
    }

    public static byte[] unpad(byte[] padded) {
        if (padded.length == 0 || padded.length % BLOCK != 0 || padded.length > MAX_BLOCKS * BLOCK) {
            throw new InvalidCryptoInputException("plaintext", "is not a whole number of 256-byte blocks");
        }
        int length = ((padded[0] & 0xFF) << 8) | (padded[1] & 0xFF);
        if (2 + length > padded.length) {
            throw new InvalidCryptoInputException("plaintext", "length prefix runs past the end");
        }
        int nonZero = 0;
        for (int i = 2 + length; i < padded.length; i++) {
            nonZero |= padded[i];
        }
        if (nonZero != 0) {
            throw new InvalidCryptoInputException("plaintext", "padding is not all zero");
        }
        byte[] content = new byte[length];
        System.arraycopy(padded, 2, content, 0, length);
        return content;
    }

    /** Whether an AEAD ciphertext of this length can come from a padded plaintext: {@code 256·k + 16}. */
    public static boolean isValidCiphertextLength(int length) {
        int body = length - AEAD_TAG_LENGTH;
        return body >= BLOCK && body % BLOCK == 0 && body / BLOCK <= MAX_BLOCKS;
    }

    /** The size bucket the server may record: the number of 256-byte blocks. */
    public static int blocks(int ciphertextLength) {
        if (!isValidCiphertextLength(ciphertextLength)) {
            throw new InvalidCryptoInputException("ct", "must be 256·k + 16 bytes long");
        }
        return (ciphertextLength - AEAD_TAG_LENGTH) / BLOCK;
    }
}
