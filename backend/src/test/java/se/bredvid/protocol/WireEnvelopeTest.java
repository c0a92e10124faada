package se.bredvid.protocol;

import io.micronaut.serde.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class WireEnvelopeTest {

    private static final EnvelopeHeader HEADER = new EnvelopeHeader(UUID.randomUUID(), UUID.randomUUID(),
            UUID.randomUUID(), UUID.randomUUID(), 3, 4);
    private static final byte[] ENC = new byte[32];
    private static final byte[] CT = new byte[2 * 256 + 16];

    @Test
    void aWellFormedEnvelopeChecksToItsHeaderAndBytes() {
        WireEnvelope.Checked checked = WireEnvelope.of(HEADER, ENC, CT).check();
        assertEquals(HEADER, checked.header());
        assertArrayEquals(ENC, checked.enc());
        assertArrayEquals(CT, checked.ct());
        assertEquals(2, checked.blocks());
    }

    @Test
    void theJsonFieldNamesAreTheProtocols() throws IOException {
        String json = ObjectMapper.getDefault().writeValueAsString(WireEnvelope.of(HEADER, ENC, CT));
        for (String field : new String[] {"\"v\":1", "\"conversationId\":", "\"senderDeviceId\":",
                "\"recipientDeviceId\":", "\"messageId\":", "\"senderKeyId\":3", "\"recipientKeyId\":4", "\"enc\":",
                "\"ct\":"}) {
            org.junit.jupiter.api.Assertions.assertTrue(json.contains(field), field + " in " + json);
        }
        WireEnvelope back = ObjectMapper.getDefault().readValue(json, WireEnvelope.class);
        assertEquals(HEADER, back.check().header());
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        WireEnvelope parsed = ObjectMapper.getDefault().readValue("{\"v\":1}", WireEnvelope.class);
        InvalidCryptoInputException e = assertThrows(InvalidCryptoInputException.class, parsed::check);
        assertEquals("conversationId", e.field());
    }

    @Test
    void aMissingKeyIdIsNotReadAsZero() {
        WireEnvelope e = WireEnvelope.of(HEADER, ENC, CT);
        WireEnvelope missing = new WireEnvelope(e.v(), e.conversationId(), e.senderDeviceId(), e.recipientDeviceId(),
                e.messageId(), null, e.recipientKeyId(), e.enc(), e.ct());
        assertEquals("senderKeyId", assertThrows(InvalidCryptoInputException.class, missing::check).field());
    }

    @Test
    void anotherVersionIsRefused() {
        WireEnvelope e = WireEnvelope.of(HEADER, ENC, CT);
        WireEnvelope v2 = new WireEnvelope(2, e.conversationId(), e.senderDeviceId(), e.recipientDeviceId(),
                e.messageId(), e.senderKeyId(), e.recipientKeyId(), e.enc(), e.ct());
        assertEquals("v", assertThrows(InvalidCryptoInputException.class, v2::check).field());
    }

    @Test
    void anUpperCaseUuidIsRefused() {
        WireEnvelope e = WireEnvelope.of(HEADER, ENC, CT);
        WireEnvelope upper = new WireEnvelope(e.v(), e.conversationId(), e.senderDeviceId(),
                e.recipientDeviceId().toUpperCase(), e.messageId(), e.senderKeyId(), e.recipientKeyId(), e.enc(), e.ct());
        assertEquals("recipientDeviceId", assertThrows(InvalidCryptoInputException.class, upper::check).field());
    }

    @Test
    void anEncOfTheWrongLengthIsRefused() {
        WireEnvelope e = WireEnvelope.of(HEADER, new byte[33], CT);
        assertEquals("enc", assertThrows(InvalidCryptoInputException.class, e::check).field());
    }

    @Test
    void aCiphertextThatNoPaddedPlaintextCanProduceIsRefused() {
        WireEnvelope e = WireEnvelope.of(HEADER, ENC, new byte[300]);
        assertEquals("ct", assertThrows(InvalidCryptoInputException.class, e::check).field());
    }

    @Test
    void aKeyIdBeyondUint32IsRefused() {
        WireEnvelope e = WireEnvelope.of(HEADER, ENC, CT);
        WireEnvelope big = new WireEnvelope(e.v(), e.conversationId(), e.senderDeviceId(), e.recipientDeviceId(),
                e.messageId(), e.senderKeyId(), 1L << 32, e.enc(), e.ct());
        assertEquals("recipientKeyId", assertThrows(InvalidCryptoInputException.class, big::check).field());
    }

    @Test
    void theRefusalNeverEchoesTheValue() {
        WireEnvelope e = WireEnvelope.of(HEADER, ENC, CT);
        WireEnvelope bad = new WireEnvelope(e.v(), e.conversationId(), e.senderDeviceId(), e.recipientDeviceId(),
                e.messageId(), e.senderKeyId(), e.recipientKeyId(), "secret+value", e.ct());
        InvalidCryptoInputException thrown = assertThrows(InvalidCryptoInputException.class, bad::check);
        org.junit.jupiter.api.Assertions.assertFalse(thrown.toProblem().toString().contains("secret"));
    }
}
