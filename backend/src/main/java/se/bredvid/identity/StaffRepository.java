package se.bredvid.identity;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface StaffRepository extends CrudRepository<StaffAccount, UUID> {

    Optional<StaffAccount> findByUsername(String username);

    boolean existsByUsername(String username);

    List<StaffAccount> findAllOrderByUsername();

    List<StaffAccount> findByOrganisationId(UUID organisationId);

    List<StaffAccount> findByMunicipalityId(UUID municipalityId);

    @Query("update staff_account set totp_last_step = :step where id = :id and totp_last_step < :step")
    int advanceTotpStep(UUID id, long step);

    @Query("update staff_account set totp_secret = :secret, totp_enabled = false where id = :id")
    void setTotpSecret(UUID id, byte[] secret);

    @Query("update staff_account set totp_enabled = true, totp_last_step = :step where id = :id")
    void enableTotp(UUID id, long step);

    @Query("update staff_account set password_hash = :hash where id = :id")
    void setPasswordHash(UUID id, String hash);

    @Query("update staff_account set totp_secret = null, totp_enabled = false, totp_last_step = 0 where id = :id")
    void resetTotp(UUID id);

    @Query("update staff_account set disabled = :disabled where id = :id")
    void setDisabled(UUID id, boolean disabled);
}
