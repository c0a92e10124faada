package se.bredvid.checkins;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.conversations.ConversationClosed;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.messaging.conversations.ConversationDirectory.Access;
import se.bredvid.messaging.conversations.ConversationDirectory.Conversation;
import se.bredvid.messaging.conversations.ConversationDirectory.MemberDevice;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.messaging.envelopes.EnvelopeService;
import se.bredvid.messaging.push.PushSubscriptions;
import se.bredvid.messaging.push.WebPushSender.Urgency;
import se.bredvid.notifications.StaffNotifications;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.platform.ProblemException;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import se.bredvid.platform.AfterCommit;

/**
 * Check-ins: the schedule a client and kontaktperson agree, the check-ins that fall due, the client's
 * answers and their escalation. The answer's content travels as an envelope (end-to-end encrypted, to
 * the kontaktperson's devices); the server keeps only the status, to escalate:
 * <ul>
 *   <li>{@code NEED_HELP}: the kontaktperson and every coordinator of the organisation are notified at
 *       once (in-app; the kontaktperson's devices are also woken by push with high urgency);</li>
 *   <li>{@code WANT_CONTACT}: the kontaktperson is notified;</li>
 *   <li>no answer within the grace period: the kontaktperson is notified of a missed check-in.</li>
 * </ul>
 * Nobody outside Bredvid is ever contacted: no SMS, no e-mail (ARCHITECTURE.md, seeds 003:732).
 */
@Singleton
public class CheckinService {

    /** A schedule as both sides see it; {@code nextDueAt} once it is agreed (the phones show it). */
    @Serdeable
    public record ScheduleView(CheckinSchedule.Kind kind, @Nullable Integer dayOfWeek, @Nullable Integer everyDays,
                               String timeOfDay, String zone, long graceMinutes, LocalDate startsOn,
                               ScheduleState state, SubjectKind proposedBy, Instant proposedAt, @Nullable Instant agreedAt,
                               @Nullable Instant nextDueAt) {
    }

    /**
     * A check-in as both sides see it. For a NEED_HELP answer: when, and by whom (VOLUNTEER or
     * COORDINATOR, never a name), it was acknowledged, and when it escalated for want of that.
     */
    @Serdeable
    public record CheckinView(UUID id, UUID conversationId, Instant dueAt, Instant deadlineAt, boolean scheduled,
                              String status, @Nullable CheckinStatus answer, @Nullable Instant answeredAt,
                              @Nullable Instant acknowledgedAt, @Nullable String acknowledgedBy,
                              @Nullable Instant escalatedAt) {
    }

    /**
     * An alarm (a NEED_HELP answer) for the people who must act on it: pseudonymous ids only (the desk and
     * the kontaktperson's phone know the pseudonym), never content.
     */
    @Serdeable
    public record AlarmView(UUID checkinId, UUID conversationId, UUID clientId, UUID volunteerId, Instant raisedAt,
                            @Nullable Instant acknowledgedAt, @Nullable String acknowledgedBy,
                            @Nullable Instant escalatedAt) {
    }

    @Serdeable
    public record NotificationView(UUID id, String kind, UUID conversationId, UUID checkinId,
                                   @Nullable UUID clientId, @Nullable UUID volunteerId, Instant createdAt,
                                   @Nullable Instant readAt) {
    }

    /** A proposal as the API receives it; checked here. */
    public record Proposal(@Nullable CheckinSchedule.Kind kind, @Nullable Integer dayOfWeek, @Nullable Integer everyDays,
                           @Nullable String timeOfDay, @Nullable String zone, @Nullable Integer graceMinutes,
                           @Nullable LocalDate startsOn) {
    }

    private static final String CHECKIN_COLUMNS = "id, conversation_id, due_at, deadline_at, scheduled, status, answer, "
            + "answered_at, message_id, acknowledged_at, acknowledged_by, escalated_at";
    /** The worklist kind of an alarm; the object is the check-in. */
    static final String NEED_HELP = "NEED_HELP";
    /** How far back the alarm lists reach. */
    static final Duration ALARM_LIST_WINDOW = Duration.ofDays(7);

