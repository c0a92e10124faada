package se.bredvid.identity;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;

import java.util.List;
import java.util.UUID;

final class TenantRepositories {
    private TenantRepositories() {
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Organisations extends CrudRepository<Organisation, UUID> {
        List<Organisation> findAllOrderByName();

        boolean existsByName(String name);
    }

    @JdbcRepository(dialect = Dialect.POSTGRES)
    interface Municipalities extends CrudRepository<Municipality, UUID> {
        List<Municipality> findAllOrderByName();

        boolean existsByName(String name);
    }
}
