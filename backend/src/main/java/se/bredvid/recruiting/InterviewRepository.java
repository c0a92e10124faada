package se.bredvid.recruiting;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface InterviewRepository extends CrudRepository<Interview, UUID> {

    List<Interview> findByOrganisationIdAndVolunteerIdOrderByHeldOn(UUID organisationId, UUID volunteerId);

    boolean existsByOrganisationIdAndVolunteerId(UUID organisationId, UUID volunteerId);
}
