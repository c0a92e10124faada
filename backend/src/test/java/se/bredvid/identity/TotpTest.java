package se.bredvid.identity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TotpTest {

    private static final byte[] RFC_SECRET = "12345678901234567890".getBytes(StandardCharsets.US_ASCII);

    @Test
    void matchesTheRfc6238Sha1TestVectors() {
        // RFC 6238 Appendix B (SHA-1), last six digits of the eight-digit values.
        assertEquals("287082", Totp.codeAt(RFC_SECRET, 59 / 30));
        assertEquals("081804", Totp.codeAt(RFC_SECRET, 1111111109L / 30));
        assertEquals("050471", Totp.codeAt(RFC_SECRET, 1111111111L / 30));
        assertEquals("005924", Totp.codeAt(RFC_SECRET, 1234567890L / 30));
        assertEquals("279037", Totp.codeAt(RFC_SECRET, 2000000000L / 30));
    }

    @Test
    void acceptsOneStepOfDriftAndNoMore() {
        Instant now = Instant.ofEpochSecond(1_000_000_000L);
        long step = now.getEpochSecond() / 30;
        assertTrue(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, step - 1), now, 0).isPresent());
        assertTrue(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, step + 1), now, 0).isPresent());
        assertTrue(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, step + 2), now, 0).isEmpty());
    }

    @Test
    void refusesACodeOfAStepAlreadyUsed() {
        Instant now = Instant.ofEpochSecond(1_000_000_000L);
        long step = now.getEpochSecond() / 30;
        assertTrue(Totp.verify(RFC_SECRET, Totp.codeAt(RFC_SECRET, step), now, step).isEmpty());
    }

    @Test
    void provisioningUriCarriesTheBase32Secret() {
        String uri = Totp.provisioningUri("Bredvid", "anna", RFC_SECRET);
        assertTrue(uri.startsWith("otpauth://totp/Bredvid%3Aanna?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Bredvid"), uri);
    }
}
