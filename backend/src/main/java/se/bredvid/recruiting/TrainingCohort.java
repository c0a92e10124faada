package se.bredvid.recruiting;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** A training group that meets weekly. */
@MappedEntity("training_cohort")
record TrainingCohort(@Id UUID id, UUID organisationId, String name, @Nullable LocalDate startsOn, Instant createdAt) {
}
