package se.bredvid.recruiting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.util.UUID;

/** A scheduled training session on one theme: of a cohort, or a make-up session (no cohort). */
@MappedEntity("training_session")
record TrainingSession(@Id UUID id, UUID organisationId, @Nullable UUID cohortId, UUID themeId, Instant startsAt,
                       int minutes, @Nullable byte[] lecturerSealed, Instant createdAt, boolean makeUp) {

    static final String LECTURER = "training_session.lecturer";
}
