package se.bredvid.recruiting;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface TrainingThemeRepository extends CrudRepository<TrainingTheme, UUID> {

    List<TrainingTheme> findByOrganisationIdOrderByPosition(UUID organisationId);

    Optional<TrainingTheme> findByIdAndOrganisationId(UUID id, UUID organisationId);

    boolean existsByOrganisationId(UUID organisationId);
}
