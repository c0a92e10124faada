package se.bredvid.protocol;

import java.util.Base64;

/**
 * Base64url without padding (RFC 4648 §5), the only binary encoding of the protocol. Decoding is
 * strict — no padding, no foreign characters, no non-canonical trailing bits — so that one value has
 * exactly one spelling and cannot slip past a comparison done on the text.
 */
public final class Base64Url {

    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private Base64Url() {
    }

    public static String encode(byte[] bytes) {
        return ENCODER.encodeToString(bytes);
    }

    /**
     * @param field names the input in the error (never the value itself)
     * @throws InvalidCryptoInputException if {@code value} is null or not canonical base64url
     */
    public static byte[] decode(String field, String value) {
        if (value == null) {
            throw new InvalidCryptoInputException(field, "is required");
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean alphabet = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_';
            if (!alphabet) {
                throw new InvalidCryptoInputException(field, "must be base64url without padding");
            }
        }
        int rest = value.length() % 4;
        if (rest == 1) {
            throw new InvalidCryptoInputException(field, "must be base64url without padding");
        }
        // Canonical: the bits of the last character past the final byte are zero (4 of them after 2 characters,
        // 2 after 3), so that re-encoding would give the same text; checked without re-encoding (a hot path).
        if (rest != 0 && (sextet(value.charAt(value.length() - 1)) & (rest == 2 ? 0x0F : 0x03)) != 0) {
            throw new InvalidCryptoInputException(field, "is not canonical base64url");
        }
        return DECODER.decode(value);
    }

    /** The value of a base64url character already checked to be of the alphabet. */
    private static int sextet(char c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : 63;
    }

    /** As {@link #decode(String, String)}, and the result must be exactly {@code length} bytes long. */
    public static byte[] decode(String field, String value, int length) {
        byte[] bytes = decode(field, value);
        if (bytes.length != length) {
            throw new InvalidCryptoInputException(field, "must encode exactly " + length + " bytes");
        }
        return bytes;
    }
}
