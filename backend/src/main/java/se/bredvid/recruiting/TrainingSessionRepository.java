package se.bredvid.recruiting;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TrainingSessionRepository extends CrudRepository<TrainingSession, UUID> {

    Optional<TrainingSession> findByIdAndOrganisationId(UUID id, UUID organisationId);

    List<TrainingSession> findByCohortIdOrderByStartsAt(UUID cohortId);

    List<TrainingSession> findByOrganisationIdAndMakeUpAndStartsAtGreaterThanEqualsOrderByStartsAt(
            UUID organisationId, boolean makeUp, Instant from);
}
