package se.bredvid.messaging.envelopes;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.MessagingTest;
import se.bredvid.messaging.TestDevice;
import se.bredvid.messaging.TestSql;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.testing.Await;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Group commit (issue 17): sends that wait while the writer is busy are stored by one statement and one
 * commit, each answered only after it; the statement checks each send's conversation on its own, so one
 * refused send stores nothing and costs the others nothing; the member memory never refuses a device
 * paired after it was filled.
 */
@MicronautTest(transactional = false)
class EnvelopeGroupIT implements MessagingTest {

    @Inject
    ChatFixtures chats;

    @Inject
    TestSql sql;

    @Inject
    Fixtures fx;

    @Inject
    EnvelopeWriter writer;

    @Inject
    EnvelopeStore store;

    @Inject
    MeterRegistry meters;

    @Inject
    ConversationDirectory directory;

    @Inject
    CommittedRecorder committed;

    @Override
    public Map<String, String> moreProperties() {
        // One writer, so that what waits while it is busy is exactly the next group.
        return Map.of("bredvid.messaging.envelopes.writers", "1", "bredvid.test.record-committed", "true");
    }

    @Test
    void sendsThatArriveWhileTheWriterIsBusyAreCommittedTogetherAndAnsweredAfterTheCommit() throws Exception {
        var chat = chats.chat();
        UUID conversation = chat.conversationId();
        chat.client().sendText(conversation, "först"); // the member memory now knows the conversation
        List<List<WireEnvelope>> batches = new ArrayList<>();
        for (int i = 0; i < 11; i++) {
            batches.add(chat.client().seal(conversation, UUID.randomUUID(), TestDevice.text("nr " + i)));
        }
        DistributionSummary groups = meters.get("bredvid.envelopes.group.sends").summary();
        long groupsBefore = groups.count();
        double sendsBefore = groups.totalAmount();
        ExecutorService senders = Executors.newFixedThreadPool(11);
        List<Future<Api.Response>> answers = new ArrayList<>();
        try (Connection lock = sql.connect()) {
            // Another transaction holds the conversation: the writer's statement waits for it.
            lock.setAutoCommit(false);
            try (PreparedStatement ps = lock.prepareStatement("select 1 from conversation where id = ? for update")) {
                ps.setObject(1, conversation);
                ps.executeQuery();
            }
            answers.add(senders.submit(() -> chat.client().post(conversation, batches.get(0))));
            Await.until(() -> groups.count() == groupsBefore + 1, Duration.ofSeconds(20), "the writer to take the first send");
            for (int i = 1; i < 11; i++) {
                List<WireEnvelope> batch = batches.get(i);
                answers.add(senders.submit(() -> chat.client().post(conversation, batch)));
            }
            Await.until(() -> writer.waiting() == 10, Duration.ofSeconds(20), "ten sends waiting for the writer");
            for (Future<Api.Response> a : answers) {
                assertTrue(!a.isDone(), "nothing is answered before its commit");
            }
            lock.rollback();
        }
        Set<Long> seqs = new HashSet<>();
        for (Future<Api.Response> a : answers) {
            Api.Response r = a.get(30, TimeUnit.SECONDS);
            assertEquals(200, r.status(), r.toString());
            seqs.add(r.json().get("stored").values().iterator().next().get("seq").getLongValue());
        }
        senders.shutdown();
        assertEquals(groupsBefore + 2, groups.count(), "the first send alone, then the ten that waited in one group");
        assertEquals(sendsBefore + 11, groups.totalAmount());
        assertEquals(11, seqs.size(), "every send has its own sequence");
        var queue = chat.volunteer().syncAll(0);
        assertEquals(12, queue.size());
        Await.until(() -> sql.queryLong("select count(*) from conversation_activity where conversation_id = ?",
                conversation) == 1, Duration.ofSeconds(10), "the conversation's last-message time");
        for (int i = 1; i < queue.size(); i++) {
            assertTrue(queue.get(i).seq() > queue.get(i - 1).seq());
        }
    }