    private final JdbcOperations jdbc;
    private final ConversationDirectory conversations;
    private final EnvelopeService envelopes;
    private final PushSubscriptions push;
    private final StaffNotifications staff;
    private final AuditLog audit;
    private final CheckinConfig config;
    private final Clock clock;
    private final AfterCommit afterCommit;
    /** From the client's request for help to the first acknowledgement (the alarm promise, ARCHITECTURE.md). */
    private final Timer acknowledgementTime;

    CheckinService(JdbcOperations jdbc, ConversationDirectory conversations, EnvelopeService envelopes,
                   PushSubscriptions push, StaffNotifications staff, AuditLog audit, CheckinConfig config, Clock clock,
                   AfterCommit afterCommit, MeterRegistry meters) {
        this.afterCommit = afterCommit;
        this.acknowledgementTime = Timer.builder("bredvid.alarms.acknowledgement")
                .description("Time from a request for help (NEED_HELP) to its acknowledgement")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(meters);
        this.jdbc = jdbc;
        this.conversations = conversations;
        this.envelopes = envelopes;
        this.push = push;
        this.staff = staff;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    // ---- schedule ----

    /** One side proposes a schedule (replacing any earlier one); the other side must agree to it. */
    @Transactional
    public ScheduleView propose(Caller caller, UUID conversationId, Proposal p) {
        var members = conversations.requireMember(caller, conversationId, Access.OPEN);
        CheckinSchedule schedule = parse(p);
        Instant now = clock.instant();
        jdbc.prepareStatement("""
                insert into checkin_schedule (conversation_id, kind, day_of_week, every_days, time_of_day, zone,
                    grace_minutes, starts_on, state, proposed_by, proposed_at, agreed_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, 'PROPOSED', ?, ?, null)
                on conflict (conversation_id) do update set kind = excluded.kind, day_of_week = excluded.day_of_week,
                    every_days = excluded.every_days, time_of_day = excluded.time_of_day, zone = excluded.zone,
                    grace_minutes = excluded.grace_minutes, starts_on = excluded.starts_on, state = 'PROPOSED',
                    proposed_by = excluded.proposed_by, proposed_at = excluded.proposed_at, agreed_at = null""", ps -> {
            ps.setObject(1, conversationId);
            ps.setString(2, schedule.kind().name());
            ps.setObject(3, schedule.dayOfWeek() == null ? null : (short) schedule.dayOfWeek().getValue(), java.sql.Types.SMALLINT);
            ps.setObject(4, schedule.everyDays() == null ? null : schedule.everyDays().shortValue(), java.sql.Types.SMALLINT);
            ps.setObject(5, schedule.timeOfDay());
            ps.setString(6, schedule.zone().getId());
            ps.setInt(7, (int) schedule.grace().toMinutes());
            ps.setObject(8, schedule.startsOn());
            ps.setString(9, members.callerKind().name());
            ps.setTimestamp(10, Timestamp.from(now));
            return ps.executeUpdate();
        });
        return scheduleOf(conversationId).orElseThrow();
    }

    /** The other side agrees: from now on check-ins fall due. */
    @Transactional
    public ScheduleView agree(Caller caller, UUID conversationId) {
        var members = conversations.requireMember(caller, conversationId, Access.OPEN);
        record Current(ScheduleState state, SubjectKind proposedBy) {
        }
        Current current = jdbc.prepareStatement(
                "select state, proposed_by from checkin_schedule where conversation_id = ? for update", ps -> {
                    ps.setObject(1, conversationId);
                    ResultSet rs = ps.executeQuery();
                    return rs.next() ? new Current(ScheduleState.valueOf(rs.getString(1)), SubjectKind.valueOf(rs.getString(2))) : null;
                });
        if (current == null || !current.state().mayAgree(current.proposedBy(), members.callerKind())) {
            throw ProblemException.conflict("nothing-to-agree", "There is no schedule proposed by the other side.");
        }
        jdbc.prepareStatement("update checkin_schedule set state = 'AGREED', agreed_at = ? where conversation_id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setObject(2, conversationId);
            return ps.executeUpdate();
        });
        return scheduleOf(conversationId).orElseThrow();
    }

    @Transactional
    public ScheduleView schedule(Caller caller, UUID conversationId) {
        conversations.requireMember(caller, conversationId, Access.OPEN);
        return scheduleOf(conversationId).orElseThrow(() -> ProblemException.notFound("Check-in schedule"));
    }

