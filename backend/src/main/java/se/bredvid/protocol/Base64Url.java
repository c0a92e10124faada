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
        if (value.length() % 4 == 1) {
            throw new InvalidCryptoInputException(field, "must be base64url without padding");
        }
        byte[] bytes = DECODER.decode(value);
        if (!ENCODER.encodeToString(bytes).equals(value)) {
            throw new InvalidCryptoInputException(field, "is not canonical base64url");
        }
        return bytes;
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
