package se.bredvid.messaging.keys;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.TestDevice;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.protocol.Base64Url;
import se.bredvid.protocol.SignedPreKey;
import se.bredvid.messaging.reference.DeviceKeys;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.security.SecureRandom;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class KeyDirectoryIT implements se.bredvid.messaging.MessagingTest {

    private static final SecureRandom RANDOM = new SecureRandom();

    @Inject
    ChatFixtures chats;

    @Inject
    Fixtures fx;

    @Inject
    ConversationDirectory directory;

    @Test
    void aMemberGetsTheIdentityKeyAndCurrentPreKeyOfEveryMemberDevice() {
        var chat = chats.chat();
        var bundles = chat.client().bundles(chat.conversationId());
        assertEquals(2, bundles.size());
        var volunteer = bundles.stream().filter(b -> b.deviceId().equals(chat.volunteer().id())).findFirst().orElseThrow();
        assertArrayEquals(chat.volunteer().keys.identityPublicKey(), volunteer.identityPublicKey());
        assertEquals(chat.volunteer().keys.currentPreKey(), volunteer.preKey());
        assertTrue(volunteer.preKey().verify(volunteer.identityPublicKey()));
    }

    @Test
    void theBundleNamesWhichSideEachDeviceIsOn() {
        var chat = chats.chat();
        var r = chat.volunteer().bundlesResponse(chat.conversationId());
        for (var node : r.json().values()) {
            String expected = node.get("deviceId").getStringValue().equals(chat.client().id().toString()) ? "CLIENT" : "VOLUNTEER";
            assertEquals(expected, node.get("kind").getStringValue());
        }
    }

    @Test
    void aPreKeyWithABadSignatureIsRejectedWithAProblem() {
        var chat = chats.chat();
        SignedPreKey next = chat.client().keys.rotatePreKey(RANDOM);
        byte[] signature = next.signature();
        signature[10] ^= 1;
        var r = chat.client().api().post("/api/keys/pre-keys", chat.client().token(), Map.of("keyId", next.keyId(),
                "publicKey", Base64Url.encode(next.publicKey()), "signature", Base64Url.encode(signature)));
        assertEquals(400, r.status());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("signature", r.json().get("violations").values().iterator().next().get("field").getStringValue());
    }

    @Test
    void aPreKeySignedByAnotherDevicesIdentityIsRejected() {
        var chat = chats.chat();
        SignedPreKey foreign = DeviceKeys.generate(RANDOM).currentPreKey();
        var r = chat.client().api().post("/api/keys/pre-keys", chat.client().token(), Map.of("keyId", 5,
                "publicKey", Base64Url.encode(foreign.publicKey()), "signature", Base64Url.encode(foreign.signature())));
        assertEquals(400, r.status(), r.toString());
    }

    @Test
    void aSmallOrderPreKeyIsRejected() {
        var chat = chats.chat();
        byte[] zero = new byte[32];
        var r = chat.client().api().post("/api/keys/pre-keys", chat.client().token(), Map.of("keyId", 9,
                "publicKey", Base64Url.encode(zero), "signature", Base64Url.encode(new byte[64])));
        assertEquals(400, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:validation", r.problemType());
    }

    @Test
    void malformedPreKeyFieldsAreRejectedWithAProblem() {
        var chat = chats.chat();
        for (Object body : new Object[]{"{}", Map.of("keyId", -1, "publicKey", "AA", "signature", "AA"),
                Map.of("keyId", 2, "publicKey", "not base64!", "signature", "x"),
                Map.of("keyId", 4294967296L, "publicKey", Base64Url.encode(new byte[32]), "signature", Base64Url.encode(new byte[64])),
                "[1,2]", "{\"keyId\":\"x\"}"}) {
            var r = chat.client().api().post("/api/keys/pre-keys", chat.client().token(), body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals("application/problem+json", r.contentType(), body + " -> " + r);
        }
    }

    @Test
    void theNewestPreKeyBecomesCurrentAndTheSupersededOneStaysFetchable() {
        var chat = chats.chat();
        SignedPreKey first = chat.volunteer().keys.currentPreKey();
        assertEquals(201, chat.volunteer().rotate().status());
        SignedPreKey second = chat.volunteer().keys.currentPreKey();
        var bundle = chat.client().bundles(chat.conversationId()).stream()
                .filter(b -> b.deviceId().equals(chat.volunteer().id())).findFirst().orElseThrow();
        assertEquals(second, bundle.preKey());
        var old = chat.client().api().get("/api/conversations/" + chat.conversationId() + "/devices/"
                + chat.volunteer().id() + "/pre-keys/" + first.keyId(), chat.client().token());
        assertEquals(200, old.status(), old.toString());
        assertEquals(Base64Url.encode(first.publicKey()), old.text("publicKey"));
    }

    @Test
    void republishingTheSameKeyChangesNothing() {
        var chat = chats.chat();
        var again = chat.client().publish(chat.client().keys.currentPreKey());
        assertEquals(200, again.status(), again.toString());
    }

    @Test
    void aKeyIdIsNeverAcceptedForAnotherKey() {
        var chat = chats.chat();
        DeviceKeys same = DeviceKeys.fromSecrets(chat.client().paired.key().getEncoded(), 1,
                DeviceKeys.generate(RANDOM).preKeyPrivate(1));
        var r = chat.client().publish(same.currentPreKey());
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:pre-key-id-used", r.problemType());
    }

    @Test
    void anOlderKeyIdIsRefusedAfterANewerOne() {
        var chat = chats.chat();
        chat.client().rotate();
        chat.client().rotate();
        DeviceKeys other = DeviceKeys.fromSecrets(chat.client().paired.key().getEncoded(), 2,
                DeviceKeys.generate(RANDOM).preKeyPrivate(1));
        assertEquals(409, chat.client().publish(other.currentPreKey()).status());
    }

    @Test
    void aDeviceOfAnotherClientOfTheSameOrganisationFindsNoConversation() {
        var chat = chats.chat();
        TestDevice stranger = chats.device(chat.coordinator(), SubjectKind.CLIENT, UUID.randomUUID());
        var r = stranger.bundlesResponse(chat.conversationId());
        assertEquals(404, r.status());
        assertEquals("application/problem+json", r.contentType());
        var preKey = stranger.api().get("/api/conversations/" + chat.conversationId() + "/devices/"
                + chat.client().id() + "/pre-keys/1", stranger.token());
        assertEquals(404, preKey.status());
    }

    @Test
    void aDeviceOfAnotherOrganisationFindsNoConversation() {
        var chat = chats.chat();
        UUID otherOrg = fx.organisation();
        TestDevice stranger = chats.device(fx.coordinator(otherOrg), SubjectKind.VOLUNTEER, chat.volunteerId());
        assertEquals(404, stranger.bundlesResponse(chat.conversationId()).status());
    }

    @Test
    void staffCannotFetchKeyBundles() {
        var chat = chats.chat();
        var r = fx.api.get("/api/conversations/" + chat.conversationId() + "/devices", chat.coordinator().accessToken());
        assertEquals(403, r.status());
    }

    @Test
    void aNewlyPairedDeviceOfTheClientJoinsTheConversationAtOnce() {
        var chat = chats.chat();
        TestDevice second = chats.device(chat.coordinator(), SubjectKind.CLIENT, chat.clientId());
        assertTrue(chat.volunteer().bundles(chat.conversationId()).stream().anyMatch(b -> b.deviceId().equals(second.id())));
    }

    @Test
    void aRevokedDeviceLeavesTheConversationAtOnce() {
        var chat = chats.chat();
        TestDevice second = chats.device(chat.coordinator(), SubjectKind.CLIENT, chat.clientId());
        assertEquals(204, fx.api.delete("/api/devices/" + second.id(), chat.coordinator().accessToken()).status());
        assertTrue(chat.volunteer().bundles(chat.conversationId()).stream().noneMatch(b -> b.deviceId().equals(second.id())));
    }

    @Test
    void aClosedConversationServesNoKeys() {
        var chat = chats.chat();
        directory.close(chat.assignmentId());
        var r = chat.client().bundlesResponse(chat.conversationId());
        assertEquals(409, r.status());
        assertEquals("urn:bredvid:problem:conversation-closed", r.problemType());
    }
}
