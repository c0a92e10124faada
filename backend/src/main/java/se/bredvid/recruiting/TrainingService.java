package se.bredvid.recruiting;

import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.platform.Calendar;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.Caller;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Group training (seed 001:417): the organisation's curriculum of themes, cohorts that meet weekly in
 * scheduled sessions, attendance, make-up sessions for missed themes, the completion rule, and a
 * certificate for those who completed.
 */
@Singleton
class TrainingService {

    @Serdeable
    record ThemeView(UUID id, int position, String title, int minutes, boolean mandatory) {
        static ThemeView of(TrainingTheme t) {
            return new ThemeView(t.id(), t.position(), t.title(), t.minutes(), t.mandatory());
        }
    }

    @Serdeable
    record CohortSummary(UUID id, String name, LocalDate startsOn, int members, int sessions) {
    }

    @Serdeable
    record CohortView(UUID id, String name, LocalDate startsOn, List<Member> members, List<SessionSummary> sessions) {
    }

    @Serdeable
    record Member(UUID volunteerId, String name, VolunteerState state, int themesCovered, boolean complete) {
    }

    @Serdeable
    record SessionSummary(UUID id, UUID cohortId, UUID themeId, String themeTitle, Instant startsAt, int minutes,
                          boolean makeUp, int present) {
    }

    @Serdeable
    record SessionView(UUID id, UUID cohortId, UUID themeId, String themeTitle, Instant startsAt, int minutes,
                       boolean makeUp, String lecturer, List<Attendee> attendees) {
    }

    @Serdeable
    record Attendee(UUID volunteerId, String name, boolean present) {
    }

    /** One curriculum theme in a volunteer's record: when it was first attended, if it was. */
    @Serdeable
    record ThemeRecord(UUID themeId, int position, String title, boolean mandatory, LocalDate attendedOn,
                       boolean atMakeUp) {
    }

    /**
     * A volunteer's training record.
     *
     * @param themesCovered    distinct curriculum themes attended
     * @param themesRequired   themes the completion rule asks for
     * @param themesTotal      themes in the curriculum
     * @param missingMandatory mandatory themes not yet attended
     * @param sessionsAttended sessions attended, a theme attended twice counting twice
     * @param minutesAttended  their total length
     * @param hours            the same in hours, one decimal
     * @param completedOn      the date of the session that completed the training, if complete
     */
    @Serdeable
    record TrainingRecord(UUID volunteerId, List<ThemeRecord> themes, int themesCovered, int themesRequired,
                          int themesTotal, List<UUID> missingMandatory, boolean complete, int sessionsAttended,
                          int minutesAttended, double hours, LocalDate completedOn) {
    }

    private final TrainingThemeRepository themes;
    private final TrainingCohortRepository cohorts;
    private final TrainingSessionStore sessions;
    private final TrainingStore records;
    private final VolunteerStore volunteers;
    private final CertificateRenderer certificates;
    private final AdminService tenants;
    private final AuditLog audit;
    private final RecruitingConfig config;
    private final Clock clock;
    private final Calendar calendar;

    TrainingService(TrainingThemeRepository themes, TrainingCohortRepository cohorts,
                    TrainingSessionStore sessions, TrainingStore records, VolunteerStore volunteers,
                    CertificateRenderer certificates, AdminService tenants, AuditLog audit,
                    RecruitingConfig config, Clock clock, Calendar calendar) {
        this.themes = themes;
        this.cohorts = cohorts;
        this.sessions = sessions;
        this.records = records;
        this.volunteers = volunteers;
        this.certificates = certificates;
        this.tenants = tenants;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.calendar = calendar;
    }

    // --- curriculum -------------------------------------------------------------------------------

    @Transactional
    public List<ThemeView> curriculum(Caller caller) {
        return curriculumOf(caller.requireOrganisation()).stream().map(ThemeView::of).toList();
    }

    @Transactional
    public ThemeView addTheme(Caller caller, TrainingController.ThemeRequest r) {
        UUID org = caller.requireOrganisation();
        List<TrainingTheme> current = curriculumOf(org);
        int position = current.stream().mapToInt(TrainingTheme::position).max().orElse(0) + 1;
        if (position > 50) {
            throw ProblemException.conflict("curriculum-full", "A curriculum has at most 50 themes.");
        }
        TrainingTheme saved = themes.save(new TrainingTheme(UUID.randomUUID(), org, position, r.title().trim(),
                r.minutes(), r.mandatory()));
        audit.record(caller.actor(), "CREATE", "TRAINING_THEME", saved.id().toString());
        return ThemeView.of(saved);
    }

