package se.bredvid.recruiting;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface BackgroundCheckRepository extends CrudRepository<BackgroundCheck, UUID> {

    List<BackgroundCheck> findByOrganisationIdAndVolunteerIdOrderByIssuedOn(UUID organisationId, UUID volunteerId);

    List<BackgroundCheck> findByOrganisationIdOrderByIssuedOn(UUID organisationId);

    Optional<BackgroundCheck> findFirstByOrganisationIdAndVolunteerIdOrderByIssuedOnDesc(UUID organisationId, UUID volunteerId);
}
