package se.bredvid.checkins;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.platform.Calendar;
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

import java.time.Clock;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
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

    /** The worklist kind of an alarm; the object is the check-in. */
    static final String NEED_HELP = "NEED_HELP";
    /** How far back the alarm lists reach. */
    static final Duration ALARM_LIST_WINDOW = Duration.ofDays(7);

    private final CheckinStore store;
    private final ConversationDirectory conversations;
    private final EnvelopeService envelopes;
    private final PushSubscriptions push;
    private final StaffNotifications staff;
    private final AuditLog audit;
    private final CheckinConfig config;
    private final Clock clock;
    private final Calendar calendar;
    private final AfterCommit afterCommit;
    /** From the client's request for help to the first acknowledgement (the alarm promise, ARCHITECTURE.md). */
    private final Timer acknowledgementTime;

    CheckinService(CheckinStore store, ConversationDirectory conversations, EnvelopeService envelopes,
                   PushSubscriptions push, StaffNotifications staff, AuditLog audit, CheckinConfig config, Clock clock,
                   Calendar calendar, AfterCommit afterCommit, MeterRegistry meters) {
        this.afterCommit = afterCommit;
        this.acknowledgementTime = Timer.builder("bredvid.alarms.acknowledgement")
                .description("Time from a request for help (NEED_HELP) to its acknowledgement")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofSeconds(1))
                .maximumExpectedValue(Duration.ofHours(2))
                .register(meters);
        this.store = store;
        this.conversations = conversations;
        this.envelopes = envelopes;
        this.push = push;
        this.staff = staff;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.calendar = calendar;
    }

    // ---- schedule ----

    /** One side proposes a schedule (replacing any earlier one); the other side must agree to it. */
    @Transactional
    public ScheduleView propose(Caller caller, UUID conversationId, Proposal p) {
        var members = conversations.requireMember(caller, conversationId, Access.OPEN);
        CheckinSchedule schedule = parse(p);
        Instant now = clock.instant();
        store.propose(conversationId, schedule, members.callerKind(), now);
        return scheduleOf(conversationId).orElseThrow();
    }

    /** The other side agrees: from now on check-ins fall due. */
    @Transactional
    public ScheduleView agree(Caller caller, UUID conversationId) {
        var members = conversations.requireMember(caller, conversationId, Access.OPEN);
        CheckinStore.ScheduleHead current = store.lockSchedule(conversationId).orElse(null);
        if (current == null || !current.state().mayAgree(current.proposedBy(), members.callerKind())) {
            throw ProblemException.conflict("nothing-to-agree", "There is no schedule proposed by the other side.");
        }
        store.transition(conversationId, current.state(), ScheduleState.AGREED, clock.instant());
        return scheduleOf(conversationId).orElseThrow();
    }

    @Transactional
    public ScheduleView schedule(Caller caller, UUID conversationId) {
        conversations.requireMember(caller, conversationId, Access.OPEN);
        return scheduleOf(conversationId).orElseThrow(() -> ProblemException.notFound("Check-in schedule"));
    }

    private Optional<ScheduleView> scheduleOf(UUID conversationId) {
        return store.schedule(conversationId, clock.instant());
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
            zone = p.zone() != null ? ZoneId.of(p.zone())
                    : config.defaultZone() != null ? ZoneId.of(config.defaultZone()) : calendar.zone();
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
        return store.recent(conversationId);
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
        store.insertCheckin(id, conversationId, now, now.plus(config.adHocDeadline()), false);
        return byId(id).orElseThrow();
    }

    /**
     * The client answers a check-in: the encrypted answer as envelopes to the kontaktperson's devices (one
     * message id), and the status in clear. Escalates by status. Repeating the same answer changes nothing.
     */
    @Transactional
    public CheckinView answer(Caller caller, UUID checkinId, CheckinStatus status, List<WireEnvelope> answer) {
        UUID conversationId = store.conversationOf(checkinId).orElse(null);
        if (conversationId == null) {
            throw ProblemException.notFound("Check-in");
        }
        // Conversation first, then the check-in: the same lock order as closing a conversation.
        var members = conversations.requireMember(caller, conversationId, Access.WRITE);
        CheckinStore.AnswerRow row = store.lockForAnswer(checkinId).orElse(null);
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
        if (row.status() == CheckinState.ANSWERED) {
            if (row.messageId().equals(messageId) && row.answer().equals(status.name())) {
                return byId(checkinId).orElseThrow();
            }
            throw ProblemException.conflict("checkin-answered", "This check-in is already answered.");
        }
        envelopes.post(caller, row.conversationId(), answer);
        Instant now = clock.instant();
        store.answer(checkinId, row.status(), status, messageId, now);
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
        List<CheckinStore.DueSchedule> schedules = store.agreedSchedules();
        int created = 0;
        for (CheckinStore.DueSchedule d : schedules) {
            Optional<Instant> due = d.schedule().latestDueBetween(d.from(), now);
            if (due.isEmpty()) {
                continue;
            }
            UUID id = UUID.randomUUID();
            if (store.insertCheckin(id, d.conversationId(), due.get(), due.get().plus(d.schedule().grace()), true)) {
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
        List<CheckinStore.Marked> missed = store.markMissed(now);
        for (CheckinStore.Marked m : missed) {
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
        store.closeConversation(event.conversationId());
    }

    /** Retention: check-ins (with their status) and notifications older than {@code before}. */
    @Transactional
    public int deleteOlderThan(Instant before) {
        return store.deleteOlderThan(before);
    }

    // ---- notifications ----

    /** A kontaktperson device's list (coordinators have the staff worklist and {@link #alarms}). */
    @Transactional
    public List<NotificationView> notifications(Caller caller) {
        UUID org = caller.requireOrganisation();
        if (!caller.is(Roles.VOLUNTEER_DEVICE)) {
            throw ProblemException.forbidden("Kontaktpersoner only.");
        }
        return store.volunteerNotifications(org, caller.subjectId());
    }

    @Transactional
    public void markRead(Caller caller, UUID notificationId) {
        UUID org = caller.requireOrganisation();
        boolean n = store.markRead(notificationId, org, caller.subjectId(), clock.instant());
        if (!n) {
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
        boolean updated = store.acknowledge(checkinId, by, now);
        if (updated) {
            if (current.answeredAt() != null) {
                Duration waited = Duration.between(current.answeredAt(), now);
                afterCommit.run(() -> acknowledgementTime.record(waited.isNegative() ? Duration.ZERO : waited));
            }
            staff.resolve(Audience.ORGANISATION, c.organisationId(), NEED_HELP, checkinId);
            store.readNeedHelpNotices(checkinId, now);
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
        List<AlarmView> out = of.isEmpty() ? List.of() : store.alarms(of, clock.instant().minus(ALARM_LIST_WINDOW));
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
        List<CheckinStore.Marked> overdue = store.escalate(now, now.minus(config.alarmEscalateAfter()));
        for (CheckinStore.Marked o : overdue) {
            conversations.byId(o.conversationId()).ifPresent(c -> {
                staff.escalate(Audience.ORGANISATION, c.organisationId(), NEED_HELP, o.id());
                push.wakeAfterCommit(conversations.memberDevices(c, SubjectKind.VOLUNTEER).stream()
                        .map(MemberDevice::deviceId).toList(), Urgency.HIGH);
            });
        }
        return overdue.size();
    }

    private Optional<UUID> conversationOf(UUID checkinId) {
        return store.conversationOf(checkinId);
    }

    // ---- helpers ----

    /**
     * The kontaktperson's phone lists it; the coordinators' worklist gets it too (an item naming the
     * check-in), urgent for a request for help.
     */
    private void notifyOf(Conversation c, UUID checkinId, String kind, Urgency urgency, Instant now) {
        store.insertNotification(c.organisationId(), c.id(), checkinId, kind, "VOLUNTEER", c.volunteerId(), now);
        staff.notify(Audience.ORGANISATION, c.organisationId(), kind, "CHECKIN", checkinId,
                urgency == Urgency.HIGH ? StaffNotifications.Urgency.URGENT : StaffNotifications.Urgency.NORMAL);
    }

    private Optional<CheckinView> byId(UUID id) {
        return store.byId(id);
    }
}
