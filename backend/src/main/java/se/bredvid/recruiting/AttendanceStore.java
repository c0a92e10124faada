package se.bredvid.recruiting;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.UUID;

/**
 * Marking presence in one of the attendance tables (training or supervision): a row means present,
 * absence is the lack of a row. The table name is a constant of this module, never input.
 */
final class AttendanceStore {

    private final JdbcOperations jdbc;
    private final String insert;
    private final String delete;

    AttendanceStore(JdbcOperations jdbc, String table) {
        this.jdbc = jdbc;
        this.insert = "insert into " + table + " (session_id, volunteer_id, recorded_by, recorded_at) values (?, ?, ?, ?)"
                + " on conflict do nothing";
        this.delete = "delete from " + table + " where session_id = ? and volunteer_id = ?";
    }

    void markPresent(UUID sessionId, UUID volunteerId, UUID recordedBy, Instant at) {
        jdbc.prepareStatement(insert, ps -> {
            ps.setObject(1, sessionId);
            ps.setObject(2, volunteerId);
            ps.setObject(3, recordedBy);
            ps.setTimestamp(4, Timestamp.from(at));
            return ps.executeUpdate();
        });
    }

    void markAbsent(UUID sessionId, UUID volunteerId) {
        jdbc.prepareStatement(delete, ps -> {
            ps.setObject(1, sessionId);
            ps.setObject(2, volunteerId);
            return ps.executeUpdate();
        });
    }
}
