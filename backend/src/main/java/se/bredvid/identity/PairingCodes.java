package se.bredvid.identity;

import java.security.SecureRandom;
import java.util.Optional;

/**
 * One-time pairing codes: 15 random Crockford base32 symbols (75 bits) and a Luhn mod 32 check symbol,
 * shown as four groups of four ({@code 7KQ2-M9XD-4TPA-HJ3C}). Human-typable: no I, L, O or U; the typist's
 * I/L/O are read as 1/1/0, case and dashes do not matter. The check symbol catches every single typo and
 * most swaps of neighbours before anything is looked up.
 */
final class PairingCodes {

    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int DATA_SYMBOLS = 15;

    private PairingCodes() {
    }

    static String generate(SecureRandom random) {
        StringBuilder sb = new StringBuilder(DATA_SYMBOLS + 1);
        for (int i = 0; i < DATA_SYMBOLS; i++) {
            sb.append(ALPHABET.charAt(random.nextInt(32)));
        }
        sb.append(checkSymbol(sb));
        return format(sb.toString());
    }

    static String format(String normalised) {
        return normalised.substring(0, 4) + "-" + normalised.substring(4, 8) + "-"
                + normalised.substring(8, 12) + "-" + normalised.substring(12, 16);
    }

    /** The normalised code, or empty when it is malformed or its check symbol is wrong. */
    static Optional<String> normalise(String typed) {
        if (typed == null || typed.length() > 40) {
            return Optional.empty();
        }
        StringBuilder sb = new StringBuilder();
        for (char c : typed.toUpperCase(java.util.Locale.ROOT).toCharArray()) {
            switch (c) {
                case '-', ' ' -> { }
                case 'O' -> sb.append('0');
                case 'I', 'L' -> sb.append('1');
                default -> {
                    if (ALPHABET.indexOf(c) < 0) {
                        return Optional.empty();
                    }
                    sb.append(c);
                }
            }
        }
        if (sb.length() != DATA_SYMBOLS + 1) {
            return Optional.empty();
        }
        char check = sb.charAt(DATA_SYMBOLS);
        if (checkSymbol(sb.subSequence(0, DATA_SYMBOLS)) != check) {
            return Optional.empty();
        }
        return Optional.of(sb.toString());
    }

    /** Luhn mod N (N = 32) over the data symbols. */
    static char checkSymbol(CharSequence data) {
        int factor = 2;
        int sum = 0;
        for (int i = data.length() - 1; i >= 0; i--) {
            int addend = factor * ALPHABET.indexOf(data.charAt(i));
            factor = factor == 2 ? 1 : 2;
            sum += addend / 32 + addend % 32;
        }
        int check = (32 - sum % 32) % 32;
        return ALPHABET.charAt(check);
    }
}
