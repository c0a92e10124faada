package se.bredvid.recruiting;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.platform.Calendar;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Suitability interviews and background checks: what a coordinator learns about an applicant before
 * training and approval. Coordinators of the volunteer's organisation only.
 */
@Singleton
class ScreeningService {

    @Serdeable
    record InterviewView(UUID id, LocalDate heldOn, List<String> interviewers, int motivation, int timeAvailable,
                         int understanding, Interview.Suitability suitability, String notes, UUID recordedBy,
                         Instant recordedAt) {
    }

    /**
     * @param expiresOn the first day on which this extract is too old for an approval
     * @param valid     whether it is young enough today
     */
    @Serdeable
    record BackgroundCheckView(UUID id, BackgroundCheck.Kind kind, LocalDate issuedOn, LocalDate seenOn, UUID seenBy,
                               Instant recordedAt, LocalDate expiresOn, boolean valid) {
    }

    private final VolunteerStore volunteers;
    private final InterviewStore interviews;
    private final BackgroundCheckRepository checks;
    private final AuditLog audit;
    private final RecruitingConfig config;
    private final Clock clock;
    private final Calendar calendar;

    ScreeningService(VolunteerStore volunteers, InterviewStore interviews,
                     BackgroundCheckRepository checks, AuditLog audit,
                     RecruitingConfig config, Clock clock, Calendar calendar) {
        this.volunteers = volunteers;
        this.interviews = interviews;
        this.checks = checks;
        this.audit = audit;
        this.config = config;
        this.clock = clock;
        this.calendar = calendar;
    }

    @Transactional
    public InterviewView recordInterview(Caller caller, UUID volunteerId, ScreeningController.NewInterview r) {
        UUID org = caller.requireOrganisation();
        Volunteer v = volunteers.find(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        if (v.state().isTerminal()) {
            throw ProblemException.conflict("volunteer-closed", "The volunteer's application or role has ended.");
        }
        if (r.heldOn().isAfter(today())) {
            throw ProblemException.invalid("heldOn", "must not be in the future");
        }
        UUID id = UUID.randomUUID();
        List<String> names = r.interviewers().stream().map(String::trim).distinct().toList();
        String notes = ApplicationService.blankToNull(r.notes());
        InterviewStore.Entry saved = interviews.save(new InterviewStore.Entry(id, volunteerId, org, r.heldOn(), names,
                r.motivation(), r.timeAvailable(), r.understanding(), r.suitability(), notes,
                caller.id(), clock.instant()));
        audit.record(caller.actor(), "CREATE", "VOLUNTEER_INTERVIEW", id.toString());
        return view(saved);
    }

    @Transactional
    public List<InterviewView> interviews(Caller caller, UUID volunteerId) {
        UUID org = caller.requireOrganisation();
        volunteers.find(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        List<InterviewView> list = interviews.of(org, volunteerId).stream().map(this::view).toList();
        audit.record(caller.actor(), "READ", "VOLUNTEER_INTERVIEWS", volunteerId.toString());
        return list;
    }

    @Transactional
    public BackgroundCheckView recordBackgroundCheck(Caller caller, UUID volunteerId, ScreeningController.NewBackgroundCheck r) {
        UUID org = caller.requireOrganisation();
        Volunteer v = volunteers.find(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        if (v.state().isTerminal()) {
            throw ProblemException.conflict("volunteer-closed", "The volunteer's application or role has ended.");
        }
        LocalDate today = today();
        if (r.issuedOn().isAfter(today)) {
            throw ProblemException.invalid("issuedOn", "must not be in the future");
        }
        if (r.seenOn().isAfter(today)) {
            throw ProblemException.invalid("seenOn", "must not be in the future");
        }
        if (r.seenOn().isBefore(r.issuedOn())) {
            throw ProblemException.invalid("seenOn", "must not be before the extract was issued");
        }
        BackgroundCheck saved = checks.save(new BackgroundCheck(UUID.randomUUID(), volunteerId, org, r.kind(),
                r.issuedOn(), r.seenOn(), caller.id(), clock.instant()));
        audit.record(caller.actor(), "CREATE", "BACKGROUND_CHECK", saved.id().toString());
        return view(saved, today);
    }

    @Transactional
    public List<BackgroundCheckView> backgroundChecks(Caller caller, UUID volunteerId) {
        UUID org = caller.requireOrganisation();
        volunteers.find(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        LocalDate today = today();
        List<BackgroundCheckView> list = checks.findByOrganisationIdAndVolunteerIdOrderByIssuedOn(org, volunteerId)
                .stream().map(c -> view(c, today)).toList();
        audit.record(caller.actor(), "READ", "BACKGROUND_CHECKS", volunteerId.toString());
        return list;
    }

    /** Whether an interview was recorded for the volunteer. */
    boolean hasInterview(UUID organisationId, UUID volunteerId) {
        return interviews.exists(organisationId, volunteerId);
    }

    /** The most recently issued check, if any, as of today. */
    Optional<BackgroundCheckView> latestCheck(UUID organisationId, UUID volunteerId) {
        LocalDate today = today();
        return checks.findFirstByOrganisationIdAndVolunteerIdOrderByIssuedOnDesc(organisationId, volunteerId)
                .map(c -> view(c, today));
    }

    long maxAgeDays() {
        return config.backgroundCheckMaxAge().toDays();
    }

    private BackgroundCheckView view(BackgroundCheck c, LocalDate today) {
        LocalDate expiresOn = c.issuedOn().plusDays(maxAgeDays());
        return new BackgroundCheckView(c.id(), c.kind(), c.issuedOn(), c.seenOn(), c.seenBy(), c.recordedAt(),
                expiresOn, today.isBefore(expiresOn));
    }

    private InterviewView view(InterviewStore.Entry i) {
        return new InterviewView(i.id(), i.heldOn(), i.interviewers(), i.motivation(), i.timeAvailable(),
                i.understanding(), i.suitability(), i.notes(),
                i.recordedBy(), i.recordedAt());
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), calendar.zone());
    }
}
