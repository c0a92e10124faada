package se.bredvid.recruiting;

import jakarta.inject.Singleton;
import se.bredvid.platform.Redacted;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Suitability interviews, written and read through {@link InterviewRepository}: the interviewers' names and the
 * notes are sealed here on the way in and opened here on the way out, so callers see them in clear only.
 */
@Singleton
class InterviewStore {

    /** An interview in clear. */
    record Entry(UUID id, UUID volunteerId, UUID organisationId, LocalDate heldOn, List<String> interviewers,
                 int motivation, int timeAvailable, int understanding, Interview.Suitability suitability,
                 String notes, UUID recordedBy, Instant recordedAt) {

        @Override
        public String toString() {
            return Redacted.keeping(this, id, suitability);
        }
    }

    private final InterviewRepository interviews;
    private final Seals seals;

    InterviewStore(InterviewRepository interviews, Seals seals) {
        this.interviews = interviews;
        this.seals = seals;
    }

    /** Saves the interview (the interviewers one a line) and answers it as saved. */
    Entry save(Entry e) {
        return open(interviews.save(new Interview(e.id(), e.volunteerId(), e.organisationId(), e.heldOn(),
                seals.seal(String.join("\n", e.interviewers()), Interview.INTERVIEWERS, e.id()),
                e.motivation(), e.timeAvailable(), e.understanding(), e.suitability(),
                seals.seal(e.notes(), Interview.NOTES, e.id()),
                e.recordedBy(), e.recordedAt())));
    }

    /** The volunteer's interviews by the day they were held. */
    List<Entry> of(UUID organisationId, UUID volunteerId) {
        return interviews.findByOrganisationIdAndVolunteerIdOrderByHeldOn(organisationId, volunteerId)
                .stream().map(this::open).toList();
    }

    /** Whether an interview was recorded for the volunteer. */
    boolean exists(UUID organisationId, UUID volunteerId) {
        return interviews.existsByOrganisationIdAndVolunteerId(organisationId, volunteerId);
    }

    private Entry open(Interview i) {
        List<String> names = Arrays.asList(seals.open(i.interviewersSealed(), Interview.INTERVIEWERS, i.id()).split("\n"));
        return new Entry(i.id(), i.volunteerId(), i.organisationId(), i.heldOn(), names, i.motivation(),
                i.timeAvailable(), i.understanding(), i.suitability(), seals.open(i.notesSealed(), Interview.NOTES, i.id()),
                i.recordedBy(), i.recordedAt());
    }
}
