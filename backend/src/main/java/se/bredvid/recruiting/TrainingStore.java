package se.bredvid.recruiting;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** Cohort membership and attendance: who was enrolled where, and who was present at which session. */
@Singleton
class TrainingStore {

    /** A session a volunteer attended. */
    record Attended(UUID sessionId, UUID themeId, Instant startsAt, int minutes, boolean makeUp) {
    }

    private final JdbcOperations jdbc;
    private final AttendanceStore attendance;

    TrainingStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
        this.attendance = new AttendanceStore(jdbc, "training_attendance");
    }

    /** Idempotent: concurrent first readers of a curriculum insert it once. */
    void insertThemeIfAbsent(TrainingTheme t) {
        jdbc.prepareStatement("""
                insert into training_theme (id, organisation_id, position, title, minutes, mandatory)
                values (?, ?, ?, ?, ?, ?) on conflict (organisation_id, position) do nothing""", ps -> {
            ps.setObject(1, t.id());
            ps.setObject(2, t.organisationId());
            ps.setInt(3, t.position());
            ps.setString(4, t.title());
            ps.setInt(5, t.minutes());
            ps.setBoolean(6, t.mandatory());
            return ps.executeUpdate();
        });
    }

    boolean enrol(UUID cohortId, UUID volunteerId, Instant at) {
        return jdbc.prepareStatement("""
                insert into training_cohort_member (cohort_id, volunteer_id, enrolled_at) values (?, ?, ?)
                on conflict do nothing""", ps -> {
            ps.setObject(1, cohortId);
            ps.setObject(2, volunteerId);
            ps.setTimestamp(3, Timestamp.from(at));
            return ps.executeUpdate() == 1;
        });
    }

    List<UUID> members(UUID cohortId) {
        return jdbc.prepareStatement("select volunteer_id from training_cohort_member where cohort_id = ? order by enrolled_at",
                ps -> {
                    ps.setObject(1, cohortId);
                    ResultSet rs = ps.executeQuery();
                    List<UUID> ids = new ArrayList<>();
                    while (rs.next()) {
                        ids.add(rs.getObject(1, UUID.class));
                    }
                    return ids;
                });
    }

    boolean isMember(UUID cohortId, UUID volunteerId) {
        return jdbc.prepareStatement("select 1 from training_cohort_member where cohort_id = ? and volunteer_id = ?", ps -> {
            ps.setObject(1, cohortId);
            ps.setObject(2, volunteerId);
            return ps.executeQuery().next();
        });
    }

    /** Whether the volunteer is enrolled in any cohort of the organisation. */
    boolean isEnrolled(UUID organisationId, UUID volunteerId) {
        return jdbc.prepareStatement("""
                select 1 from training_cohort_member m join training_cohort c on c.id = m.cohort_id
                where c.organisation_id = ? and m.volunteer_id = ?""", ps -> {
            ps.setObject(1, organisationId);
            ps.setObject(2, volunteerId);
            return ps.executeQuery().next();
        });
    }

    /** Members and scheduled sessions per cohort of the organisation. */
    Map<UUID, int[]> cohortCounts(UUID organisationId) {
        return jdbc.prepareStatement("""
                select c.id,
                       (select count(*) from training_cohort_member m where m.cohort_id = c.id),
                       (select count(*) from training_session s where s.cohort_id = c.id)
                from training_cohort c where c.organisation_id = ?""", ps -> {
            ps.setObject(1, organisationId);
            ResultSet rs = ps.executeQuery();
            Map<UUID, int[]> map = new HashMap<>();
            while (rs.next()) {
                map.put(rs.getObject(1, UUID.class), new int[] {rs.getInt(2), rs.getInt(3)});
            }
            return map;
        });
    }

    void markPresent(UUID sessionId, UUID volunteerId, UUID recordedBy, Instant at) {
        attendance.markPresent(sessionId, volunteerId, recordedBy, at);
    }

    void markAbsent(UUID sessionId, UUID volunteerId) {
        attendance.markAbsent(sessionId, volunteerId);
    }

    Set<UUID> present(UUID sessionId) {
        return jdbc.prepareStatement("select volunteer_id from training_attendance where session_id = ?", ps -> {
            ps.setObject(1, sessionId);
            ResultSet rs = ps.executeQuery();
            Set<UUID> ids = new HashSet<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        });
    }

    /** Present count per session of a cohort. */
    Map<UUID, Integer> presentCounts(UUID cohortId) {
        return jdbc.prepareStatement("""
                select s.id, count(a.volunteer_id) from training_session s
                left join training_attendance a on a.session_id = s.id
                where s.cohort_id = ? group by s.id""", ps -> {
            ps.setObject(1, cohortId);
            ResultSet rs = ps.executeQuery();
            Map<UUID, Integer> map = new HashMap<>();
            while (rs.next()) {
                map.put(rs.getObject(1, UUID.class), rs.getInt(2));
            }
            return map;
        });
    }

    /** Sessions the volunteer attended in the organisation, oldest first. */
    List<Attended> attended(UUID organisationId, UUID volunteerId) {
        return attendedBy(organisationId, volunteerId).getOrDefault(volunteerId, List.of());
    }

    /** Attended sessions of every volunteer of the organisation (or of one, if given), oldest first. */
    Map<UUID, List<Attended>> attendedBy(UUID organisationId, UUID onlyVolunteerOrNull) {
        return jdbc.prepareStatement("""
                select a.volunteer_id, s.id, s.theme_id, s.starts_at, s.minutes, s.make_up
                from training_attendance a join training_session s on s.id = a.session_id
                where s.organisation_id = ? and (cast(? as uuid) is null or a.volunteer_id = ?)
                order by s.starts_at, s.id""", ps -> {
            ps.setObject(1, organisationId);
            ps.setObject(2, onlyVolunteerOrNull);
            ps.setObject(3, onlyVolunteerOrNull);
            ResultSet rs = ps.executeQuery();
            Map<UUID, List<Attended>> map = new HashMap<>();
            while (rs.next()) {
                map.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>())
                        .add(new Attended(rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                                rs.getTimestamp(4).toInstant(), rs.getInt(5), rs.getBoolean(6)));
            }
            return map;
        });
    }
}
