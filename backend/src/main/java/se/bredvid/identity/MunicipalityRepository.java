package se.bredvid.identity;

import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface MunicipalityRepository extends CrudRepository<Municipality, UUID> {

    List<Municipality> findAllOrderByName();

    boolean existsByName(String name);

    boolean existsByIdAndActive(UUID id, boolean active);

    @Query("update municipality set name = :name where id = :id")
    void rename(UUID id, String name);

    @Query("update municipality set active = :active where id = :id")
    void setActive(UUID id, boolean active);
}
