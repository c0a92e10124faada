package se.bredvid.checkins;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import se.bredvid.checkins.CheckinService.AlarmView;
import se.bredvid.checkins.CheckinService.CheckinView;
import se.bredvid.checkins.CheckinService.NotificationView;
import se.bredvid.checkins.CheckinService.ScheduleView;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.conversations.ConversationDirectory.Conversation;
import se.bredvid.platform.StateMachine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The check-in tables, for {@link CheckinService} only: schedules, check-ins and the kontaktperson's
 * notifications. A check-in's status and a schedule's state change only through the transition methods here.
 */
@Singleton
class CheckinStore {

    private static final String CHECKIN_COLUMNS = "id, conversation_id, due_at, deadline_at, scheduled, status, answer, "
            + "answered_at, message_id, acknowledged_at, acknowledged_by, escalated_at";

    /** A schedule as locked for agreement. */
    record ScheduleHead(ScheduleState state, SubjectKind proposedBy) {
    }

    /** An agreed schedule and the instant from which its next check-in is counted. */
    record DueSchedule(UUID conversationId, CheckinSchedule schedule, Instant from) {
    }

    /** A check-in as locked for the client's answer. */
    record AnswerRow(UUID conversationId, CheckinState status, UUID messageId, String answer) {
    }

    /** A conversation's check-ins in short: the client's last answer and how many were missed. */
    record AnswerSummary(Instant lastAnsweredAt, int missed) {
    }

    /** A check-in that just went missed or escalated, with its conversation. */
    record Marked(UUID id, UUID conversationId) {
    }

    private final JdbcOperations jdbc;

    CheckinStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    // ---- schedule ----

