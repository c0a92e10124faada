package se.bredvid.messaging;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import se.bredvid.identity.SubjectKind;
import se.bredvid.protocol.Base64Url;
import se.bredvid.protocol.SignedPreKey;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.messaging.envelopes.Delivered;
import se.bredvid.messaging.reference.DeviceKeys;
import se.bredvid.messaging.reference.EnvelopeCrypto;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A paired device that does what a real one does, through the API and the reference client: publishes
 * its signed pre-key, fetches bundles, seals one envelope per member device, syncs and opens envelopes.
 */
public final class TestDevice {

    private static final SecureRandom RANDOM = new SecureRandom();

    public final Fixtures.PairedDevice paired;
    public final SubjectKind kind;
    public final UUID subjectId;
    public final DeviceKeys keys;
    private volatile Api api;
    private final JsonMapper mapper;
    private volatile String token;

    private TestDevice(Fixtures.PairedDevice paired, SubjectKind kind, UUID subjectId, Api api, JsonMapper mapper) {
        this.paired = paired;
        this.kind = kind;
        this.subjectId = subjectId;
        this.keys = DeviceKeys.fromSecrets(paired.key().getEncoded(), 1, new org.bouncycastle.crypto.params.X25519PrivateKeyParameters(RANDOM).getEncoded());
        this.api = api;
        this.mapper = mapper;
        this.token = paired.accessToken();
    }

    /** Pairs a device for the subject and publishes its first signed pre-key. */
    public static TestDevice pair(Fixtures fx, Fixtures.Staff coordinator, SubjectKind kind, UUID subjectId,
                                  JsonMapper mapper) {
        TestDevice d = new TestDevice(fx.pairedDevice(coordinator, kind, subjectId), kind, subjectId, fx.api, mapper);
        var r = d.publish(d.keys.currentPreKey());
        assertEquals(201, r.status(), r.toString());
        return d;
    }

    public UUID id() {
        return paired.deviceId();
    }

    public String token() {
        return token;
    }

    public void useToken(String accessToken) {
        this.token = accessToken;
    }

    /** Talks to another instance from now on. */
    public TestDevice via(Api other) {
        this.api = other;
        return this;
    }

    public Api api() {
        return api;
    }

    public Api.Response publish(SignedPreKey key) {
        return api.post("/api/keys/pre-keys", token, Map.of("keyId", key.keyId(),
                "publicKey", Base64Url.encode(key.publicKey()), "signature", Base64Url.encode(key.signature())));
    }

    public Api.Response rotate() {
        return publish(keys.rotatePreKey(RANDOM));
    }

    public Api.Response bundlesResponse(UUID conversationId) {
        return api.get("/api/conversations/" + conversationId + "/devices", token);
    }

    /** The member devices of the conversation as the key directory serves them. */
    public List<EnvelopeCrypto.PeerDevice> bundles(UUID conversationId) {
        var r = bundlesResponse(conversationId);
        assertEquals(200, r.status(), r.toString());
        List<EnvelopeCrypto.PeerDevice> out = new ArrayList<>();
        for (var node : r.json().values()) {
            var preKey = node.get("preKey");
            if (preKey == null || preKey.isNull()) {
                continue;
            }
            out.add(new EnvelopeCrypto.PeerDevice(UUID.fromString(node.get("deviceId").getStringValue()),
                    Base64Url.decode("identityKey", node.get("identityKey").getStringValue()),
                    SignedPreKey.fromWire(preKey.get("keyId").getLongValue(), preKey.get("publicKey").getStringValue(),
                            preKey.get("signature").getStringValue())));
        }
        return out;
    }

    /** Seals {@code json} once for every other member device. */
    public List<WireEnvelope> seal(UUID conversationId, UUID messageId, String json) {
        List<WireEnvelope> out = new ArrayList<>();
        for (var peer : bundles(conversationId)) {
            if (!peer.deviceId().equals(id())) {
                out.add(EnvelopeCrypto.seal(conversationId, messageId, id(), keys, peer,
                        json.getBytes(StandardCharsets.UTF_8)));
            }
        }
        return out;
    }

    public Api.Response post(UUID conversationId, List<WireEnvelope> envelopes) {
        return api.post("/api/conversations/" + conversationId + "/envelopes", token, Map.of("envelopes", envelopes));
    }

    /** Sends a text message to every other device of the conversation; returns the message id. */
    public UUID sendText(UUID conversationId, String body) {
        UUID messageId = UUID.randomUUID();
        var r = post(conversationId, seal(conversationId, messageId, text(body)));
        assertEquals(200, r.status(), r.toString());
        return messageId;
    }

    public static String text(String body) {
        return "{\"type\":\"text\",\"body\":" + quote(body) + ",\"sentAt\":" + System.currentTimeMillis() + "}";
    }

    public static String quote(String s) {
        return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    public Api.Response syncResponse(long since, int limit) {
        return api.get("/api/envelopes?since=" + since + "&limit=" + limit, token);
    }

    /** Every envelope in this device's queue after {@code since}, all pages. */
    public List<Delivered> syncAll(long since) {
        List<Delivered> out = new ArrayList<>();
        long cursor = since;
        while (true) {
            var r = syncResponse(cursor, 100);
            assertEquals(200, r.status(), r.toString());
            List<Delivered> page = deliveredList(r.body(), "envelopes");
            out.addAll(page);
            if (!page.isEmpty()) {
                cursor = page.get(page.size() - 1).seq();
            }
            if (!r.json().get("more").getBooleanValue()) {
                return out;
            }
        }
    }

    public Api.Response ack(long upTo) {
        return api.post("/api/envelopes/ack", token, Map.of("upTo", upTo));
    }

    /** Opens an envelope addressed to this device, verifying the sender's pre-key through the directory. */
    public String open(Delivered delivered) {
        WireEnvelope e = delivered.envelope();
        UUID conversation = UUID.fromString(e.conversationId());
        UUID sender = UUID.fromString(e.senderDeviceId());
        var bundle = api.get("/api/conversations/" + conversation + "/devices", token);
        assertEquals(200, bundle.status(), bundle.toString());
        byte[] senderIdentity = null;
        for (var node : bundle.json().values()) {
            if (node.get("deviceId").getStringValue().equals(sender.toString())) {
                senderIdentity = Base64Url.decode("identityKey", node.get("identityKey").getStringValue());
            }
        }
        var preKey = api.get("/api/conversations/" + conversation + "/devices/" + sender + "/pre-keys/" + e.senderKeyId(), token);
        assertEquals(200, preKey.status(), preKey.toString());
        SignedPreKey senderPreKey = SignedPreKey.fromWire(e.senderKeyId(), preKey.text("publicKey"), preKey.text("signature"));
        return new String(EnvelopeCrypto.open(e, id(), keys, senderIdentity, senderPreKey), StandardCharsets.UTF_8);
    }

    public List<Delivered> deliveredList(String body, String field) {
        try {
            var node = mapper.readValue(body, io.micronaut.json.tree.JsonNode.class).get(field);
            List<Delivered> out = new ArrayList<>();
            for (var item : node.values()) {
                out.add(mapper.readValueFromTree(item, Argument.of(Delivered.class)));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
