package se.bredvid.recruiting;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@Singleton
class RecruitingDirectory implements VolunteerDirectory {

    private final VolunteerStore volunteers;
    private final VolunteerService lifecycle;
    private final TrainingService training;
    private final ScreeningService screening;
    private final SupervisionService supervision;
    private final AuditLog audit;

    RecruitingDirectory(VolunteerStore volunteers, VolunteerService lifecycle, TrainingService training,
                        ScreeningService screening, SupervisionService supervision, AuditLog audit) {
        this.volunteers = volunteers;
        this.lifecycle = lifecycle;
        this.training = training;
        this.screening = screening;
        this.supervision = supervision;
        this.audit = audit;
    }

    @Override
    @Transactional
    public List<MatchingProfile> available(UUID organisationId) {
        List<Volunteer> list = volunteers.inStates(organisationId, List.of(VolunteerState.APPROVED, VolunteerState.ACTIVE));
        Map<UUID, TrainingService.TrainingRecord> records = training.recordsOf(organisationId, list);
        return list.stream().map(v -> profileOf(v, records.get(v.id()))).toList();
    }

    @Override
    @Transactional
    public Optional<MatchingProfile> profile(UUID organisationId, UUID volunteerId) {
        return volunteers.find(organisationId, volunteerId)
                .map(v -> profileOf(v, training.recordOf(organisationId, volunteerId)));
    }

    @Override
    @Transactional
    public Optional<InvestigationView> investigationView(AuditLog.Actor reader, UUID organisationId, UUID volunteerId) {
        Optional<Volunteer> found = volunteers.find(organisationId, volunteerId).filter(v -> v.state().isInRole());
        if (found.isEmpty()) {
            return Optional.empty();
        }
        Volunteer v = found.get();
        TrainingService.TrainingRecord r = training.recordOf(organisationId, volunteerId);
        BackgroundCheckSummary check = screening.latestCheck(organisationId, volunteerId)
                .map(c -> new BackgroundCheckSummary(c.kind().name(), c.issuedOn(), c.seenOn(), c.valid()))
                .orElse(new BackgroundCheckSummary(null, null, null, false));
        SupervisionAttendanceStore.Summary s = supervision.summaryOf(organisationId, volunteerId);
        audit.record(reader, "READ", "VOLUNTEER_FOR_INVESTIGATION", volunteerId.toString());
        return Optional.of(new InvestigationView(v.id(), v.name(), v.email(), v.phone(),
                v.languages(), v.region(), v.municipality(),
                v.state(),
                new Training(r.complete(), r.completedOn(), r.hours(), r.sessionsAttended(), r.themes().stream()
                        .map(t -> new ThemeAttended(t.title(), t.mandatory(), t.attendedOn())).toList()),
                check, new Supervision(s.sessionsSince(), s.lastAt())));
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<String> name(UUID organisationId, UUID volunteerId) {
        return volunteers.find(organisationId, volunteerId).map(Volunteer::name);
    }

    @Override
    @Transactional
    public VolunteerState transition(AuditLog.Actor actor, UUID organisationId, UUID volunteerId, VolunteerState to,
                                     String reason) {
        return lifecycle.move(actor, organisationId, volunteerId, to, reason).state();
    }

    private static MatchingProfile profileOf(Volunteer v, TrainingService.TrainingRecord r) {
        return new MatchingProfile(v.id(), v.organisationId(), v.state(), v.languages(), v.region(), v.municipality(),
                v.availability().stream().map(AvailabilitySlot::parse).toList(), v.hoursPerMonth(), v.maxClients(),
                v.digitalSupport(), r.complete(), r.completedOn());
    }
}
