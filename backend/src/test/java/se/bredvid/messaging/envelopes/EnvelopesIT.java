package se.bredvid.messaging.envelopes;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.TestDevice;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class EnvelopesIT implements se.bredvid.messaging.MessagingTest {

    @Inject
    ChatFixtures chats;

    @Inject
    Fixtures fx;

    @Inject
    ConversationDirectory directory;

    @Test
    void twoDevicesExchangeEncryptedMessagesBySync() {
        var chat = chats.chat();
        chat.client().sendText(chat.conversationId(), "Hej, hur är läget?");
        chat.volunteer().sendText(chat.conversationId(), "Bra! Och du?");
        var atVolunteer = chat.volunteer().syncAll(0);
        var atClient = chat.client().syncAll(0);
        assertEquals(1, atVolunteer.size());
        assertEquals(1, atClient.size());
        assertTrue(chat.volunteer().open(atVolunteer.get(0)).contains("\"body\":\"Hej, hur är läget?\""));
        assertTrue(chat.client().open(atClient.get(0)).contains("\"body\":\"Bra! Och du?\""));
    }

    @Test
    void theAcknowledgementComesAfterTheEnvelopeIsInTheRecipientsQueue() {
        var chat = chats.chat();
        UUID messageId = UUID.randomUUID();
        var r = chat.client().post(chat.conversationId(), chat.client().seal(chat.conversationId(), messageId, TestDevice.text("x")));
        assertEquals(200, r.status(), r.toString());
        var receipt = r.json().get("stored").values().iterator().next();
        long seq = receipt.get("seq").getLongValue();
        assertEquals(chat.volunteer().id().toString(), receipt.get("recipientDeviceId").getStringValue());
        var queue = chat.volunteer().syncAll(0);
        assertEquals(seq, queue.get(0).seq());
        assertEquals(messageId.toString(), queue.get(0).envelope().messageId());
    }

    @Test
    void theSendersOtherDevicesGetTheirOwnCopy() {
        var chat = chats.chat();
        TestDevice secondClientDevice = chats.device(chat.coordinator(), SubjectKind.CLIENT, chat.clientId());
        UUID messageId = chat.client().sendText(chat.conversationId(), "till alla mina enheter");
        var copy = secondClientDevice.syncAll(0);
        assertEquals(1, copy.size());
        assertEquals(messageId.toString(), copy.get(0).envelope().messageId());
        assertTrue(secondClientDevice.open(copy.get(0)).contains("till alla mina enheter"));
        assertEquals(1, chat.volunteer().syncAll(0).size());
    }

    @Test
    void aRepeatedPostIsStoredOnceAndAnswersTheOriginalSequence() {
        var chat = chats.chat();
        List<WireEnvelope> envelopes = chat.client().seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("en gång"));
        var first = chat.client().post(chat.conversationId(), envelopes);
        chat.client().sendText(chat.conversationId(), "något annat");
        var retry = chat.client().post(chat.conversationId(), envelopes);
        assertEquals(200, retry.status());
        assertEquals(seqOf(first), seqOf(retry));
        assertEquals(2, chat.volunteer().syncAll(0).size());
    }

    @Test
    void aRetryWithOtherBytesChangesNothing() {
        var chat = chats.chat();
        UUID messageId = UUID.randomUUID();
        var first = chat.client().post(chat.conversationId(), chat.client().seal(chat.conversationId(), messageId, TestDevice.text("original")));
        var forged = chat.client().post(chat.conversationId(), chat.client().seal(chat.conversationId(), messageId, TestDevice.text("ersatt")));
        assertEquals(seqOf(first), seqOf(forged));
        var queue = chat.volunteer().syncAll(0);
        assertEquals(1, queue.size());
        assertTrue(chat.volunteer().open(queue.get(0)).contains("original"));
    }

    @Test
    void eachRecipientsQueueIsInSendingOrder() {
        var chat = chats.chat();
        List<UUID> sent = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            sent.add(chat.client().sendText(chat.conversationId(), "nr " + i));
        }
        var queue = chat.volunteer().syncAll(0);
        assertEquals(sent, queue.stream().map(d -> UUID.fromString(d.envelope().messageId())).toList());
        for (int i = 1; i < queue.size(); i++) {
            assertTrue(queue.get(i).seq() > queue.get(i - 1).seq());
        }
    }

    @Test
    void concurrentSendersGetDistinctIncreasingSequencesInOneQueue() throws Exception {
        var chat = chats.chat();
        TestDevice secondClient = chats.device(chat.coordinator(), SubjectKind.CLIENT, chat.clientId());
        var pool = Executors.newFixedThreadPool(4);
        List<Future<UUID>> futures = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            TestDevice sender = i % 2 == 0 ? chat.client() : secondClient;
            int n = i;
            futures.add(pool.submit(() -> sender.sendText(chat.conversationId(), "samtidigt " + n)));
        }
        Set<String> sent = new HashSet<>();
        for (Future<UUID> f : futures) {
            sent.add(f.get().toString());
        }
        pool.shutdown();
        var queue = chat.volunteer().syncAll(0);
        assertEquals(sent, new HashSet<>(queue.stream().map(d -> d.envelope().messageId()).toList()));
        List<Long> seqs = queue.stream().map(Delivered::seq).toList();
        List<Long> sorted = new ArrayList<>(seqs);
        Collections.sort(sorted);
        assertEquals(sorted, seqs);
        assertEquals(seqs.size(), new HashSet<>(seqs).size());
    }

    @Test
    void syncIsPagedFromTheLastSequenceSeen() {
        var chat = chats.chat();
        for (int i = 0; i < 5; i++) {
            chat.client().sendText(chat.conversationId(), "sida " + i);
        }
        var firstPage = chat.volunteer().syncResponse(0, 2);
        assertTrue(firstPage.json().get("more").getBooleanValue());
        var page = chat.volunteer().deliveredList(firstPage.body(), "envelopes");
        assertEquals(2, page.size());
        var rest = chat.volunteer().syncAll(page.get(1).seq());
        assertEquals(3, rest.size());
        var last = chat.volunteer().syncResponse(rest.get(2).seq(), 2);
        assertFalse(last.json().get("more").getBooleanValue());
        assertEquals(0, last.json().get("envelopes").size());
    }

    @Test
    void anAckIsAcceptedUpToTheLastSequenceAndNotBeyond() {
        var chat = chats.chat();
        chat.client().sendText(chat.conversationId(), "kvittera");
        long seq = chat.volunteer().syncAll(0).get(0).seq();
        assertEquals(204, chat.volunteer().ack(seq).status());
        assertEquals(204, chat.volunteer().ack(seq - 1).status());
        var beyond = chat.volunteer().ack(seq + 1);
        assertEquals(400, beyond.status());
        assertEquals("application/problem+json", beyond.contentType());
    }

    @Test
    void receiptsTravelAsOrdinaryEnvelopes() {
        var chat = chats.chat();
        UUID message = chat.client().sendText(chat.conversationId(), "läste du?");
        UUID receiptId = UUID.randomUUID();
        String receipt = "{\"type\":\"receipt\",\"status\":\"read\",\"messageIds\":[\"" + message + "\"],\"sentAt\":1}";
        var r = chat.volunteer().post(chat.conversationId(), chat.volunteer().seal(chat.conversationId(), receiptId, receipt));
        assertEquals(200, r.status());
        var atClient = chat.client().syncAll(0);
        assertEquals(receipt, chat.client().open(atClient.get(0)));
    }

    @Test
    void aNonMemberCannotSendIntoTheConversation() {
        var chat = chats.chat();
        TestDevice stranger = chats.device(chat.coordinator(), SubjectKind.VOLUNTEER, UUID.randomUUID());
        List<WireEnvelope> sealed = chat.client().seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("x"));
        // The stranger re-labels a real envelope as its own: the header says sender = stranger.
        WireEnvelope e = sealed.get(0);
        WireEnvelope asStranger = new WireEnvelope(1, e.conversationId(), stranger.id().toString(), e.recipientDeviceId(),
                e.messageId(), e.senderKeyId(), e.recipientKeyId(), e.enc(), e.ct());
        var r = stranger.post(chat.conversationId(), List.of(asStranger));
        assertEquals(404, r.status(), r.toString());
        assertEquals(0, chat.volunteer().syncAll(0).size());
    }

    @Test
    void aNonMemberReceivesNothingFromTheConversation() {
        var chat = chats.chat();
        TestDevice stranger = chats.device(chat.coordinator(), SubjectKind.VOLUNTEER, UUID.randomUUID());
        chat.client().sendText(chat.conversationId(), "hemligt");
        assertEquals(0, stranger.syncAll(0).size());
    }

    @Test
    void anEnvelopeForADeviceOutsideTheConversationIsRefused() {
        var chat = chats.chat();
        TestDevice stranger = chats.device(chat.coordinator(), SubjectKind.VOLUNTEER, UUID.randomUUID());
        var peer = new se.bredvid.messaging.reference.EnvelopeCrypto.PeerDevice(stranger.id(),
                stranger.keys.identityPublicKey(), stranger.keys.currentPreKey());
        WireEnvelope toStranger = se.bredvid.messaging.reference.EnvelopeCrypto.seal(chat.conversationId(),
                UUID.randomUUID(), chat.client().id(), chat.client().keys, peer, TestDevice.text("fel").getBytes());
        var r = chat.client().post(chat.conversationId(), List.of(toStranger));
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:devices-changed", r.problemType());
        assertEquals(0, stranger.syncAll(0).size());
    }

    @Test
    void aClosedConversationRefusesNewEnvelopesAndDeliversNoMore() {
        var chat = chats.chat();
        chat.client().sendText(chat.conversationId(), "före stängning");
        List<WireEnvelope> late = chat.client().seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("efter"));
        assertTrue(directory.close(chat.assignmentId()));
        var r = chat.client().post(chat.conversationId(), late);
        assertEquals(409, r.status());
        assertEquals("urn:bredvid:problem:conversation-closed", r.problemType());
        assertEquals(0, chat.volunteer().syncAll(0).size());
    }

    @Test
    void anEnvelopeLabelledWithAnotherConversationIsRefused() {
        var chat = chats.chat();
        // The sender is a member of both conversations, so only the label can refuse the envelope.
        UUID other = chats.secondConversation(chat);
        List<WireEnvelope> sealed = chat.client().seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("x"));
        var r = chat.client().post(other, sealed);
        assertEquals(400, r.status());
        assertEquals("envelopes[0].conversationId", firstViolation(r));
    }

    @Test
    void anEnvelopeClaimingAnotherSenderIsRefused() {
        var chat = chats.chat();
        TestDevice secondClient = chats.device(chat.coordinator(), SubjectKind.CLIENT, chat.clientId());
        List<WireEnvelope> sealed = secondClient.seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("x"));
        var r = chat.client().post(chat.conversationId(), sealed);
        assertEquals(400, r.status());
        assertEquals("envelopes[0].senderDeviceId", firstViolation(r));
    }

    @Test
    void malformedEnvelopesAreRefusedWithAProblemNamingTheField() {
        var chat = chats.chat();
        WireEnvelope good = chat.client().seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("x")).get(0);
        Map<String, WireEnvelope> bad = Map.of(
                "envelopes[0].v", new WireEnvelope(2, good.conversationId(), good.senderDeviceId(), good.recipientDeviceId(),
                        good.messageId(), good.senderKeyId(), good.recipientKeyId(), good.enc(), good.ct()),
                "envelopes[0].messageId", new WireEnvelope(1, good.conversationId(), good.senderDeviceId(), good.recipientDeviceId(),
                        good.messageId().toUpperCase(), good.senderKeyId(), good.recipientKeyId(), good.enc(), good.ct()),
                "envelopes[0].enc", new WireEnvelope(1, good.conversationId(), good.senderDeviceId(), good.recipientDeviceId(),
                        good.messageId(), good.senderKeyId(), good.recipientKeyId(), good.enc().substring(2), good.ct()),
                "envelopes[0].ct", new WireEnvelope(1, good.conversationId(), good.senderDeviceId(), good.recipientDeviceId(),
                        good.messageId(), good.senderKeyId(), good.recipientKeyId(), good.enc(), good.ct().substring(8)),
                "envelopes[0].recipientKeyId", new WireEnvelope(1, good.conversationId(), good.senderDeviceId(), good.recipientDeviceId(),
                        good.messageId(), good.senderKeyId(), null, good.enc(), good.ct()));
        bad.forEach((field, envelope) -> {
            var r = chat.client().post(chat.conversationId(), List.of(envelope));
            assertEquals(400, r.status(), field + " -> " + r);
            assertEquals("application/problem+json", r.contentType());
            assertEquals(field, firstViolation(r));
        });
    }

    @Test
    void malformedBatchesAreRefusedWithAProblem() {
        var chat = chats.chat();
        String path = "/api/conversations/" + chat.conversationId() + "/envelopes";
        WireEnvelope good = chat.client().seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("x")).get(0);
        List<WireEnvelope> tooMany = Collections.nCopies(33, good);
        for (Object body : new Object[]{"{}", "{\"envelopes\":[]}", "{\"envelopes\":5}", "not json", "{\"envelopes\":[null]}",
                "{\"other\":1}", Map.of("envelopes", List.of(good, good)), Map.of("envelopes", tooMany)}) {
            var r = chat.client().api().post(path, chat.client().token(), body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals("application/problem+json", r.contentType(), body + " -> " + r);
        }
    }

    @Test
    void badSyncParametersAreRefusedWithAProblem() {
        var chat = chats.chat();
        for (String query : new String[]{"since=-1", "limit=0", "limit=100000", "since=abc"}) {
            var r = chat.client().api().get("/api/envelopes?" + query, chat.client().token());
            assertEquals(400, r.status(), query + " -> " + r);
            assertEquals("application/problem+json", r.contentType());
        }
    }

    @Test
    void staffCannotPostOrSync() {
        var chat = chats.chat();
        assertEquals(403, fx.api.get("/api/envelopes", chat.coordinator().accessToken()).status());
        assertEquals(403, fx.api.post("/api/conversations/" + chat.conversationId() + "/envelopes",
                chat.coordinator().accessToken(), "{}").status());
    }

    private static long seqOf(se.bredvid.testing.Api.Response r) {
        return r.json().get("stored").values().iterator().next().get("seq").getLongValue();
    }

    private static String firstViolation(se.bredvid.testing.Api.Response r) {
        return r.json().get("violations").values().iterator().next().get("field").getStringValue();
    }
}
