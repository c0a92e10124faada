package se.bredvid.recruiting;

import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.identity.DeviceService;
import se.bredvid.identity.SubjectKind;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/**
 * Volunteers of the coordinator's organisation and their lifecycle. Every transition is checked against
 * {@link VolunteerState}'s table and the guards below, and recorded with who, when and why.
 */
@Singleton
class VolunteerService {

    @Serdeable
    record VolunteerSummary(UUID id, String name, VolunteerState state, Instant stateSince, String region,
                            String municipality, List<String> languages, Instant appliedAt) {
    }

    @Serdeable
    record VolunteerDetail(UUID id, String name, String email, String phone, List<String> languages, String region,
                           String municipality, List<AvailabilitySlot> availability, int hoursPerMonth,
                           int maxClients, boolean digitalSupport, String availabilityNote, String motivation,
                           String consentTextVersion, Instant consentAt, Instant appliedAt, VolunteerState state,
                           Instant stateSince, List<VolunteerState> allowedTransitions) {
    }

    @Serdeable
    record TransitionView(VolunteerState from, VolunteerState to, Instant at, String actorKind, UUID actorId,
                          String reason) {
    }

    private final VolunteerRepository volunteers;
    private final ScreeningService screening;
    private final TrainingService training;
    private final DeviceService devices;
    private final Seals seals;
    private final AuditLog audit;
    private final Clock clock;

    VolunteerService(VolunteerRepository volunteers, ScreeningService screening, TrainingService training,
                     DeviceService devices, Seals seals, AuditLog audit, Clock clock) {
        this.volunteers = volunteers;
        this.screening = screening;
        this.training = training;
        this.devices = devices;
        this.seals = seals;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public List<VolunteerSummary> list(Caller caller, VolunteerState state) {
        UUID org = caller.requireOrganisation();
        List<VolunteerSummary> list = volunteers.list(org, state).stream()
                .map(v -> new VolunteerSummary(v.id(), seals.name(v), v.state(), v.stateSince(), v.region(),
                        v.municipality(), v.languages(), v.appliedAt()))
                .toList();
        audit.record(caller.actor(), "READ", "VOLUNTEER_LIST", org.toString());
        return list;
    }

    @Transactional
    public VolunteerDetail get(Caller caller, UUID id) {
        UUID org = caller.requireOrganisation();
        Volunteer v = volunteers.find(org, id).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        audit.record(caller.actor(), "READ", "VOLUNTEER", id.toString());
        return detail(v);
    }

    @Transactional
    public List<TransitionView> history(Caller caller, UUID id) {
        UUID org = caller.requireOrganisation();
        volunteers.find(org, id).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        List<TransitionView> list = volunteers.transitions(org, id).stream()
                .map(t -> new TransitionView(t.from(), t.to(), t.at(), t.actorKind(), t.actorId(),
                        seals.open(t.reasonSealed(), Volunteer.TRANSITION_REASON, t.id())))
                .toList();
        audit.record(caller.actor(), "READ", "VOLUNTEER_HISTORY", id.toString());
        return list;
    }

    @Transactional
    public VolunteerDetail transition(Caller caller, UUID id, VolunteerState to, String reason) {
        return detail(move(caller.actor(), caller.requireOrganisation(), id, to, reason));
    }

    /** Moves a volunteer of the organisation to {@code to}, or fails with 404 / 409. Joins the caller's transaction. */
    @Transactional
    Volunteer move(AuditLog.Actor actor, UUID org, UUID id, VolunteerState to, String reason) {
        Volunteer v = volunteers.findForUpdate(org, id).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        VolunteerState from = v.state();
        if (!from.mayGoTo(to)) {
            throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Illegal transition",
                    "A volunteer in state " + from + " cannot go to " + to + "; allowed: " + from.next() + ".");
        }
        guard(org, v, to);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID transitionId = UUID.randomUUID();
        volunteers.insertTransition(new VolunteerRepository.Transition(transitionId, id, org, from, to, now,
                actor.kind().name(), actor.id(), seals.seal(reason.trim(), Volunteer.TRANSITION_REASON, transitionId)));
        volunteers.setState(id, to, now);
        if (to.isTerminal()) {
            // A volunteer who has left must not keep a way into clients' conversations (threat model 3).
            devices.revokeAllOfSubject(org, SubjectKind.VOLUNTEER, id);
        }
        audit.record(actor, "TRANSITION_TO_" + to.name(), "VOLUNTEER", id.toString());
        return volunteers.find(org, id).orElseThrow();
    }

    /** The rules that need data beyond the transition table. */
    private void guard(UUID org, Volunteer v, VolunteerState to) {
        switch (to) {
            case INTERVIEWED -> {
                if (!screening.hasInterview(org, v.id())) {
                    throw ProblemException.conflict("interview-required",
                            "Record the interview before marking the volunteer interviewed.");
                }
            }
            case IN_TRAINING -> {
                if (!training.isEnrolled(org, v.id())) {
                    throw ProblemException.conflict("enrolment-required", "Enrol the volunteer in a training cohort first.");
                }
            }
            case TRAINED -> {
                TrainingService.TrainingRecord r = training.recordOf(org, v.id());
                if (!r.complete()) {
                    throw new ProblemException(HttpStatus.CONFLICT, "training-incomplete", "Training not completed",
                            r.themesCovered() + " of " + r.themesRequired() + " required themes attended, "
                                    + r.missingMandatory().size() + " mandatory theme(s) missing.");
                }
            }
            case APPROVED -> {
                // First approval only: an ACTIVE or PAUSED volunteer becoming available again was approved already.
                if (v.state() == VolunteerState.TRAINED
                        && screening.latestCheck(org, v.id()).filter(ScreeningService.BackgroundCheckView::valid).isEmpty()) {
                    throw new ProblemException(HttpStatus.CONFLICT, "background-check-required", "Background check required",
                            "Approval needs a register extract issued less than " + screening.maxAgeDays()
                                    + " days ago; record one that was seen.");
                }
            }
            default -> {
            }
        }
    }

    VolunteerDetail detail(Volunteer v) {
        return new VolunteerDetail(v.id(), seals.name(v), seals.open(v.emailSealed(), Volunteer.EMAIL, v.id()),
                seals.open(v.phoneSealed(), Volunteer.PHONE, v.id()), v.languages(), v.region(), v.municipality(),
                v.availability().stream().map(AvailabilitySlot::parse).toList(), v.hoursPerMonth(), v.maxClients(),
                v.digitalSupport(), seals.open(v.availabilityNoteSealed(), Volunteer.AVAILABILITY_NOTE, v.id()),
                seals.open(v.motivationSealed(), Volunteer.MOTIVATION, v.id()), v.consentVersion(), v.consentAt(),
                v.appliedAt(), v.state(), v.stateSince(), v.state().next().stream().sorted().toList());
    }
}