    @Transactional
    public ThemeView updateTheme(Caller caller, UUID themeId, TrainingController.ThemeRequest r) {
        UUID org = caller.requireOrganisation();
        TrainingTheme t = themes.findByIdAndOrganisationId(themeId, org)
                .orElseThrow(() -> ProblemException.notFound("Theme"));
        TrainingTheme updated = themes.update(new TrainingTheme(t.id(), org, t.position(), r.title().trim(),
                r.minutes(), r.mandatory()));
        audit.record(caller.actor(), "UPDATE", "TRAINING_THEME", t.id().toString());
        return ThemeView.of(updated);
    }

    /** The organisation's curriculum; the default one the first time it is asked for. */
    List<TrainingTheme> curriculumOf(UUID org) {
        if (!themes.existsByOrganisationId(org)) {
            int position = 1;
            for (TrainingTheme.Default d : TrainingTheme.DEFAULTS) {
                records.insertThemeIfAbsent(new TrainingTheme(UUID.randomUUID(), org, position++, d.title(),
                        TrainingTheme.DEFAULT_MINUTES, d.mandatory()));
            }
        }
        return themes.findByOrganisationIdOrderByPosition(org);
    }

    // --- cohorts and sessions ---------------------------------------------------------------------

    @Transactional
    public CohortView createCohort(Caller caller, TrainingController.NewCohort r) {
        UUID org = caller.requireOrganisation();
        String name = r.name().trim();
        if (cohorts.existsByOrganisationIdAndName(org, name)) {
            throw ProblemException.conflict("duplicate-name", "A cohort with that name exists.");
        }
        Instant now = clock.instant();
        LocalDate startsOn = r.startsOn() != null ? r.startsOn()
                : r.firstSessionAt() != null ? LocalDate.ofInstant(r.firstSessionAt(), calendar.zone()) : null;
        TrainingCohort cohort = cohorts.save(new TrainingCohort(UUID.randomUUID(), org, name, startsOn, now));
        if (r.firstSessionAt() != null) {
            // Once a week, one theme per session, in curriculum order (seed 001:417).
            Instant at = r.firstSessionAt();
            for (TrainingTheme t : curriculumOf(org)) {
                sessions.save(UUID.randomUUID(), org, cohort.id(), t.id(), at, t.minutes(), null,
                        now, false);
                at = at.atZone(calendar.zone()).plusWeeks(1).toInstant();
            }
        }
        audit.record(caller.actor(), "CREATE", "TRAINING_COHORT", cohort.id().toString());
        return view(cohort);
    }

    @Transactional(readOnly = true)
    public List<CohortSummary> cohorts(Caller caller) {
        UUID org = caller.requireOrganisation();
        Map<UUID, int[]> counts = records.cohortCounts(org);
        return cohorts.findByOrganisationIdOrderByCreatedAt(org).stream().map(c -> {
            int[] n = counts.getOrDefault(c.id(), new int[2]);
            return new CohortSummary(c.id(), c.name(), c.startsOn(), n[0], n[1]);
        }).toList();
    }

    @Transactional
    public CohortView cohort(Caller caller, UUID cohortId) {
        UUID org = caller.requireOrganisation();
        TrainingCohort cohort = cohorts.findByIdAndOrganisationId(cohortId, org)
                .orElseThrow(() -> ProblemException.notFound("Cohort"));
        audit.record(caller.actor(), "READ", "TRAINING_COHORT", cohortId.toString());
        return view(cohort);
    }

