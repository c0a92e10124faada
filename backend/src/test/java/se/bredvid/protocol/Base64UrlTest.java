package se.bredvid.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
    void rejectsAMissingValue() {
        assertThrows(InvalidCryptoInputException.class, () -> Base64Url.decode("enc", null));
    }

    @Test
    void rejectsAValueOfTheWrongLength() {
        String thirtyOneBytes = Base64Url.encode(new byte[31]);
        assertThrows(InvalidCryptoInputException.class, () -> Base64Url.decode("enc", thirtyOneBytes, 32));
    }
}
