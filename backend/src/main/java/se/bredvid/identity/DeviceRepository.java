package se.bredvid.identity;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DeviceRepository extends CrudRepository<Device, UUID> {

    Optional<Device> findByIdAndOrganisationId(UUID id, UUID organisationId);

    List<Device> findByOrganisationIdAndSubjectKindAndSubjectIdOrderByCreatedAt(UUID organisationId, SubjectKind subjectKind, UUID subjectId);

    boolean existsByIdentityKey(byte[] identityKey);

    List<UUID> findIdByIdInAndRevokedAtIsNull(Collection<UUID> ids);

    @Query("update device set revoked_at = :at where id = :id and revoked_at is null")
    int revoke(UUID id, Instant at);

    @Query("update device set last_seen_at = :at where id = :id")
    void touch(UUID id, Instant at);
}