    private Optional<ScheduleView> scheduleOf(UUID conversationId) {
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
                            Duration.ofMinutes(rs.getInt(6))).nextDueAfter(clock.instant())
                    : null;
            return Optional.of(new ScheduleView(kind, day, every, time.toString(), zone.getId(), rs.getInt(6), startsOn,
                    state, SubjectKind.valueOf(rs.getString(9)), rs.getTimestamp(10).toInstant(),
                    agreed == null ? null : agreed.toInstant(), next));
        });
    }

    private CheckinSchedule parse(Proposal p) {
        if (p.kind() == null) {
            throw ProblemException.invalid("kind", "is required: WEEKLY or EVERY_N_DAYS");
        }
        LocalTime time;
        try {
            time = LocalTime.parse(p.timeOfDay() == null ? "" : p.timeOfDay());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalid("timeOfDay", "must be a time of day such as 18:00");
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(p.zone() == null ? config.defaultZone() : p.zone());
        } catch (DateTimeException e) {
            throw ProblemException.invalid("zone", "must be a time zone such as Europe/Stockholm");
        }
        DayOfWeek day = null;
        if (p.kind() == CheckinSchedule.Kind.WEEKLY) {
            if (p.dayOfWeek() == null || p.dayOfWeek() < 1 || p.dayOfWeek() > 7) {
                throw ProblemException.invalid("dayOfWeek", "must be 1 (Monday) to 7 (Sunday) for a weekly schedule");
            }
            if (p.everyDays() != null) {
                throw ProblemException.invalid("everyDays", "is only for an EVERY_N_DAYS schedule");
            }
            day = DayOfWeek.of(p.dayOfWeek());
        } else {
            if (p.everyDays() == null || p.everyDays() < 1 || p.everyDays() > CheckinSchedule.MAX_EVERY_DAYS) {
                throw ProblemException.invalid("everyDays", "must be 1 to " + CheckinSchedule.MAX_EVERY_DAYS);
            }
            if (p.dayOfWeek() != null) {
                throw ProblemException.invalid("dayOfWeek", "is only for a WEEKLY schedule");
            }
        }
        Duration grace = p.graceMinutes() == null ? config.defaultGrace() : Duration.ofMinutes(p.graceMinutes());
        if (grace.compareTo(CheckinSchedule.MIN_GRACE) < 0 || grace.compareTo(CheckinSchedule.MAX_GRACE) > 0) {
            throw ProblemException.invalid("graceMinutes", "must be 15 to 10080 (7 days)");
        }
        LocalDate startsOn = p.startsOn() == null ? LocalDate.now(clock.withZone(zone)) : p.startsOn();
        return new CheckinSchedule(p.kind(), day, p.everyDays(), time, zone, startsOn, grace);
    }

    // ---- check-ins ----

    /** Recent check-ins of a conversation (both sides see their status; the answer's content is in the envelope). */
    @Transactional
    public List<CheckinView> checkins(Caller caller, UUID conversationId) {
        conversations.requireMember(caller, conversationId, Access.OPEN);
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

    /** The client opens a check-in outside the schedule, e.g. to ask for help now; it answers it next. */
    @Transactional
    public CheckinView open(Caller caller, UUID conversationId) {
        var members = conversations.requireMember(caller, conversationId, Access.OPEN);
        if (members.callerKind() != SubjectKind.CLIENT) {
            throw ProblemException.forbidden("Only the client opens a check-in.");
        }
        Instant now = clock.instant();
        UUID id = UUID.randomUUID();
        insertCheckin(id, conversationId, now, now.plus(config.adHocDeadline()), false);
        return byId(id).orElseThrow();
    }

    /**
     * The client answers a check-in: the encrypted answer as envelopes to the kontaktperson's devices (one
     * message id), and the status in clear. Escalates by status. Repeating the same answer changes nothing.
     */
    @Transactional
    public CheckinView answer(Caller caller, UUID checkinId, CheckinStatus status, List<WireEnvelope> answer) {
        record Row(UUID conversationId, String status, UUID messageId, String answer) {
        }
        UUID conversationId = jdbc.prepareStatement("select conversation_id from checkin where id = ?", ps -> {
            ps.setObject(1, checkinId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? rs.getObject(1, UUID.class) : null;
        });
        if (conversationId == null) {
            throw ProblemException.notFound("Check-in");
        }
        // Conversation first, then the check-in: the same lock order as closing a conversation.
        var members = conversations.requireMember(caller, conversationId, Access.WRITE);
        Row row = jdbc.prepareStatement("select conversation_id, status, message_id, answer from checkin where id = ? for update", ps -> {
            ps.setObject(1, checkinId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? new Row(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                    rs.getString(4)) : null;
        });
        if (row == null) {
            throw ProblemException.conflict("conversation-closed", "The check-in is no longer open.");
        }
        if (members.callerKind() != SubjectKind.CLIENT) {
            throw ProblemException.forbidden("Only the client answers a check-in.");
        }
        if (status == null) {
            throw ProblemException.invalid("status", "is required: OK, WANT_CONTACT or NEED_HELP");
        }
        if (answer == null || answer.isEmpty()) {
            throw ProblemException.invalid("envelopes", "must carry the encrypted answer");
        }
        Set<String> messageIds = new HashSet<>();
        Set<UUID> volunteerDevices = new HashSet<>();
        members.devicesOf(SubjectKind.VOLUNTEER).forEach(d -> volunteerDevices.add(d.deviceId()));
        boolean reachesVolunteer = false;
        for (WireEnvelope e : answer) {
            if (e == null) {
                throw ProblemException.invalid("envelopes", "must not contain null");
            }
            messageIds.add(e.messageId());
            reachesVolunteer |= e.recipientDeviceId() != null && volunteerDevices.contains(safeUuid(e.recipientDeviceId()));
        }
        if (messageIds.size() != 1) {
            throw ProblemException.invalid("envelopes", "must all carry one messageId (one answer)");
        }
        if (!reachesVolunteer) {
            throw ProblemException.invalid("envelopes", "must be addressed to the kontaktperson's devices");
        }
        UUID messageId = safeUuid(messageIds.iterator().next());
        if ("ANSWERED".equals(row.status())) {
            if (row.messageId().equals(messageId) && row.answer().equals(status.name())) {
                return byId(checkinId).orElseThrow();
            }
            throw ProblemException.conflict("checkin-answered", "This check-in is already answered.");
        }
        envelopes.post(caller, row.conversationId(), answer);
        Instant now = clock.instant();
        jdbc.prepareStatement("""
                update checkin set status = 'ANSWERED', answer = ?, answered_at = ?, message_id = ? where id = ?""", ps -> {
            ps.setString(1, status.name());
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setObject(3, messageId);
            ps.setObject(4, checkinId);
            return ps.executeUpdate();
        });
        Conversation c = members.conversation();
        switch (status) {
            case NEED_HELP -> {
                notifyOf(c, checkinId, NEED_HELP, Urgency.HIGH, now);
                push.wakeAfterCommit(volunteerDevices, Urgency.HIGH);
            }
            case WANT_CONTACT -> {
                notifyOf(c, checkinId, "WANT_CONTACT", Urgency.NORMAL, now);
                push.wakeAfterCommit(volunteerDevices, Urgency.NORMAL);
            }
            case OK -> { }
        }
        return byId(checkinId).orElseThrow();
    }

    private static UUID safeUuid(String s) {
        try {
            return UUID.fromString(s);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid("envelopes", "carry malformed ids");
        }
    }

    // ---- jobs ----

    /** Creates the check-ins that have fallen due under agreed schedules; wakes the client's devices. */
    @Transactional
    public int createDue() {
        Instant now = clock.instant();
        record Due(UUID conversationId, CheckinSchedule schedule, Instant from) {
        }
        List<Due> schedules = jdbc.prepareStatement("""
                select s.conversation_id, s.kind, s.day_of_week, s.every_days, s.time_of_day, s.zone, s.grace_minutes,
                       s.starts_on, s.agreed_at,
                       (select max(c.due_at) from checkin c where c.conversation_id = s.conversation_id and c.scheduled)
                from checkin_schedule s where s.state = 'AGREED'""", ps -> {
            ResultSet rs = ps.executeQuery();
            List<Due> out = new ArrayList<>();
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
                out.add(new Due(rs.getObject(1, UUID.class), schedule, from));
            }
            return out;
        });
        int created = 0;
        for (Due d : schedules) {
            Optional<Instant> due = d.schedule().latestDueBetween(d.from(), now);
            if (due.isEmpty()) {
                continue;
            }
            UUID id = UUID.randomUUID();
            if (insertCheckin(id, d.conversationId(), due.get(), due.get().plus(d.schedule().grace()), true)) {
                created++;
                conversations.byId(d.conversationId()).ifPresent(c -> push.wakeAfterCommit(
                        conversations.memberDevices(c, SubjectKind.CLIENT).stream().map(MemberDevice::deviceId).toList(),
                        Urgency.NORMAL));
            }
        }
        return created;
    }

    /** Marks unanswered check-ins past their deadline as missed and notifies the kontaktperson, once. */
    @Transactional
    public int markMissed() {
        Instant now = clock.instant();
        record Missed(UUID id, UUID conversationId) {
        }
        List<Missed> missed = jdbc.prepareStatement("""
                update checkin set status = 'MISSED', missed_at = ?
                where status = 'PENDING' and deadline_at < ? returning id, conversation_id""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now));
            ResultSet rs = ps.executeQuery();
            List<Missed> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Missed(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
            }
            return out;
        });
        for (Missed m : missed) {
            conversations.byId(m.conversationId()).filter(Conversation::isOpen).ifPresent(c -> {
                notifyOf(c, m.id(), "CHECKIN_MISSED", Urgency.NORMAL, now);
                push.wakeAfterCommit(conversations.memberDevices(c, SubjectKind.VOLUNTEER).stream()
                        .map(MemberDevice::deviceId).toList(), Urgency.NORMAL);
            });
        }
        return missed.size();
    }

    /** A closed conversation has no schedule and no open check-ins. */
    @EventListener
    void onConversationClosed(ConversationClosed event) {
        jdbc.prepareStatement("delete from checkin_schedule where conversation_id = ?", ps -> {
            ps.setObject(1, event.conversationId());
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("delete from checkin where conversation_id = ? and status = 'PENDING'", ps -> {
            ps.setObject(1, event.conversationId());
            return ps.executeUpdate();
        });
    }

    /** Retention: check-ins (with their status) and notifications older than {@code before}. */
    @Transactional
    public int deleteOlderThan(Instant before) {
        int n = jdbc.prepareStatement("delete from checkin_notification where created_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
        return n + jdbc.prepareStatement("delete from checkin where due_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }

    // ---- notifications ----

    /** A kontaktperson device's list (coordinators have the staff worklist and {@link #alarms}). */
    @Transactional
    public List<NotificationView> notifications(Caller caller) {
        UUID org = caller.requireOrganisation();
        if (!caller.is(Roles.VOLUNTEER_DEVICE)) {
            throw ProblemException.forbidden("Kontaktpersoner only.");
        }
        return jdbc.prepareStatement("""
                select n.id, n.kind, n.conversation_id, n.checkin_id, n.created_at, n.read_at
                from checkin_notification n
                where n.organisation_id = ? and n.audience = 'VOLUNTEER' and n.volunteer_id = ?
                order by n.created_at desc limit 100""", ps -> {
            ps.setObject(1, org);
            ps.setObject(2, caller.subjectId());
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

    @Transactional
    public void markRead(Caller caller, UUID notificationId) {
        UUID org = caller.requireOrganisation();
        int n = jdbc.prepareStatement("update checkin_notification set read_at = coalesce(read_at, ?) "
                + "where id = ? and organisation_id = ? and audience = 'VOLUNTEER' and volunteer_id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setObject(2, notificationId);
            ps.setObject(3, org);
            ps.setObject(4, caller.subjectId());
            return ps.executeUpdate();
        });
        if (n == 0) {
            throw ProblemException.notFound("Notification");
        }
    }

    // ---- alarms ----

    /** One check-in, for a member of its conversation (the client follows her alarm with it). */
    @Transactional
    public CheckinView checkin(Caller caller, UUID checkinId) {
        UUID conversationId = conversationOf(checkinId).orElseThrow(() -> ProblemException.notFound("Check-in"));
        conversations.requireMember(caller, conversationId, Access.OPEN);
        return byId(checkinId).orElseThrow(() -> ProblemException.notFound("Check-in"));
    }

    /**
     * The first person who has seen a client's "I need help now" says so: her kontaktperson (from a phone
     * in the conversation) or a coordinator of the organisation. The first one is recorded; a later one
     * changes nothing and gets the same answer. The client's phone is woken to show it, and the item
     * leaves the coordinators' worklist.
     */
    @Transactional
    public CheckinView acknowledge(Caller caller, UUID checkinId) {
        UUID conversationId = conversationOf(checkinId).orElseThrow(() -> ProblemException.notFound("Check-in"));
        Conversation c;
        String by;
        if (caller.is(Roles.COORDINATOR)) {
            UUID org = caller.requireOrganisation();
            c = conversations.byId(conversationId).filter(x -> x.organisationId().equals(org))
                    .orElseThrow(() -> ProblemException.notFound("Check-in"));
            by = "COORDINATOR";
        } else {
            var members = conversations.requireMember(caller, conversationId, Access.OPEN);
            if (members.callerKind() != SubjectKind.VOLUNTEER) {
                throw ProblemException.forbidden("The kontaktperson or a coordinator acknowledges an alarm.");
            }
            c = members.conversation();
            by = "VOLUNTEER";
        }
        CheckinView current = byId(checkinId).orElseThrow(() -> ProblemException.notFound("Check-in"));
        if (current.answer() != CheckinStatus.NEED_HELP) {
            throw ProblemException.conflict("not-an-alarm", "Only a request for help is acknowledged.");
        }
        Instant now = clock.instant();
        int updated = jdbc.prepareStatement("""
                update checkin set acknowledged_at = ?, acknowledged_by = ?
                where id = ? and answer = 'NEED_HELP' and acknowledged_at is null""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, by);
            ps.setObject(3, checkinId);
            return ps.executeUpdate();
        });
        if (updated == 1) {
            if (current.answeredAt() != null) {
                Duration waited = Duration.between(current.answeredAt(), now);
                afterCommit.run(() -> acknowledgementTime.record(waited.isNegative() ? Duration.ZERO : waited));
            }
            staff.resolve(Audience.ORGANISATION, c.organisationId(), NEED_HELP, checkinId);
            jdbc.prepareStatement("""
                    update checkin_notification set read_at = coalesce(read_at, ?)
                    where checkin_id = ? and kind = 'NEED_HELP'""", ps -> {
                ps.setTimestamp(1, Timestamp.from(now));
                ps.setObject(2, checkinId);
                return ps.executeUpdate();
            });
            audit.record(caller.actor(), "ACKNOWLEDGE", "CHECKIN_ALARM", checkinId.toString());
            push.wakeAfterCommit(conversations.memberDevices(c, SubjectKind.CLIENT).stream()
                    .map(MemberDevice::deviceId).toList(), Urgency.NORMAL);
        }
        return byId(checkinId).orElseThrow();
    }

    /**
     * The alarms of the last days the caller must act on: a coordinator's organisation's, or a
     * kontaktperson's own clients'. Unacknowledged first, then newest first.
     */
    @Transactional
    public List<AlarmView> alarms(Caller caller) {
        UUID org = caller.requireOrganisation();
        boolean coordinator = caller.is(Roles.COORDINATOR);
        if (!coordinator && !caller.is(Roles.VOLUNTEER_DEVICE)) {
            throw ProblemException.forbidden("Coordinators and kontaktpersoner only.");
        }
        // The conversations are messaging's (its directory); the check-ins of those conversations are ours.
        Map<UUID, Conversation> of = (coordinator ? conversations.ofOrganisation(org)
                : conversations.conversationsOf(org, SubjectKind.VOLUNTEER, caller.subjectId())).stream()
                .collect(Collectors.toMap(Conversation::id, c -> c));
        List<AlarmView> out = of.isEmpty() ? List.of() : jdbc.prepareStatement("""
                select id, conversation_id, answered_at, acknowledged_at, acknowledged_by, escalated_at from checkin
                where conversation_id = any(?) and answer = 'NEED_HELP' and answered_at > ?
                order by acknowledged_at is not null, answered_at desc limit 200""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", of.keySet().toArray()));
            ps.setTimestamp(2, Timestamp.from(clock.instant().minus(ALARM_LIST_WINDOW)));
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
        if (coordinator) {
            audit.record(caller.actor(), "READ", "CHECKIN_ALARMS", org.toString());
        }
        return out;
    }

    /**
     * Alarms nobody acknowledged within {@code alarm-escalate-after}: once each, the kontaktperson's phones
     * are woken again with high urgency and the coordinators' item is marked overdue and mailed again.
     */
    @Transactional
    public int escalateUnacknowledged() {
        Instant now = clock.instant();
        record Overdue(UUID id, UUID conversationId) {
        }
        List<Overdue> overdue = jdbc.prepareStatement("""
                update checkin set escalated_at = ?
                where answer = 'NEED_HELP' and acknowledged_at is null and escalated_at is null and answered_at <= ?
                returning id, conversation_id""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setTimestamp(2, Timestamp.from(now.minus(config.alarmEscalateAfter())));
            ResultSet rs = ps.executeQuery();
            List<Overdue> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Overdue(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
            }
            return out;
        });
        for (Overdue o : overdue) {
            conversations.byId(o.conversationId()).ifPresent(c -> {
                staff.escalate(Audience.ORGANISATION, c.organisationId(), NEED_HELP, o.id());
                push.wakeAfterCommit(conversations.memberDevices(c, SubjectKind.VOLUNTEER).stream()
                        .map(MemberDevice::deviceId).toList(), Urgency.HIGH);
            });
        }
        return overdue.size();
    }

    private Optional<UUID> conversationOf(UUID checkinId) {
        return jdbc.prepareStatement("select conversation_id from checkin where id = ?", ps -> {
            ps.setObject(1, checkinId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(rs.getObject(1, UUID.class)) : Optional.<UUID>empty();
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    // ---- helpers ----

    /**
     * The kontaktperson's phone lists it; the coordinators' worklist gets it too (an item naming the
     * check-in), urgent for a request for help.
     */
    private void notifyOf(Conversation c, UUID checkinId, String kind, Urgency urgency, Instant now) {
        insertNotification(c, checkinId, kind, "VOLUNTEER", c.volunteerId(), now);
        staff.notify(Audience.ORGANISATION, c.organisationId(), kind, "CHECKIN", checkinId,
                urgency == Urgency.HIGH ? StaffNotifications.Urgency.URGENT : StaffNotifications.Urgency.NORMAL);
    }

    private void insertNotification(Conversation c, UUID checkinId, String kind, String audience, UUID volunteerId, Instant now) {
        jdbc.prepareStatement("""
                insert into checkin_notification (id, organisation_id, audience, volunteer_id, kind, conversation_id,
                    checkin_id, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, c.organisationId());
            ps.setString(3, audience);
            ps.setObject(4, volunteerId);
            ps.setString(5, kind);
            ps.setObject(6, c.id());
            ps.setObject(7, checkinId);
            ps.setTimestamp(8, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    private boolean insertCheckin(UUID id, UUID conversationId, Instant due, Instant deadline, boolean scheduled) {
        return jdbc.prepareStatement("""
                insert into checkin (id, conversation_id, due_at, deadline_at, scheduled, status)
                values (?, ?, ?, ?, ?, 'PENDING') on conflict do nothing""", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, conversationId);
            ps.setTimestamp(3, Timestamp.from(due));
            ps.setTimestamp(4, Timestamp.from(deadline));
            ps.setBoolean(5, scheduled);
            return ps.executeUpdate() > 0;
        });
    }

    private Optional<CheckinView> byId(UUID id) {
        return jdbc.prepareStatement("select " + CHECKIN_COLUMNS + " from checkin where id = ?", ps -> {
            ps.setObject(1, id);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(view(rs)) : Optional.<CheckinView>empty();
        });
    }

    private static CheckinView view(ResultSet rs) throws SQLException {
        String answer = rs.getString(7);
        return new CheckinView(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                rs.getTimestamp(4).toInstant(), rs.getBoolean(5), rs.getString(6),
                answer == null ? null : CheckinStatus.valueOf(answer), instant(rs.getTimestamp(8)),
                instant(rs.getTimestamp(10)), rs.getString(11), instant(rs.getTimestamp(12)));
    }
}
