package se.bredvid.recruiting;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class TrainingRepositories {
    private TrainingRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Themes extends CrudRepository<TrainingTheme, UUID> {
        List<TrainingTheme> findByOrganisationIdOrderByPosition(UUID organisationId);

        Optional<TrainingTheme> findByIdAndOrganisationId(UUID id, UUID organisationId);

        boolean existsByOrganisationId(UUID organisationId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Cohorts extends CrudRepository<TrainingCohort, UUID> {
        List<TrainingCohort> findByOrganisationIdOrderByCreatedAt(UUID organisationId);

        Optional<TrainingCohort> findByIdAndOrganisationId(UUID id, UUID organisationId);

        boolean existsByOrganisationIdAndName(UUID organisationId, String name);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Sessions extends CrudRepository<TrainingSession, UUID> {
        Optional<TrainingSession> findByIdAndOrganisationId(UUID id, UUID organisationId);

        List<TrainingSession> findByCohortIdOrderByStartsAt(UUID cohortId);

        List<TrainingSession> findByOrganisationIdAndMakeUpAndStartsAtGreaterThanEqualsOrderByStartsAt(
                UUID organisationId, boolean makeUp, Instant from);
    }
}
