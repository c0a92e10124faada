package se.bredvid.protocol;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The layouts of docs/protocol.md §3 and §5, spelled out field by field. */
class ProtocolBytesTest {

    private static final UUID CONVERSATION = UUID.fromString("00112233-4455-6677-8899-aabbccddeeff");
    private static final UUID SENDER = UUID.fromString("10000000-0000-4000-8000-000000000001");
    private static final UUID RECIPIENT = UUID.fromString("20000000-0000-4000-8000-000000000002");
    private static final UUID MESSAGE = UUID.fromString("30000000-0000-4000-8000-000000000003");

    @Test
    void preKeyMessageIsLabelZeroKeyIdAndKey() {
        byte[] pk = new byte[32];
        pk[0] = 0x11;
        pk[31] = 0x22;
        String expected = Hex.of("bredvid/v1/prekey".getBytes(StandardCharsets.US_ASCII)) + "00" + "fffffffe"
                + "11" + "00".repeat(30) + "22";
        assertEquals(expected, Hex.of(ProtocolBytes.preKeySignatureMessage(0xFFFF_FFFEL, pk)));
    }

    @Test
    void challengeMessageIsLabelZeroNonceTimeAndPurpose() {
        byte[] nonce = new byte[32];
        nonce[0] = (byte) 0xaa;
        String expected = Hex.of("bredvid/v1/challenge".getBytes(StandardCharsets.US_ASCII)) + "00"
                + "aa" + "00".repeat(31) + "0000019b76daa800" + Hex.of("sign-in".getBytes(StandardCharsets.US_ASCII));
        assertEquals(expected, Hex.of(ProtocolBytes.challengeSignatureMessage(nonce, 1_767_225_600_000L, "sign-in")));
    }

    @Test
    void aadIsLabelZeroFourUuidsAndTwoKeyIds() {
        EnvelopeHeader header = new EnvelopeHeader(CONVERSATION, SENDER, RECIPIENT, MESSAGE, 7, 0x01020304L);
        String expected = Hex.of("bredvid/v1/aad".getBytes(StandardCharsets.US_ASCII)) + "00"
                + "00112233445566778899aabbccddeeff"
                + "10000000000040008000000000000001"
                + "20000000000040008000000000000002"
                + "30000000000040008000000000000003"
                + "00000007" + "01020304";
        byte[] aad = header.aad();
        assertEquals(expected, Hex.of(aad));
        assertEquals(ProtocolBytes.AAD_LENGTH, aad.length);
        assertEquals(87, aad.length);
    }

    @Test
    void envelopeInfoIsTheAsciiLabel() {
        assertArrayEquals("bredvid/v1/envelope".getBytes(StandardCharsets.US_ASCII), ProtocolBytes.envelopeInfo());
    }

    @Test
    void keyIdsOutsideUint32AreRejected() {
        assertThrows(InvalidCryptoInputException.class,
                () -> new EnvelopeHeader(CONVERSATION, SENDER, RECIPIENT, MESSAGE, -1, 1));
        assertThrows(InvalidCryptoInputException.class,
                () -> new EnvelopeHeader(CONVERSATION, SENDER, RECIPIENT, MESSAGE, 1, 0x1_0000_0000L));
        assertThrows(InvalidCryptoInputException.class,
                () -> ProtocolBytes.preKeySignatureMessage(0x1_0000_0000L, new byte[32]));
    }

    @Test
    void aPreKeyOfTheWrongLengthIsRejected() {
        assertThrows(InvalidCryptoInputException.class, () -> ProtocolBytes.preKeySignatureMessage(1, new byte[33]));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sign in", "sign-in\n", "åtkomst"})
    void challengePurposesOutsidePrintableAsciiAreRejected(String purpose) {
        assertThrows(InvalidCryptoInputException.class,
                () -> ProtocolBytes.challengeSignatureMessage(new byte[32], 0, purpose));
    }

    @Test
    void aChallengePurposeLongerThanSixtyFourCharactersIsRejected() {
        assertThrows(InvalidCryptoInputException.class,
                () -> ProtocolBytes.challengeSignatureMessage(new byte[32], 0, "x".repeat(65)));
    }

    @Test
    void aChallengeNonceOfTheWrongLengthIsRejected() {
        assertThrows(InvalidCryptoInputException.class,
                () -> ProtocolBytes.challengeSignatureMessage(new byte[31], 0, "sign-in"));
    }

    @Test
    void canonicalUuidsParse() {
        assertEquals(CONVERSATION, ProtocolBytes.parseUuid("conversationId", CONVERSATION.toString()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"1-2-3-4-5", "00112233-4455-6677-8899-AABBCCDDEEFF", "{00112233-4455-6677-8899-aabbccddeeff}",
            "00112233445566778899aabbccddeeff"})
    void nonCanonicalUuidSpellingsAreRejected(String value) {
        assertThrows(InvalidCryptoInputException.class, () -> ProtocolBytes.parseUuid("messageId", value));
    }
}
