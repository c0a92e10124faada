package se.bredvid.checkins;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.matching.PairActivity;
import se.bredvid.messaging.conversations.ConversationActivity;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the coordinator's match support may know of a pair's check-ins: when the client last answered one and
 * how many were missed. Times and counts only; never an answer (threat model 2).
 */
@Singleton
class CheckinActivity implements PairActivity {

    private final JdbcOperations jdbc;
    private final ConversationActivity conversations;

    CheckinActivity(JdbcOperations jdbc, ConversationActivity conversations) {
        this.jdbc = jdbc;
        this.conversations = conversations;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Facts> facts(UUID organisationId) {
        Map<UUID, UUID> assignmentOf = new HashMap<>();
        conversations.openByAssignment(organisationId).forEach((assignment, a) -> assignmentOf.put(a.conversationId(), assignment));
        if (assignmentOf.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("""
                select conversation_id, max(answered_at), count(*) filter (where status = 'MISSED')
                from checkin where conversation_id = any (?) group by conversation_id""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", assignmentOf.keySet().toArray()));
            ResultSet rs = ps.executeQuery();
            Map<UUID, Facts> out = new HashMap<>();
            while (rs.next()) {
                Timestamp last = rs.getTimestamp(2);
                out.put(assignmentOf.get(rs.getObject(1, UUID.class)),
                        new Facts(null, last == null ? null : last.toInstant(), rs.getInt(3)));
            }
            return out;
        });
    }
}
