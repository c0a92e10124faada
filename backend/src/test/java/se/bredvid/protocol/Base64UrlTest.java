package se.bredvid.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class Base64UrlTest {

    @Test
    void encodesWithTheUrlAlphabetAndNoPadding() {
        assertEquals("-_8", Base64Url.encode(new byte[] {(byte) 0xfb, (byte) 0xff}));
    }

    @Test
    void decodesWhatItEncodes() {
        byte[] bytes = new byte[] {0, 1, 2, (byte) 0xfe, (byte) 0xff};
        assertArrayEquals(bytes, Base64Url.decode("x", Base64Url.encode(bytes)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-_8=", "+/8", "AA==", "A", "AB C", "AAAA\n"})
    void rejectsPaddingForeignCharactersAndImpossibleLengths(String value) {
        InvalidCryptoInputException e = assertThrows(InvalidCryptoInputException.class,
                () -> Base64Url.decode("enc", value));
        assertEquals("enc", e.field());
    }

    @Test
    void rejectsNonCanonicalTrailingBits() {
        // "-_8" and "-_9" decode to the same two bytes with a lenient decoder.
        assertThrows(InvalidCryptoInputException.class, () -> Base64Url.decode("enc", "-_9"));
    }

    @Test
    void acceptsExactlyTheSpellingsThatReEncodeToThemselves() {
        // Every 2- and 3-character tail (the only places trailing bits live), after a full quantum: a spelling is
        // accepted exactly when decoding and encoding again gives it back, the definition of canonical.
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        java.util.Base64.Decoder lenient = java.util.Base64.getUrlDecoder();
        int accepted = 0;
        for (int a = 0; a < 64; a++) {
            for (int b = 0; b < 64; b++) {
                for (int c = -1; c < 64; c++) {
                    String value = "AAAA" + alphabet.charAt(a) + alphabet.charAt(b) + (c < 0 ? "" : String.valueOf(alphabet.charAt(c)));
                    boolean canonical = Base64Url.encode(lenient.decode(value)).equals(value);
                    try {
                        assertArrayEquals(lenient.decode(value), Base64Url.decode("enc", value));
                        assertTrue(canonical, value);
                        accepted++;
                    } catch (InvalidCryptoInputException e) {
                        assertTrue(!canonical, value);
                    }
                }
            }
        }
        assertEquals(64 * 4 + 64 * 16 * 64, accepted);
    }

    @Test
    void rejectsAMissingValue() {
        assertThrows(InvalidCryptoInputException.class, () -> Base64Url.decode("enc", null));
    }

    @Test
    void rejectsAValueOfTheWrongLength() {
        String thirtyOneBytes = Base64Url.encode(new byte[31]);
        assertThrows(InvalidCryptoInputException.class, () -> Base64Url.decode("enc", thirtyOneBytes, 32));
    }
}