    @Transactional
    public void enrol(Caller caller, UUID cohortId, UUID volunteerId) {
        UUID org = caller.requireOrganisation();
        TrainingCohort cohort = cohorts.findByIdAndOrganisationId(cohortId, org)
                .orElseThrow(() -> ProblemException.notFound("Cohort"));
        Volunteer v = volunteers.find(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        if (v.state() != VolunteerState.INTERVIEWED && v.state() != VolunteerState.IN_TRAINING) {
            throw ProblemException.conflict("not-ready-for-training",
                    "Only an interviewed volunteer, or one already in training, can join a cohort; this one is " + v.state() + ".");
        }
        if (records.enrol(cohort.id(), volunteerId, clock.instant())) {
            audit.record(caller.actor(), "ENROL", "VOLUNTEER", volunteerId.toString());
        }
    }

    @Transactional
    public SessionView scheduleSession(Caller caller, UUID cohortId, TrainingController.NewSession r) {
        UUID org = caller.requireOrganisation();
        TrainingCohort cohort = cohorts.findByIdAndOrganisationId(cohortId, org)
                .orElseThrow(() -> ProblemException.notFound("Cohort"));
        return schedule(caller, org, cohort.id(), r, false);
    }

    @Transactional
    public SessionView scheduleMakeUp(Caller caller, TrainingController.NewSession r) {
        return schedule(caller, caller.requireOrganisation(), null, r, true);
    }

    private SessionView schedule(Caller caller, UUID org, UUID cohortId, TrainingController.NewSession r, boolean makeUp) {
        TrainingTheme theme = curriculumOf(org).stream().filter(t -> t.id().equals(r.themeId())).findFirst()
                .orElseThrow(() -> ProblemException.invalid("themeId", "is not a theme of your curriculum"));
        UUID id = UUID.randomUUID();
        TrainingSessionStore.Session s = sessions.save(id, org, cohortId, theme.id(), r.startsAt(),
                r.minutes() == null ? theme.minutes() : r.minutes(),
                ApplicationService.blankToNull(r.lecturer()),
                clock.instant(), makeUp);
        audit.record(caller.actor(), "CREATE", "TRAINING_SESSION", id.toString());
        return sessionView(s, theme);
    }

    /** Make-up sessions of the last year and ahead, by time. */
    @Transactional
    public List<SessionSummary> makeUpSessions(Caller caller) {
        UUID org = caller.requireOrganisation();
        Map<UUID, TrainingTheme> themeById = curriculumOf(org).stream()
                .collect(Collectors.toMap(TrainingTheme::id, Function.identity()));
        return sessions.makeUpsFrom(org, clock.instant().minus(java.time.Duration.ofDays(365))).stream()
                .map(s -> new SessionSummary(s.id(), null, s.themeId(),
                        themeById.containsKey(s.themeId()) ? themeById.get(s.themeId()).title() : null, s.startsAt(),
                        s.minutes(), true, records.present(s.id()).size()))
                .toList();
    }

    @Transactional
    public SessionView session(Caller caller, UUID sessionId) {
        UUID org = caller.requireOrganisation();
        TrainingSessionStore.Session s = sessions.find(sessionId, org)
                .orElseThrow(() -> ProblemException.notFound("Session"));
        TrainingTheme theme = themes.findById(s.themeId()).orElseThrow();
        audit.record(caller.actor(), "READ", "TRAINING_SESSION", sessionId.toString());
        return sessionView(s, theme);
    }

    /** Marks a volunteer present at (or absent from) a session that has started. */
    @Transactional
    public void setAttendance(Caller caller, UUID sessionId, UUID volunteerId, boolean present) {
        UUID org = caller.requireOrganisation();
        TrainingSessionStore.Session s = sessions.find(sessionId, org)
                .orElseThrow(() -> ProblemException.notFound("Session"));
        Volunteer v = volunteers.find(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        if (!present) {
            records.markAbsent(s.id(), v.id());
        } else {
            if (s.startsAt().isAfter(clock.instant())) {
                throw ProblemException.conflict("session-not-held", "The session has not started yet.");
            }
            if (v.state().isTerminal()) {
                throw ProblemException.conflict("volunteer-closed", "The volunteer's application or role has ended.");
            }
            boolean eligible = s.cohortId() != null ? records.isMember(s.cohortId(), v.id()) : records.isEnrolled(org, v.id());
            if (!eligible) {
                throw ProblemException.conflict("not-a-member", s.cohortId() != null
                        ? "The volunteer is not a member of this session's cohort."
                        : "The volunteer is not enrolled in any cohort.");
            }
            records.markPresent(s.id(), v.id(), caller.id(), clock.instant());
        }
        audit.record(caller.actor(), present ? "MARK_PRESENT" : "MARK_ABSENT", "TRAINING_SESSION", s.id().toString());
    }

    // --- records and certificates -----------------------------------------------------------------

    @Transactional
    public TrainingRecord record(Caller caller, UUID volunteerId) {
        UUID org = caller.requireOrganisation();
        volunteers.find(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        audit.record(caller.actor(), "READ", "TRAINING_RECORD", volunteerId.toString());
        return recordOf(org, volunteerId);
    }

    @Transactional
    public byte[] certificate(Caller caller, UUID volunteerId) {
        UUID org = caller.requireOrganisation();
        Volunteer v = volunteers.find(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        TrainingRecord r = recordOf(org, volunteerId);
        if (!r.complete()) {
            throw new ProblemException(HttpStatus.CONFLICT, "training-incomplete", "Training not completed",
                    "A certificate is issued only for completed training: " + r.themesCovered() + " of "
                            + r.themesRequired() + " required themes attended, " + r.missingMandatory().size()
                            + " mandatory theme(s) missing.");
        }
        String organisation = tenants.organisations().stream().filter(t -> t.id().equals(org))
                .map(AdminService.Tenant::name).findFirst().orElse("");
        byte[] pdf = certificates.render(new CertificateRenderer.Certificate(v.name(), organisation, r.minutesAttended(),
                r.sessionsAttended(), r.themes().stream().filter(t -> t.attendedOn() != null).toList(), r.completedOn(),
                LocalDate.ofInstant(clock.instant(), calendar.zone())));
        audit.record(caller.actor(), "CREATE", "TRAINING_CERTIFICATE", volunteerId.toString());
        return pdf;
    }

    boolean isEnrolled(UUID org, UUID volunteerId) {
        return records.isEnrolled(org, volunteerId);
    }

    TrainingRecord recordOf(UUID org, UUID volunteerId) {
        return build(volunteerId, curriculumOf(org), records.attended(org, volunteerId));
    }

    /** Records of every volunteer of the organisation, for overviews and exports. */
    Map<UUID, TrainingRecord> recordsOf(UUID org, List<Volunteer> of) {
        List<TrainingTheme> curriculum = curriculumOf(org);
        Map<UUID, List<TrainingStore.Attended>> attended = records.attendedBy(org, null);
        Map<UUID, TrainingRecord> map = new HashMap<>();
        for (Volunteer v : of) {
            map.put(v.id(), build(v.id(), curriculum, attended.getOrDefault(v.id(), List.of())));
        }
        return map;
    }

    private TrainingRecord build(UUID volunteerId, List<TrainingTheme> curriculum, List<TrainingStore.Attended> attended) {
        CompletionRule rule = config.completionRule();
        List<CompletionRule.Theme> ruleThemes = curriculum.stream()
                .map(t -> new CompletionRule.Theme(t.id(), t.mandatory())).toList();
        Set<UUID> seen = new HashSet<>();
        Map<UUID, TrainingStore.Attended> first = new HashMap<>();
        LocalDate completedOn = null;
        int minutes = 0;
        for (TrainingStore.Attended a : attended) {
            minutes += a.minutes();
            first.putIfAbsent(a.themeId(), a);
            if (seen.add(a.themeId()) && completedOn == null && rule.evaluate(ruleThemes, seen).complete()) {
                completedOn = date(a.startsAt());
            }
        }
        CompletionRule.Outcome outcome = rule.evaluate(ruleThemes, seen);
        if (outcome.complete() && completedOn == null && !attended.isEmpty()) {
            // The rule or curriculum changed after the fact: the last attended session completed it.
            completedOn = date(attended.get(attended.size() - 1).startsAt());
        }
        List<ThemeRecord> themeRecords = curriculum.stream().map(t -> {
            TrainingStore.Attended a = first.get(t.id());
            return new ThemeRecord(t.id(), t.position(), t.title(), t.mandatory(), a == null ? null : date(a.startsAt()),
                    a != null && a.makeUp());
        }).toList();
        return new TrainingRecord(volunteerId, themeRecords, outcome.covered(), outcome.required(), outcome.total(),
                outcome.missingMandatory(), outcome.complete(), attended.size(), minutes, Math.round(minutes / 6.0) / 10.0,
                outcome.complete() ? completedOn : null);
    }

    private CohortView view(TrainingCohort cohort) {
        UUID org = cohort.organisationId();
        Map<UUID, TrainingTheme> themeById = curriculumOf(org).stream()
                .collect(Collectors.toMap(TrainingTheme::id, Function.identity()));
        List<UUID> memberIds = records.members(cohort.id());
        List<Volunteer> members = new ArrayList<>();
        for (UUID id : memberIds) {
            volunteers.find(org, id).ifPresent(members::add);
        }
        Map<UUID, TrainingRecord> progress = recordsOf(org, members);
        Map<UUID, Integer> present = records.presentCounts(cohort.id());
        return new CohortView(cohort.id(), cohort.name(), cohort.startsOn(),
                members.stream().map(v -> new Member(v.id(), v.name(), v.state(),
                        progress.get(v.id()).themesCovered(), progress.get(v.id()).complete())).toList(),
                sessions.ofCohort(cohort.id()).stream().map(s -> new SessionSummary(s.id(),
                        s.cohortId(), s.themeId(), themeById.containsKey(s.themeId()) ? themeById.get(s.themeId()).title() : null,
                        s.startsAt(), s.minutes(), s.makeUp(), present.getOrDefault(s.id(), 0))).toList());
    }

    private SessionView sessionView(TrainingSessionStore.Session s, TrainingTheme theme) {
        Set<UUID> present = records.present(s.id());
        // A cohort session lists every member; a make-up session those who came.
        List<UUID> expected = new ArrayList<>(s.cohortId() != null ? records.members(s.cohortId()) : List.of());
        present.stream().filter(id -> !expected.contains(id)).sorted().forEach(expected::add);
        List<Attendee> attendees = new ArrayList<>();
        for (UUID id : expected) {
            volunteers.find(s.organisationId(), id)
                    .ifPresent(v -> attendees.add(new Attendee(v.id(), v.name(), present.contains(v.id()))));
        }
        return new SessionView(s.id(), s.cohortId(), s.themeId(), theme.title(), s.startsAt(), s.minutes(), s.makeUp(),
                s.lecturer(), attendees);
    }

    private LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, calendar.zone());
    }
}
