package se.bredvid.recruiting;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

final class ScreeningRepositories {
    private ScreeningRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Interviews extends CrudRepository<Interview, UUID> {
        List<Interview> findByOrganisationIdAndVolunteerIdOrderByHeldOn(UUID organisationId, UUID volunteerId);

        boolean existsByOrganisationIdAndVolunteerId(UUID organisationId, UUID volunteerId);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface BackgroundChecks extends CrudRepository<BackgroundCheck, UUID> {
        List<BackgroundCheck> findByOrganisationIdAndVolunteerIdOrderByIssuedOn(UUID organisationId, UUID volunteerId);

        List<BackgroundCheck> findByOrganisationIdOrderByIssuedOn(UUID organisationId);

        Optional<BackgroundCheck> findFirstByOrganisationIdAndVolunteerIdOrderByIssuedOnDesc(UUID organisationId, UUID volunteerId);
    }
}
