package se.bredvid.recruiting;

import jakarta.inject.Singleton;
import se.bredvid.platform.Redacted;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Training sessions, written and read through {@link TrainingSessionRepository}: the lecturer's name is sealed
 * here on the way in and opened here when asked for, so callers see it in clear only.
 */
@Singleton
class TrainingSessionStore {

    /** A training session; the lecturer's name is opened on each call of {@link #lecturer()}. */
    record Session(UUID id, UUID organisationId, UUID cohortId, UUID themeId, Instant startsAt, int minutes,
                   Supplier<String> openLecturer, Instant createdAt, boolean makeUp) {

        String lecturer() {
            return openLecturer.get();
        }

        @Override
        public String toString() {
            return Redacted.keeping(this, id);
        }
    }

    private final TrainingSessionRepository sessions;
    private final Seals seals;

    TrainingSessionStore(TrainingSessionRepository sessions, Seals seals) {
        this.sessions = sessions;
        this.seals = seals;
    }

    /** Saves a new session (of a cohort, or a make-up session when {@code cohortId} is null) and answers it as saved. */
    Session save(UUID id, UUID organisationId, UUID cohortId, UUID themeId, Instant startsAt, int minutes,
                 String lecturer, Instant createdAt, boolean makeUp) {
        return open(sessions.save(new TrainingSession(id, organisationId, cohortId, themeId, startsAt, minutes,
                seals.seal(lecturer, TrainingSession.LECTURER, id), createdAt, makeUp)));
    }

    Optional<Session> find(UUID id, UUID organisationId) {
        return sessions.findByIdAndOrganisationId(id, organisationId).map(this::open);
    }

    List<Session> ofCohort(UUID cohortId) {
        return sessions.findByCohortIdOrderByStartsAt(cohortId).stream().map(this::open).toList();
    }

    /** The organisation's make-up sessions from {@code from} on, by time. */
    List<Session> makeUpsFrom(UUID organisationId, Instant from) {
        return sessions.findByOrganisationIdAndMakeUpAndStartsAtGreaterThanEqualsOrderByStartsAt(organisationId, true, from)
                .stream().map(this::open).toList();
    }

    private Session open(TrainingSession s) {
        byte[] lecturer = s.lecturerSealed();
        return new Session(s.id(), s.organisationId(), s.cohortId(), s.themeId(), s.startsAt(), s.minutes(),
                () -> seals.open(lecturer, TrainingSession.LECTURER, s.id()), s.createdAt(), s.makeUp());
    }
}
