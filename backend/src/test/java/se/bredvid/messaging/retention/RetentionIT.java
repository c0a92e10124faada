package se.bredvid.messaging.retention;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.bredvid.checkins.CheckinRetention;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.MessagingTest;
import se.bredvid.messaging.TestSql;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.platform.MutableClock;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gallring with a controlled clock: the scheduled jobs are off, each test runs them once itself. */
@MicronautTest(transactional = false)
class RetentionIT implements MessagingTest {

    @Inject
    ChatFixtures chats;

    @Inject
    MessagingRetention retention;

    @Inject
    CheckinRetention checkinRetention;

    @Inject
    ConversationDirectory directory;

    @Inject
    MutableClock clock;

    @Inject
    TestSql sql;

    @Override
    public Map<String, String> moreProperties() {
        return Map.of("bredvid.messaging.retention.initial-delay", "1h",
                "bredvid.checkins.retention.initial-delay", "1h",
                "bredvid.checkins.job.enabled", "false");
    }

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private long envelopes(UUID conversation) {
        return sql.queryLong("select count(*) from envelope where conversation_id = ?", conversation);
    }

    @Test
    void anAcknowledgedEnvelopeIsDeletedAndAnUnacknowledgedOneKept() {
        var chat = chats.chat();
        chat.client().sendText(chat.conversationId(), "ett");
        chat.client().sendText(chat.conversationId(), "två");
        var queue = chat.volunteer().syncAll(0);
        assertEquals(204, chat.volunteer().ack(queue.get(0).seq()).status());
        retention.run();
        assertEquals(1, envelopes(chat.conversationId()));
        assertEquals(queue.get(1).seq(), chat.volunteer().syncAll(0).get(0).seq());
    }

    @Test
    void anUndeliveredEnvelopeIsDeletedAfterTheMaximumAge() {
        var chat = chats.chat();
        chat.client().sendText(chat.conversationId(), "gammalt");
        clock.advance(Duration.ofDays(29));
        chat.client().sendText(chat.conversationId(), "nyare");
        retention.run();
        assertEquals(2, envelopes(chat.conversationId()));
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        retention.run();
        assertEquals(1, envelopes(chat.conversationId()));
    }

    @Test
    void envelopesOfAClosedConversationAreDeleted() {
        var chat = chats.chat();
        chat.client().sendText(chat.conversationId(), "före slutet");
        directory.close(chat.assignmentId());
        retention.run();
        assertEquals(0, envelopes(chat.conversationId()));
    }

    @Test
    void aSupersededPreKeyIsKeptForRetentionPlusBundleCacheThenDeleted() {
        var chat = chats.chat();
        long first = chat.volunteer().keys.currentPreKeyId();
        chat.volunteer().rotate();
        String count = "select count(*) from signed_pre_key where device_id = ? and key_id = ?";
        clock.advance(Duration.ofDays(30).plusHours(23));
        retention.run();
        assertEquals(1, sql.queryLong(count, chat.volunteer().id(), first));
        clock.advance(Duration.ofHours(2));
        retention.run();
        assertEquals(0, sql.queryLong(count, chat.volunteer().id(), first));
        assertEquals(1, sql.queryLong(count, chat.volunteer().id(), chat.volunteer().keys.currentPreKeyId()));
    }

    @Test
    void theCurrentPreKeyIsNeverDeleted() {
        var chat = chats.chat();
        clock.advance(Duration.ofDays(400));
        retention.run();
        assertEquals(1, sql.queryLong("select count(*) from signed_pre_key where device_id = ?", chat.client().id()));
    }

    @Test
    void aClosedConversationIsForgottenAfterTheMaximumAge() {
        var chat = chats.chat();
        directory.close(chat.assignmentId());
        clock.advance(Duration.ofDays(29));
        retention.run();
        assertEquals(1, sql.queryLong("select count(*) from conversation where id = ?", chat.conversationId()));
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        retention.run();
        assertEquals(0, sql.queryLong("select count(*) from conversation where id = ?", chat.conversationId()));
    }

    @Test
    void anOpenConversationIsKeptHoweverOld() {
        var chat = chats.chat();
        clock.advance(Duration.ofDays(400));
        retention.run();
        assertEquals(1, sql.queryLong("select count(*) from conversation where id = ?", chat.conversationId()));
    }

    @Test
    void aCheckinAndItsStatusAreDeletedAfterTheMaximumAge() {
        var chat = chats.chat();
        var opened = chat.client().api().post("/api/conversations/" + chat.conversationId() + "/checkins", chat.client().token(), "{}");
        assertEquals(201, opened.status());
        clock.advance(Duration.ofDays(29));
        checkinRetention.run();
        assertEquals(1, sql.queryLong("select count(*) from checkin where conversation_id = ?", chat.conversationId()));
        clock.advance(Duration.ofDays(1).plusMinutes(1));
        checkinRetention.run();
        assertEquals(0, sql.queryLong("select count(*) from checkin where conversation_id = ?", chat.conversationId()));
    }
}
