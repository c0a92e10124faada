package se.bredvid.messaging.conversations;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.matching.PairActivity;
import se.bredvid.platform.Published;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * When the two sides of each open conversation last wrote: the time of the last message, never who wrote
 * what. Kept in its own row (not on the conversation, which writers hold a share lock on) so that recording it
 * never makes two writers of one conversation wait for each other. Matching's match support reads it as a
 * {@link PairActivity}; check-ins map their conversations to assignments through {@link #openByAssignment}.
 */
@Singleton
@Published
public class ConversationActivity implements PairActivity {

    /** An open conversation of an assignment and when its last message arrived (null: none yet). */
    public record Activity(UUID assignmentId, UUID conversationId, Instant openedAt, Instant lastMessageAt) {
    }

    private final JdbcOperations jdbc;

    ConversationActivity(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Records a message stored at {@code at}; part of the storing transaction (messaging only). */
    public void messageAt(UUID conversationId, Instant at) {
        jdbc.prepareStatement("""
                insert into conversation_activity (conversation_id, last_message_at) values (?, ?)
                on conflict (conversation_id) do update set last_message_at =
                    greatest(conversation_activity.last_message_at, excluded.last_message_at)""", ps -> {
            ps.setObject(1, conversationId);
            ps.setTimestamp(2, Timestamp.from(at));
            return ps.executeUpdate();
        });
    }

    /** The organisation's open conversations by assignment. */
    @Transactional(readOnly = true)
    public Map<UUID, Activity> openByAssignment(UUID organisationId) {
        return jdbc.prepareStatement("""
                select c.assignment_id, c.id, c.opened_at, a.last_message_at
                from conversation c left join conversation_activity a on a.conversation_id = c.id
                where c.organisation_id = ? and c.closed_at is null""", ps -> {
            ps.setObject(1, organisationId);
            ResultSet rs = ps.executeQuery();
            Map<UUID, Activity> out = new HashMap<>();
            while (rs.next()) {
                Timestamp last = rs.getTimestamp(4);
                UUID assignment = rs.getObject(1, UUID.class);
                out.put(assignment, new Activity(assignment, rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                        last == null ? null : last.toInstant()));
            }
            return out;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Facts> facts(UUID organisationId) {
        Map<UUID, Facts> out = new HashMap<>();
        openByAssignment(organisationId).forEach((assignment, a) -> out.put(assignment, new Facts(a.lastMessageAt(), null, 0)));
        return out;
    }
}