    /** A proposal replaces any schedule of the conversation and waits for the other side's agreement. */
    void propose(UUID conversationId, CheckinSchedule schedule, SubjectKind proposedBy, Instant now) {
        jdbc.prepareStatement("""
                insert into checkin_schedule (conversation_id, kind, day_of_week, every_days, time_of_day, zone,
                    grace_minutes, starts_on, state, proposed_by, proposed_at, agreed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, null)
                on conflict (conversation_id) do update set kind = excluded.kind, day_of_week = excluded.day_of_week,
                    every_days = excluded.every_days, time_of_day = excluded.time_of_day, zone = excluded.zone,
                    grace_minutes = excluded.grace_minutes, starts_on = excluded.starts_on, state = excluded.state,
                    proposed_by = excluded.proposed_by, proposed_at = excluded.proposed_at, agreed_at = null""", ps -> {
            ps.setObject(1, conversationId);
            ps.setString(2, schedule.kind().name());
            ps.setObject(3, schedule.dayOfWeek() == null ? null : (short) schedule.dayOfWeek().getValue(), java.sql.Types.SMALLINT);
            ps.setObject(4, schedule.everyDays() == null ? null : schedule.everyDays().shortValue(), java.sql.Types.SMALLINT);
            ps.setObject(5, schedule.timeOfDay());
            ps.setString(6, schedule.zone().getId());
            ps.setInt(7, (int) schedule.grace().toMinutes());
            ps.setObject(8, schedule.startsOn());
            ps.setString(9, ScheduleState.PROPOSED.name());
            ps.setString(10, proposedBy.name());
            ps.setTimestamp(11, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    Optional<ScheduleHead> lockSchedule(UUID conversationId) {
        return jdbc.prepareStatement("select state, proposed_by from checkin_schedule where conversation_id = ? for update", ps -> {
            ps.setObject(1, conversationId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(new ScheduleHead(ScheduleState.valueOf(rs.getString(1)), SubjectKind.valueOf(rs.getString(2))))
                    : Optional.<ScheduleHead>empty();
        });
    }

    /** The one change of a schedule's state: from proposed to agreed. */
    void transition(UUID conversationId, ScheduleState from, ScheduleState to, Instant now) {
        StateMachine.require(from, to, "A check-in schedule");
        StateMachine.changed(jdbc.prepareStatement(
                "update checkin_schedule set state = ?, agreed_at = ? where conversation_id = ? and state = ?", ps -> {
                    ps.setString(1, to.name());
                    ps.setTimestamp(2, Timestamp.from(now));
                    ps.setObject(3, conversationId);
                    ps.setString(4, from.name());
                    return ps.executeUpdate();
                }), "The check-in schedule");
    }

    /** The schedule as both sides see it, with its next check-in after {@code now} once agreed. */
    Optional<ScheduleView> schedule(UUID conversationId, Instant now) {
        return jdbc.prepareStatement("""
                select kind, day_of_week, every_days, time_of_day, zone, grace_minutes, starts_on, state, proposed_by,
                       proposed_at, agreed_at
                from checkin_schedule where conversation_id = ?""", ps -> {
            ps.setObject(1, conversationId);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) {
                return Optional.<ScheduleView>empty();
            }
            Timestamp agreed = rs.getTimestamp(11);
            CheckinSchedule.Kind kind = CheckinSchedule.Kind.valueOf(rs.getString(1));
            Integer day = (Integer) rs.getObject(2, Integer.class);
            Integer every = (Integer) rs.getObject(3, Integer.class);
            LocalTime time = rs.getObject(4, LocalTime.class);
            ZoneId zone = ZoneId.of(rs.getString(5));
            LocalDate startsOn = rs.getObject(7, LocalDate.class);
            ScheduleState state = ScheduleState.valueOf(rs.getString(8));
            Instant next = state == ScheduleState.AGREED
                    ? new CheckinSchedule(kind, day == null ? null : DayOfWeek.of(day), every, time, zone, startsOn,
                            Duration.ofMinutes(rs.getInt(6))).nextDueAfter(now)
                    : null;
            return Optional.of(new ScheduleView(kind, day, every, time.toString(), zone.getId(), rs.getInt(6), startsOn,
                    state, SubjectKind.valueOf(rs.getString(9)), rs.getTimestamp(10).toInstant(),
                    agreed == null ? null : agreed.toInstant(), next));
        });
    }

    /** Every agreed schedule, with the later of its agreement and its last scheduled check-in. */
    List<DueSchedule> agreedSchedules() {
        return jdbc.prepareStatement("""
                select s.conversation_id, s.kind, s.day_of_week, s.every_days, s.time_of_day, s.zone, s.grace_minutes,
                       s.starts_on, s.agreed_at,
                       (select max(c.due_at) from checkin c where c.conversation_id = s.conversation_id and c.scheduled)
                from checkin_schedule s where s.state = ?""", ps -> {
            ps.setString(1, ScheduleState.AGREED.name());
            ResultSet rs = ps.executeQuery();
            List<DueSchedule> out = new ArrayList<>();
            while (rs.next()) {
                Short day = rs.getObject(3) == null ? null : rs.getShort(3);
                Short every = rs.getObject(4) == null ? null : rs.getShort(4);
                CheckinSchedule schedule = new CheckinSchedule(CheckinSchedule.Kind.valueOf(rs.getString(2)),
                        day == null ? null : DayOfWeek.of(day), every == null ? null : every.intValue(),
                        rs.getObject(5, LocalTime.class), ZoneId.of(rs.getString(6)), rs.getObject(8, LocalDate.class),
                        Duration.ofMinutes(rs.getInt(7)));
                Instant agreed = rs.getTimestamp(9).toInstant();
                Timestamp last = rs.getTimestamp(10);
                Instant from = last == null || last.toInstant().isBefore(agreed) ? agreed : last.toInstant();
                out.add(new DueSchedule(rs.getObject(1, UUID.class), schedule, from));
            }
            return out;
        });
    }

    /** A closed conversation has no schedule and no open check-ins. */
    void closeConversation(UUID conversationId) {
        jdbc.prepareStatement("delete from checkin_schedule where conversation_id = ?", ps -> {
            ps.setObject(1, conversationId);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("delete from checkin where conversation_id = ? and status = ?", ps -> {
            ps.setObject(1, conversationId);
            ps.setString(2, CheckinState.PENDING.name());
            return ps.executeUpdate();
        });
    }

    // ---- check-ins ----

    /** A pending check-in; false if the conversation already has one due at that instant. */
    boolean insertCheckin(UUID id, UUID conversationId, Instant due, Instant deadline, boolean scheduled) {
        return jdbc.prepareStatement("""
                insert into checkin (id, conversation_id, due_at, deadline_at, scheduled, status)
                values (?, ?, ?, ?, ?, ?) on conflict do nothing""", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, conversationId);
            ps.setTimestamp(3, Timestamp.from(due));
            ps.setTimestamp(4, Timestamp.from(deadline));
            ps.setBoolean(5, scheduled);
            ps.setString(6, CheckinState.PENDING.name());
            return ps.executeUpdate() > 0;
        });
    }

    List<CheckinView> recent(UUID conversationId) {
        return jdbc.prepareStatement("select " + CHECKIN_COLUMNS
                + " from checkin where conversation_id = ? order by due_at desc limit 50", ps -> {
            ps.setObject(1, conversationId);
            ResultSet rs = ps.executeQuery();
            List<CheckinView> out = new ArrayList<>();
            while (rs.next()) {
                out.add(view(rs));
            }
            return out;
        });
    }

    Optional<CheckinView> byId(UUID id) {
        return jdbc.prepareStatement("select " + CHECKIN_COLUMNS + " from checkin where id = ?", ps -> {
            ps.setObject(1, id);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(view(rs)) : Optional.<CheckinView>empty();
        });
    }

    Optional<UUID> conversationOf(UUID checkinId) {
        return jdbc.prepareStatement("select conversation_id from checkin where id = ?", ps -> {
            ps.setObject(1, checkinId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.<UUID>empty();
        });
    }

    Optional<AnswerRow> lockForAnswer(UUID checkinId) {
        return jdbc.prepareStatement("select conversation_id, status, message_id, answer from checkin where id = ? for update", ps -> {
            ps.setObject(1, checkinId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(new AnswerRow(rs.getObject(1, UUID.class), CheckinState.valueOf(rs.getString(2)),
                    rs.getObject(3, UUID.class), rs.getString(4))) : Optional.<AnswerRow>empty();
        });
    }

    /** The client's answer: the check-in goes from {@code from} (pending, or missed and answered late) to answered. */
    void answer(UUID checkinId, CheckinState from, CheckinStatus answer, UUID messageId, Instant now) {
        StateMachine.require(from, CheckinState.ANSWERED, "A check-in");
        StateMachine.changed(jdbc.prepareStatement("""
                update checkin set status = ?, answer = ?, answered_at = ?, message_id = ? where id = ? and status = ?""", ps -> {
            ps.setString(1, CheckinState.ANSWERED.name());
            ps.setString(2, answer.name());
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setObject(4, messageId);
            ps.setObject(5, checkinId);
            ps.setString(6, from.name());
            return ps.executeUpdate();
        }), "The check-in");
    }

    /** Pending check-ins past their deadline become missed, each once (a conditional update). */
    List<Marked> markMissed(Instant now) {
        StateMachine.require(CheckinState.PENDING, CheckinState.MISSED, "A check-in");
        return marked("""
                update checkin set status = ?, missed_at = ?
                where status = ? and deadline_at < ? returning id, conversation_id""",
                CheckinState.MISSED.name(), Timestamp.from(now), CheckinState.PENDING.name(), Timestamp.from(now));
    }

    /** The first acknowledgement of a request for help; false if it was acknowledged already. */
    boolean acknowledge(UUID checkinId, String by, Instant now) {
        return jdbc.prepareStatement("""
                update checkin set acknowledged_at = ?, acknowledged_by = ?
                where id = ? and answer = ? and acknowledged_at is null""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, by);
            ps.setObject(3, checkinId);
            ps.setString(4, CheckinStatus.NEED_HELP.name());
            return ps.executeUpdate();
        }) == 1;
    }

    /** Requests for help answered at or before {@code cutoff} and not acknowledged: marked escalated, each once. */
    List<Marked> escalate(Instant now, Instant cutoff) {
        return marked("""
                update checkin set escalated_at = ?
                where answer = ? and acknowledged_at is null and escalated_at is null and answered_at <= ?
                returning id, conversation_id""", Timestamp.from(now), CheckinStatus.NEED_HELP.name(), Timestamp.from(cutoff));
    }

    /** The requests for help in the given conversations answered after {@code since}: unacknowledged first, then newest. */
    List<AlarmView> alarms(Map<UUID, Conversation> of, Instant since) {
        return jdbc.prepareStatement("""
                select id, conversation_id, answered_at, acknowledged_at, acknowledged_by, escalated_at from checkin
                where conversation_id = any(?) and answer = ? and answered_at > ?
                order by acknowledged_at is not null, answered_at desc limit 200""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", of.keySet().toArray()));
            ps.setString(2, CheckinStatus.NEED_HELP.name());
            ps.setTimestamp(3, Timestamp.from(since));
            ResultSet rs = ps.executeQuery();
            List<AlarmView> list = new ArrayList<>();
            while (rs.next()) {
                Conversation c = of.get(rs.getObject(2, UUID.class));
                list.add(new AlarmView(rs.getObject(1, UUID.class), c.id(), c.clientId(), c.volunteerId(),
                        rs.getTimestamp(3).toInstant(), instant(rs.getTimestamp(4)), rs.getString(5),
                        instant(rs.getTimestamp(6))));
            }
            return list;
        });
    }

    /** Per conversation that has check-ins: when the client last answered one and how many were missed. */
    Map<UUID, AnswerSummary> answeredAndMissed(Collection<UUID> conversationIds) {
        return jdbc.prepareStatement("""
                select conversation_id, max(answered_at), count(*) filter (where status = ?)
                from checkin where conversation_id = any (?) group by conversation_id""", ps -> {
            ps.setString(1, CheckinState.MISSED.name());
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", conversationIds.toArray()));
            ResultSet rs = ps.executeQuery();
            Map<UUID, AnswerSummary> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getObject(1, UUID.class), new AnswerSummary(instant(rs.getTimestamp(2)), rs.getInt(3)));
            }
            return out;
        });
    }

    /** Retention: check-ins (with their status) and notifications older than {@code before}. */
    int deleteOlderThan(Instant before) {
        int n = jdbc.prepareStatement("delete from checkin_notification where created_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
        return n + jdbc.prepareStatement("delete from checkin where due_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }

    // ---- the kontaktperson's notifications ----

    void insertNotification(UUID organisationId, UUID conversationId, UUID checkinId, String kind, String audience,
                            UUID volunteerId, Instant now) {
        jdbc.prepareStatement("""
                insert into checkin_notification (id, organisation_id, audience, volunteer_id, kind, conversation_id,
                    checkin_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, organisationId);
            ps.setString(3, audience);
            ps.setObject(4, volunteerId);
            ps.setString(5, kind);
            ps.setObject(6, conversationId);
            ps.setObject(7, checkinId);
            ps.setTimestamp(8, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    List<NotificationView> volunteerNotifications(UUID organisationId, UUID volunteerId) {
        return jdbc.prepareStatement("""
                select n.id, n.kind, n.conversation_id, n.checkin_id, n.created_at, n.read_at
                from checkin_notification n
                where n.organisation_id = ? and n.audience = 'VOLUNTEER' and n.volunteer_id = ?
                order by n.created_at desc limit 100""", ps -> {
            ps.setObject(1, organisationId);
            ps.setObject(2, volunteerId);
            ResultSet rs = ps.executeQuery();
            List<NotificationView> out = new ArrayList<>();
            while (rs.next()) {
                Timestamp read = rs.getTimestamp(6);
                out.add(new NotificationView(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class), null, null, rs.getTimestamp(5).toInstant(),
                        read == null ? null : read.toInstant()));
            }
            return out;
        });
    }

    /** False if the kontaktperson has no such notification. */
    boolean markRead(UUID notificationId, UUID organisationId, UUID volunteerId, Instant now) {
        return jdbc.prepareStatement("update checkin_notification set read_at = coalesce(read_at, ?) "
                + "where id = ? and organisation_id = ? and audience = 'VOLUNTEER' and volunteer_id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, notificationId);
            ps.setObject(3, organisationId);
            ps.setObject(4, volunteerId);
            return ps.executeUpdate();
        }) != 0;
    }

    /** The kontaktperson's notice of a request for help counts as read once someone acknowledged it. */
    void readNeedHelpNotices(UUID checkinId, Instant now) {
        jdbc.prepareStatement("""
                update checkin_notification set read_at = coalesce(read_at, ?)
                where checkin_id = ? and kind = ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, checkinId);
            ps.setString(3, CheckinStatus.NEED_HELP.name());
            return ps.executeUpdate();
        });
    }

    // ---- helpers ----

    private List<Marked> marked(String sql, Object... args) {
        return jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ResultSet rs = ps.executeQuery();
            List<Marked> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Marked(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
            }
            return out;
        });
    }

    private static CheckinView view(ResultSet rs) throws SQLException {
        String answer = rs.getString(7);
        return new CheckinView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(), rs.getBoolean(5), rs.getString(6),
                answer == null ? null : CheckinStatus.valueOf(answer), instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(10)), rs.getString(11), instant(rs.getTimestamp(12)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