    @Test
    void oneStatementStoresTheSendsItMayAndRefusesEachOtherSendAlone() {
        var open = chats.chat();
        var other = chats.chat();
        var closed = chats.chat();
        var toClosed = send(closed, closed.client(), SubjectKind.CLIENT, closed.clientId(), closed.volunteer().id());
        directory.close(closed.assignmentId());
        Instant now = Instant.now();
        var good = send(open, open.client(), SubjectKind.CLIENT, open.clientId(), open.volunteer().id());
        // The volunteer's token names her subject; a client id in its place is refused by the statement.
        var wrongSubject = send(open, open.volunteer(), SubjectKind.VOLUNTEER, open.clientId(), open.client().id());
        var otherTenant = new EnvelopeStore.Send(open.conversationId(), other.organisationId(), open.client().id(),
                SubjectKind.CLIENT, open.clientId(), good.envelopes());
        var fromOther = send(other, other.volunteer(), SubjectKind.VOLUNTEER, other.volunteerId(), other.client().id());

        List<EnvelopeStore.Stored> stored = store.storeAll(List.of(good, wrongSubject, otherTenant, toClosed,
                fromOther, good), now);

        assertNotNull(stored.get(0));
        assertNull(stored.get(1), "not the sender's subject");
        assertNull(stored.get(2), "not the sender's organisation");
        assertNull(stored.get(3), "closed");
        assertNotNull(stored.get(4));
        assertEquals(stored.get(0).seqs(), stored.get(5).seqs(), "the same envelope twice in one statement is stored once");
        assertEquals(stored.get(0).seqs().keySet(), stored.get(0).inserted(), "inserted by this statement");
        assertEquals(1, open.volunteer().syncAll(0).size());
        assertEquals(1, other.client().syncAll(0).size());
        assertEquals(0, sql.queryLong("select count(*) from envelope where conversation_id = ?", closed.conversationId()));

        // Sent again later (a retry after a lost answer): the first sequence, nothing new stored, none inserted
        // (so that nothing of the retry's bytes is handed to live delivery under the first one's sequence).
        var again = store.storeAll(List.of(good), now.plusSeconds(1)).get(0);
        assertEquals(stored.get(0).seqs(), again.seqs());
        assertTrue(again.inserted().isEmpty());
        assertEquals(1, open.volunteer().syncAll(0).size());
    }

    @Test
    void whatTheWriterHandsOnIsExactlyWhatAReadReturnsAndNeverARetrysBytes() {
        var chat = chats.chat();
        UUID conversation = chat.conversationId();
        chat.client().sendText(conversation, "först"); // the member memory now knows the conversation
        UUID messageId = UUID.randomUUID();
        assertEquals(200, chat.client().post(conversation, chat.client().seal(conversation, messageId, TestDevice.text("ett"))).status());
        assertEquals(200, chat.client().post(conversation, chat.client().seal(conversation, messageId, TestDevice.text("två"))).status());
        var stored = chat.volunteer().syncAll(0).stream()
                .filter(d -> d.envelope().messageId().equals(messageId.toString())).toList();
        var handedOn = committed.handedOn.stream()
                .filter(d -> d.envelope().messageId().equals(messageId.toString())).toList();
        assertEquals(1, stored.size());
        // Seq, receivedAt (to the millisecond, as a read gives it) and every byte of the first attempt, once.
        assertEquals(stored, handedOn);
        assertTrue(chat.volunteer().open(handedOn.get(0)).contains("ett"));
    }

    @Test
    void aDevicePairedAfterTheMemoryWasFilledIsSentToAtOnce() {
        var chat = chats.chat();
        chat.client().sendText(chat.conversationId(), "före"); // the member memory now knows two devices
        TestDevice secondVolunteerPhone = chats.device(chat.coordinator(), SubjectKind.VOLUNTEER, chat.volunteerId());
        UUID messageId = chat.client().sendText(chat.conversationId(), "efter");
        var copy = secondVolunteerPhone.syncAll(0);
        assertEquals(1, copy.size());
        assertEquals(messageId.toString(), copy.get(0).envelope().messageId());
    }

    @Test
    void aDeviceRevokedAfterTheMemoryWasFilledIsNoLongerARecipient() {
        var chat = chats.chat();
        TestDevice secondPhone = chats.device(chat.coordinator(), SubjectKind.VOLUNTEER, chat.volunteerId());
        chat.client().sendText(chat.conversationId(), "före");
        var sealedForBoth = chat.client().seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("efter"));
        assertEquals(204, fx.api.delete("/api/devices/" + secondPhone.id(), chat.coordinator().accessToken()).status());
        var r = chat.client().post(chat.conversationId(), sealedForBoth);
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:devices-changed", r.problemType());
        assertEquals(401, secondPhone.syncResponse(0, 10).status(), "the revoked phone fetches nothing");
    }

    @Test
    void aSendToAConversationClosedAfterTheMemoryWasFilledIsRefused() {
        var chat = chats.chat();
        chat.client().sendText(chat.conversationId(), "före");
        var late = chat.client().seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("efter"));
        directory.close(chat.assignmentId());
        var r = chat.client().post(chat.conversationId(), late);
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:conversation-closed", r.problemType());
    }

    private static EnvelopeStore.Send send(ChatFixtures.Chat chat, TestDevice from, SubjectKind kind, UUID subjectId,
                                           UUID to) {
        List<WireEnvelope.Checked> checked = new ArrayList<>();
        for (WireEnvelope e : from.seal(chat.conversationId(), UUID.randomUUID(), TestDevice.text("x"))) {
            if (e.recipientDeviceId().equals(to.toString())) {
                checked.add(e.check());
            }
        }
        return new EnvelopeStore.Send(chat.conversationId(), chat.organisationId(), from.id(), kind, subjectId, checked);
    }
}
