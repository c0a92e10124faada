package se.bredvid.recruiting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A suitability interview as stored: names and notes sealed. */
@MappedEntity("volunteer_interview")
record Interview(@Id UUID id, UUID volunteerId, UUID organisationId, LocalDate heldOn, byte[] interviewersSealed,
                 int motivation, int timeAvailable, int understanding, Suitability suitability,
                 @Nullable byte[] notesSealed, UUID recordedBy, Instant recordedAt) {

    static final String INTERVIEWERS = "volunteer_interview.interviewers";
    static final String NOTES = "volunteer_interview.notes";

    /** The interviewers' overall judgement. */
    enum Suitability { SUITABLE, UNCERTAIN, NOT_SUITABLE }
}
