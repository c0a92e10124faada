package se.bredvid.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaintextPaddingTest {

    @ParameterizedTest
    @CsvSource({"0,256", "1,256", "254,256", "255,512", "510,512", "511,768", "65535,65792"})
    void padsThePrefixAndContentUpToTheNextWholeBlock(int contentLength, int paddedLength) {
        assertEquals(paddedLength, PlaintextPadding.pad(new byte[contentLength]).length);
    }

    @Test
    void thePrefixIsTheContentLengthBigEndian() {
        byte[] padded = PlaintextPadding.pad(new byte[300]);
        assertEquals(0x01, padded[0]);
        assertEquals(0x2c, padded[1]);
    }

    @Test
    void unpadReturnsTheContent() {
        byte[] content = "{\"type\":\"text\",\"body\":\"hej\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertArrayEquals(content, PlaintextPadding.unpad(PlaintextPadding.pad(content)));
    }

    @Test
    void contentLongerThanTheLengthPrefixCanSayIsRefused() {
        assertThrows(InvalidCryptoInputException.class, () -> PlaintextPadding.pad(new byte[65536]));
    }

    @Test
    void nonZeroPaddingIsRefused() {
        byte[] padded = PlaintextPadding.pad(new byte[10]);
        padded[255] = 1;
        assertThrows(InvalidCryptoInputException.class, () -> PlaintextPadding.unpad(padded));
    }

    @Test
    void aLengthPrefixPastTheEndIsRefused() {
        byte[] padded = PlaintextPadding.pad(new byte[10]);
        padded[0] = 0x01;
        assertThrows(InvalidCryptoInputException.class, () -> PlaintextPadding.unpad(padded));
    }

    @Test
    void aPlaintextThatIsNotWholeBlocksIsRefused() {
        assertThrows(InvalidCryptoInputException.class, () -> PlaintextPadding.unpad(new byte[255]));
        assertThrows(InvalidCryptoInputException.class, () -> PlaintextPadding.unpad(new byte[0]));
    }

    @Test
    void onlyWholeBlocksPlusATagAreValidCiphertextLengths() {
        assertTrue(PlaintextPadding.isValidCiphertextLength(272));
        assertTrue(PlaintextPadding.isValidCiphertextLength(257 * 256 + 16));
        assertFalse(PlaintextPadding.isValidCiphertextLength(16));
        assertFalse(PlaintextPadding.isValidCiphertextLength(271));
        assertFalse(PlaintextPadding.isValidCiphertextLength(273));
        assertFalse(PlaintextPadding.isValidCiphertextLength(258 * 256 + 16));
    }

    @Test
    void theSizeBucketIsTheNumberOfBlocks() {
        assertEquals(1, PlaintextPadding.blocks(272));
        assertEquals(3, PlaintextPadding.blocks(3 * 256 + 16));
        assertThrows(InvalidCryptoInputException.class, () -> PlaintextPadding.blocks(100));
    }
}
