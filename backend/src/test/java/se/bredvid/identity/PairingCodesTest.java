package se.bredvid.identity;

import org.junit.jupiter.api.Test;

import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PairingCodesTest {

    private final SecureRandom random = new SecureRandom();

    @Test
    void codesHaveAtLeastSixtyBitsAndAreGroupedForTyping() {
        String code = PairingCodes.generate(random);
        assertTrue(code.matches("[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}"), code);
        assertTrue(PairingCodes.DATA_SYMBOLS * 5 >= 60);
        assertTrue(PairingCodes.normalise(code).isPresent());
    }

    @Test
    void everySingleSymbolTypoIsCaughtByTheCheckSymbol() {
        for (int n = 0; n < 50; n++) {
            String code = PairingCodes.normalise(PairingCodes.generate(random)).orElseThrow();
            for (int i = 0; i < code.length(); i++) {
                for (char c : PairingCodes.ALPHABET.toCharArray()) {
                    if (c == code.charAt(i)) {
                        continue;
                    }
                    String typo = code.substring(0, i) + c + code.substring(i + 1);
                    assertFalse(PairingCodes.normalise(typo).isPresent(), typo);
                }
            }
        }
    }

    @Test
    void typingIsForgiving() {
        String code = PairingCodes.generate(random);
        String sloppy = code.toLowerCase().replace("-", " ").replace('0', 'o').replace('1', 'l');
        assertEquals(PairingCodes.normalise(code), PairingCodes.normalise(sloppy));
    }

    @Test
    void wrongLengthAndForeignSymbolsAreRejected() {
        assertFalse(PairingCodes.normalise("ABCD-EFGH").isPresent());
        assertFalse(PairingCodes.normalise("ABCD-EFGH-JKMN-PQRU").isPresent());
        assertFalse(PairingCodes.normalise(null).isPresent());
    }
}
