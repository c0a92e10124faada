package se.bredvid.recruiting;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Who attended which supervision session; absence is the lack of a row. */
@Singleton
class SupervisionAttendanceStore {

    /** A volunteer's supervision so far: sessions attended since a date, and the latest one. */
    record Summary(int sessionsSince, Instant lastAt) {
    }

    private final JdbcOperations jdbc;
    private final AttendanceStore attendance;

    SupervisionAttendanceStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
        this.attendance = new AttendanceStore(jdbc, "supervision_attendance");
    }

    void markPresent(UUID sessionId, UUID volunteerId, UUID recordedBy, Instant at) {
        attendance.markPresent(sessionId, volunteerId, recordedBy, at);
    }

    void markAbsent(UUID sessionId, UUID volunteerId) {
        attendance.markAbsent(sessionId, volunteerId);
    }

    List<UUID> attendees(UUID sessionId) {
        return jdbc.prepareStatement("select volunteer_id from supervision_attendance where session_id = ? order by recorded_at",
                ps -> {
                    ps.setObject(1, sessionId);
                    ResultSet rs = ps.executeQuery();
                    List<UUID> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                    return ids;
                });
    }

    /** Attendee counts per session of the organisation held since {@code from}. */
    Map<UUID, Integer> counts(UUID organisationId, Instant from) {
        return jdbc.prepareStatement("""
                select s.id, count(a.volunteer_id) from supervision_session s
                left join supervision_attendance a on a.session_id = s.id
                where s.organisation_id = ? and s.held_at >= ? group by s.id""", ps -> {
            ps.setObject(1, organisationId);
            ps.setTimestamp(2, Timestamp.from(from));
            ResultSet rs = ps.executeQuery();
            Map<UUID, Integer> map = new HashMap<>();
            while (rs.next()) {
                map.put(rs.getObject(1, UUID.class), rs.getInt(2));
            }
            return map;
        });
    }

    /** Per volunteer of the organisation: sessions attended since {@code since} and the latest, up to {@code now}. */
    Map<UUID, Summary> summaries(UUID organisationId, Instant since, Instant now) {
        return jdbc.prepareStatement("""
                select a.volunteer_id, count(*) filter (where s.held_at >= ?), max(s.held_at)
                from supervision_attendance a join supervision_session s on s.id = a.session_id
                where s.organisation_id = ? and s.held_at <= ? group by a.volunteer_id""", ps -> {
            ps.setTimestamp(1, Timestamp.from(since));
            ps.setObject(2, organisationId);
            ps.setTimestamp(3, Timestamp.from(now));
            ResultSet rs = ps.executeQuery();
            Map<UUID, Summary> map = new HashMap<>();
            while (rs.next()) {
                map.put(rs.getObject(1, UUID.class), new Summary(rs.getInt(2), rs.getTimestamp(3).toInstant()));
            }
            return map;
        });
    }

    /** One volunteer's attended sessions held since {@code from}, newest first. */
    List<UUID> sessionsOf(UUID organisationId, UUID volunteerId, Instant from) {
        return jdbc.prepareStatement("""
                select s.id from supervision_attendance a join supervision_session s on s.id = a.session_id
                where s.organisation_id = ? and a.volunteer_id = ? and s.held_at >= ? order by s.held_at desc""", ps -> {
            ps.setObject(1, organisationId);
            ps.setObject(2, volunteerId);
            ps.setTimestamp(3, Timestamp.from(from));
            ResultSet rs = ps.executeQuery();
            List<UUID> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        });
    }
}
