package se.bredvid.messaging.reference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContext;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * RFC 9180 Appendix A.1.3 — DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM in Auth mode, the exact
 * suite of the protocol — against Bouncy Castle, from the key derivation to the last encryption.
 */
class Rfc9180VectorsTest {

    private static JsonNode vector;
    private static final HexFormat HEX = HexFormat.of();

    @BeforeAll
    static void load() throws IOException {
        try (InputStream in = Rfc9180VectorsTest.class.getResourceAsStream("/hpke/rfc9180-a13-auth.json")) {
            vector = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void theVectorIsForTheProtocolsSuite() {
        assertEquals(HPKE.mode_auth, vector.get("mode").asInt());
        assertEquals(HPKE.kem_X25519_SHA256, vector.get("kem_id").asInt());
        assertEquals(HPKE.kdf_HKDF_SHA256, vector.get("kdf_id").asInt());
        assertEquals(HPKE.aead_AES_GCM128, vector.get("aead_id").asInt());
    }

    @Test
    void everyKeyPairDerivesFromItsInputKeyingMaterial() {
        HPKE hpke = HpkeSuite.create();
        for (String who : new String[] {"E", "R", "S"}) {
            AsymmetricCipherKeyPair pair = hpke.deriveKeyPair(hex("ikm" + who));
            // Bouncy Castle keeps X25519 scalars clamped (RFC 7748 §5); X25519 clamps before every use, so the
            // clamped and the printed scalar are the same key.
            assertEquals(HEX.formatHex(clamp(hex("sk" + who + "m"))),
                    HEX.formatHex(hpke.serializePrivateKey(pair.getPrivate())), who);
            assertEquals(text("pk" + who + "m"), HEX.formatHex(hpke.serializePublicKey(pair.getPublic())), who);
        }
    }

    @Test
    void theSenderSetupReproducesEncAndEveryCiphertext() throws InvalidCipherTextException {
        HPKE hpke = HpkeSuite.withEphemeral(hex("skEm"));
        HPKEContextWithEncapsulation sender = hpke.setupAuthS(
                hpke.deserializePublicKey(hex("pkRm")), hex("info"), keyPair(hpke, "S"));
        assertEquals(text("enc"), HEX.formatHex(sender.getEncapsulation()));

        Map<Integer, JsonNode> bySequence = encryptionsBySequence();
        int last = bySequence.keySet().stream().max(Integer::compare).orElseThrow();
        for (int seq = 0; seq <= last; seq++) {
            JsonNode e = bySequence.get(seq);
            if (e == null) {
                sender.seal(new byte[0], new byte[0]); // advances the sequence number
                continue;
            }
            byte[] ct = sender.seal(HEX.parseHex(e.get("aad").asText()), HEX.parseHex(e.get("pt").asText()));
            assertEquals(e.get("ct").asText(), HEX.formatHex(ct), "sequence " + seq);
        }
    }

    @Test
    void theReceiverSetupOpensEveryCiphertext() throws InvalidCipherTextException {
        HPKE hpke = HpkeSuite.create();
        HPKEContext receiver = hpke.setupAuthR(hex("enc"), keyPair(hpke, "R"), hex("info"),
                hpke.deserializePublicKey(hex("pkSm")));

        Map<Integer, JsonNode> bySequence = encryptionsBySequence();
        int last = bySequence.keySet().stream().max(Integer::compare).orElseThrow();
        for (int seq = 0; seq <= last; seq++) {
            JsonNode e = bySequence.get(seq);
            if (e == null) {
                receiver.seal(new byte[0], new byte[0]); // one counter for both directions in Bouncy Castle
                continue;
            }
            byte[] pt = receiver.open(HEX.parseHex(e.get("aad").asText()), HEX.parseHex(e.get("ct").asText()));
            assertEquals(e.get("pt").asText(), HEX.formatHex(pt), "sequence " + seq);
        }
    }

    @Test
    void theReceiverContextExportsTheVectorsSecrets() {
        HPKE hpke = HpkeSuite.create();
        HPKEContext receiver = hpke.setupAuthR(hex("enc"), keyPair(hpke, "R"), hex("info"),
                hpke.deserializePublicKey(hex("pkSm")));
        for (JsonNode x : vector.get("exports")) {
            byte[] exported = receiver.export(HEX.parseHex(x.get("exporter_context").asText()), x.get("L").asInt());
            assertEquals(x.get("exported_value").asText(), HEX.formatHex(exported));
        }
    }

    @Test
    void anotherSendersKeyCannotOpenTheVector() {
        HPKE hpke = HpkeSuite.create();
        HPKEContext receiver = hpke.setupAuthR(hex("enc"), keyPair(hpke, "R"), hex("info"),
                hpke.deserializePublicKey(hex("pkEm")));
        JsonNode first = vector.get("encryptions").get(0);
        org.junit.jupiter.api.Assertions.assertThrows(InvalidCipherTextException.class,
                () -> receiver.open(HEX.parseHex(first.get("aad").asText()), HEX.parseHex(first.get("ct").asText())));
    }

    private static AsymmetricCipherKeyPair keyPair(HPKE hpke, String who) {
        return hpke.deserializePrivateKey(hex("sk" + who + "m"), hex("pk" + who + "m"));
    }

    private static byte[] clamp(byte[] scalar) {
        byte[] k = scalar.clone();
        k[0] &= (byte) 0xf8;
        k[31] &= 0x7f;
        k[31] |= 0x40;
        return k;
    }

    private static Map<Integer, JsonNode> encryptionsBySequence() {
        Map<Integer, JsonNode> map = new HashMap<>();
        for (JsonNode e : vector.get("encryptions")) {
            map.put(e.get("sequence_number").asInt(), e);
        }
        return map;
    }

    private static String text(String field) {
        return vector.get(field).asText();
    }

    private static byte[] hex(String field) {
        return HEX.parseHex(text(field));
    }
}
