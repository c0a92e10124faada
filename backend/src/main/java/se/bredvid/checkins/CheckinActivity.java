package se.bredvid.checkins;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the coordinator's match support may know of a pair's check-ins: when the client last answered one and
 * how many were missed. Times and counts only; never an answer (threat model 2).
 */
@Singleton
public class CheckinActivity {

    public record Summary(Instant lastAnsweredAt, int missed) {
    }

    private final JdbcOperations jdbc;

    CheckinActivity(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Per conversation; a conversation without any check-in is left out. */
    @Transactional(readOnly = true)
    public Map<UUID, Summary> of(Collection<UUID> conversationIds) {
        if (conversationIds.isEmpty()) {
            return Map.of();
        }
        return jdbc.prepareStatement("""
                select conversation_id, max(answered_at), count(*) filter (where status = 'MISSED')
                from checkin where conversation_id = any (?) group by conversation_id""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", conversationIds.toArray()));
            ResultSet rs = ps.executeQuery();
            Map<UUID, Summary> out = new HashMap<>();
            while (rs.next()) {
                Timestamp last = rs.getTimestamp(2);
                out.put(rs.getObject(1, UUID.class), new Summary(last == null ? null : last.toInstant(), rs.getInt(3)));
            }
            return out;
        });
    }
}
