package se.bredvid.recruiting;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Supervision (handledning) for volunteers in the role, and the list of active volunteers who have gone
 * too long without it. A contact person carries heavy stories; support in the role is what keeps them,
 * and their clients, safe (seed 001:553).
 */
@Singleton
class SupervisionService {

    static final Duration SUMMARY_WINDOW = Duration.ofDays(365);

    @Serdeable
    record SessionView(UUID id, Instant heldAt, SupervisionSession.Kind kind, int minutes, List<Attendee> attendees) {
    }

    @Serdeable
    record SessionSummary(UUID id, Instant heldAt, SupervisionSession.Kind kind, int minutes, int attendees) {
    }

    @Serdeable
    record Attendee(UUID volunteerId, String name) {
    }

    /**
     * An active volunteer without supervision for too long.
     *
     * @param lastSupervisionAt the last session attended, or null if none
     * @param since             the start of the gap: the last session, or (never supervised) when first active
     */
    @Serdeable
    record Overdue(UUID volunteerId, String name, Instant lastSupervisionAt, Instant since, long daysWithout) {
    }

    @Serdeable
    record OverdueReport(int maxGapWeeks, List<Overdue> volunteers) {
    }

    /**
     * One volunteer's supervision in the last year (the desk's volunteer page).
     *
     * @param overdue whether the volunteer is active and without supervision for longer than the limit
     */
    @Serdeable
    record VolunteerSupervision(int maxGapWeeks, boolean overdue, Instant lastSupervisionAt, Long daysWithout,
                                List<SessionSummary> sessions) {
    }

    private final SupervisionRepository sessions;
    private final SupervisionAttendanceStore attendance;
    private final VolunteerStore volunteers;
    private final AuditLog audit;
    private final RecruitingConfig config;
    private final Clock clock;

    SupervisionService(SupervisionRepository sessions, SupervisionAttendanceStore attendance, VolunteerStore volunteers,
                       AuditLog audit, RecruitingConfig config, Clock clock) {
        this.sessions = sessions;
        this.attendance = attendance;
        this.volunteers = volunteers;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
    }

    @Transactional
    public SessionView create(Caller caller, SupervisionController.NewSession r) {
        UUID org = caller.requireOrganisation();
        SupervisionSession s = sessions.save(new SupervisionSession(UUID.randomUUID(), org, r.heldAt(), r.kind(),
                r.minutes(), caller.id(), clock.instant()));
        audit.record(caller.actor(), "CREATE", "SUPERVISION_SESSION", s.id().toString());
        return view(s);
    }

    /** Sessions of the last year, newest first. */
    @Transactional(readOnly = true)
    public List<SessionSummary> sessions(Caller caller) {
        UUID org = caller.requireOrganisation();
        Instant from = clock.instant().minus(SUMMARY_WINDOW);
        Map<UUID, Integer> counts = attendance.counts(org, from);
        return sessions.findByOrganisationIdAndHeldAtGreaterThanEqualsOrderByHeldAtDesc(org, from).stream()
                .map(s -> new SessionSummary(s.id(), s.heldAt(), s.kind(), s.minutes(), counts.getOrDefault(s.id(), 0)))
                .toList();
    }

    @Transactional
    public SessionView session(Caller caller, UUID sessionId) {
        UUID org = caller.requireOrganisation();
        SupervisionSession s = sessions.findByIdAndOrganisationId(sessionId, org)
                .orElseThrow(() -> ProblemException.notFound("Session"));
        audit.record(caller.actor(), "READ", "SUPERVISION_SESSION", sessionId.toString());
        return view(s);
    }

