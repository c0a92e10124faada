package se.bredvid.recruiting;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TrainingCohortRepository extends CrudRepository<TrainingCohort, UUID> {

    List<TrainingCohort> findByOrganisationIdOrderByCreatedAt(UUID organisationId);

    Optional<TrainingCohort> findByIdAndOrganisationId(UUID id, UUID organisationId);

    boolean existsByOrganisationIdAndName(UUID organisationId, String name);
}
