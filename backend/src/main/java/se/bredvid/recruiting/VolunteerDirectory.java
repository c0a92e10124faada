package se.bredvid.recruiting;

import se.bredvid.platform.Redacted;
import se.bredvid.platform.Published;

import io.micronaut.serde.annotation.Serdeable;
import se.bredvid.audit.AuditLog;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * What other modules may know about volunteers, and the one way they may move one along the lifecycle.
 * Other modules never read this module's tables. Callers check their own access rules (e.g. that a
 * volunteer was proposed to the handläggare's municipality) before they ask.
 */
@Published
public interface VolunteerDirectory {

    /** What matching needs about a volunteer: no name, no contact details. */
    @Serdeable
    record MatchingProfile(UUID id, UUID organisationId, VolunteerState state, List<String> languages, String region,
                           String municipality, List<AvailabilitySlot> availability, int hoursPerMonth, int maxClients,
                           boolean digitalSupport, boolean trained, LocalDate trainingCompletedOn) {
    }

    /** A handläggare's view of one proposed volunteer: who, trained in what, checked when, supported how. */
    @Serdeable
    record InvestigationView(UUID id, String name, String email, String phone, List<String> languages, String region,
                             String municipality, VolunteerState state, Training training,
                             BackgroundCheckSummary backgroundCheck, Supervision supervision) {
        @Override
        public String toString() {
            return Redacted.keeping(this, id);
        }
    }

    @Serdeable
    record Training(boolean complete, LocalDate completedOn, double hours, int sessionsAttended,
                    List<ThemeAttended> themes) {
    }

    @Serdeable
    record ThemeAttended(String title, boolean mandatory, LocalDate attendedOn) {
    }

    /** The latest register extract seen, or null fields if none. */
    @Serdeable
    record BackgroundCheckSummary(String kind, LocalDate issuedOn, LocalDate seenOn, boolean valid) {
    }

    @Serdeable
    record Supervision(int sessionsLastYear, Instant lastSessionAt) {
    }

    /** Volunteers of the organisation who may take a client now (APPROVED or ACTIVE). */
    List<MatchingProfile> available(UUID organisationId);

    Optional<MatchingProfile> profile(UUID organisationId, UUID volunteerId);

    /**
     * The handläggare's view of a volunteer in the role (APPROVED, ACTIVE or PAUSED), empty for anyone else.
     * Never interview notes or motivation. Audited as a read by {@code reader}.
     */
    Optional<InvestigationView> investigationView(AuditLog.Actor reader, UUID organisationId, UUID volunteerId);

    /**
     * The volunteer's name, in whatever state, for documents that must name them (e.g. the municipality's
     * payroll export of approved time reports). The caller audits its own use.
     */
    Optional<String> name(UUID organisationId, UUID volunteerId);

    /**
     * Moves a volunteer on behalf of another module (e.g. ACTIVE when a first assignment starts, APPROVED when
     * the last one ends), under the same transition table and guards as a coordinator's move.
     *
     * @throws se.bredvid.platform.ProblemException 404 for an unknown volunteer, 409 for an illegal move
     */
    VolunteerState transition(AuditLog.Actor actor, UUID organisationId, UUID volunteerId, VolunteerState to,
                              String reason);
}