    @Transactional
    public void setAttendance(Caller caller, UUID sessionId, UUID volunteerId, boolean present) {
        UUID org = caller.requireOrganisation();
        SupervisionSession s = sessions.findByIdAndOrganisationId(sessionId, org)
                .orElseThrow(() -> ProblemException.notFound("Session"));
        Volunteer v = volunteers.find(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        if (!present) {
            attendance.markAbsent(s.id(), v.id());
        } else {
            if (s.heldAt().isAfter(clock.instant())) {
                throw ProblemException.conflict("session-not-held", "The session has not taken place yet.");
            }
            if (!v.state().isInRole()) {
                throw ProblemException.conflict("not-in-role", "Supervision is for approved volunteers; this one is "
                        + v.state() + ".");
            }
            List<UUID> already = attendance.attendees(s.id());
            if (s.kind() == SupervisionSession.Kind.INDIVIDUAL && !already.isEmpty() && !already.contains(v.id())) {
                throw ProblemException.conflict("individual-session-taken", "An individual session has one volunteer.");
            }
            attendance.markPresent(s.id(), v.id(), caller.id(), clock.instant());
        }
        audit.record(caller.actor(), present ? "MARK_PRESENT" : "MARK_ABSENT", "SUPERVISION_SESSION", s.id().toString());
    }

    @Transactional
    public OverdueReport overdue(Caller caller) {
        UUID org = caller.requireOrganisation();
        // PostgreSQL keeps microseconds: compare at that precision, or a stay of exactly the limit would count.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Duration gap = Duration.ofDays(7L * config.supervisionMaxGapWeeks());
        Map<UUID, SupervisionAttendanceStore.Summary> supervised = attendance.summaries(org, now.minus(SUMMARY_WINDOW), now);
        Map<UUID, Instant> firstActive = volunteers.firstEntered(org, VolunteerState.ACTIVE);
        List<Overdue> list = new ArrayList<>();
        for (Volunteer v : volunteers.list(org, VolunteerState.ACTIVE)) {
            SupervisionAttendanceStore.Summary s = supervised.get(v.id());
            Instant last = s == null ? null : s.lastAt();
            Instant since = last != null ? last : firstActive.getOrDefault(v.id(), v.stateSince());
            if (since.plus(gap).isBefore(now)) {
                list.add(new Overdue(v.id(), v.name(), last, since, Duration.between(since, now).toDays()));
            }
        }
        list.sort(Comparator.comparing(Overdue::since));
        audit.record(caller.actor(), "READ", "SUPERVISION_OVERDUE", org.toString());
        return new OverdueReport(config.supervisionMaxGapWeeks(), list);
    }

    @Transactional
    public VolunteerSupervision ofVolunteer(Caller caller, UUID volunteerId) {
        UUID org = caller.requireOrganisation();
        Volunteer v = volunteers.find(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<SessionSummary> list = new ArrayList<>();
        for (UUID id : attendance.sessionsOf(org, volunteerId, now.minus(SUMMARY_WINDOW))) {
            sessions.findByIdAndOrganisationId(id, org).ifPresent(s ->
                    list.add(new SessionSummary(s.id(), s.heldAt(), s.kind(), s.minutes(), 1)));
        }
        Instant last = list.stream().map(SessionSummary::heldAt).filter(at -> !at.isAfter(now)).findFirst().orElse(null);
        boolean overdue = false;
        Long days = null;
        if (v.state() == VolunteerState.ACTIVE) {
            Instant since = last != null ? last
                    : volunteers.firstEntered(org, VolunteerState.ACTIVE).getOrDefault(v.id(), v.stateSince());
            overdue = since.plus(Duration.ofDays(7L * config.supervisionMaxGapWeeks())).isBefore(now);
            days = Duration.between(since, now).toDays();
        }
        audit.record(caller.actor(), "READ", "VOLUNTEER_SUPERVISION", volunteerId.toString());
        return new VolunteerSupervision(config.supervisionMaxGapWeeks(), overdue, last, days, list);
    }

    /** A volunteer's supervision in the last year, for the handläggare's view. */
    SupervisionAttendanceStore.Summary summaryOf(UUID org, UUID volunteerId) {
        Instant now = clock.instant();
        SupervisionAttendanceStore.Summary s = attendance.summaries(org, now.minus(SUMMARY_WINDOW), now).get(volunteerId);
        return s == null ? new SupervisionAttendanceStore.Summary(0, null) : s;
    }

    private SessionView view(SupervisionSession s) {
        List<Attendee> list = new ArrayList<>();
        for (UUID id : attendance.attendees(s.id())) {
            volunteers.find(s.organisationId(), id).ifPresent(v -> list.add(new Attendee(v.id(), v.name())));
        }
        return new SessionView(s.id(), s.heldAt(), s.kind(), s.minutes(), list);
    }
}
