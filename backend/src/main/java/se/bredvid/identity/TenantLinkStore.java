package se.bredvid.identity;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Which municipalities work with which organisations (tenant_link): the hand JDBC of the links. */
@Singleton
class TenantLinkStore {

    record Link(UUID municipalityId, UUID organisationId, Instant createdAt) {
    }

    private final JdbcOperations jdbc;

    TenantLinkStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the link; false when it was there already. */
    boolean link(UUID municipalityId, UUID organisationId, Instant now) {
        return jdbc.prepareStatement("""
                insert into tenant_link (municipality_id, organisation_id, created_at) values (?, ?, ?)
                on conflict do nothing""", ps -> {
            ps.setObject(1, municipalityId);
            ps.setObject(2, organisationId);
            ps.setTimestamp(3, Timestamp.from(now));
            return ps.executeUpdate() == 1;
        });
    }

    /** Removes the link; false when there was none. */
    boolean unlink(UUID municipalityId, UUID organisationId) {
        return jdbc.prepareStatement("delete from tenant_link where municipality_id = ? and organisation_id = ?", ps -> {
            ps.setObject(1, municipalityId);
            ps.setObject(2, organisationId);
            return ps.executeUpdate() == 1;
        });
    }

    boolean linked(UUID municipalityId, UUID organisationId) {
        return jdbc.prepareStatement("select 1 from tenant_link where municipality_id = ? and organisation_id = ?", ps -> {
            ps.setObject(1, municipalityId);
            ps.setObject(2, organisationId);
            try (var rs = ps.executeQuery()) {
                return rs.next();
            }
        });
    }

    List<Link> all() {
        return jdbc.prepareStatement("select municipality_id, organisation_id, created_at from tenant_link order by created_at, municipality_id, organisation_id", ps -> {
            try (var rs = ps.executeQuery()) {
                var out = new java.util.ArrayList<Link>();
                while (rs.next()) {
                    out.add(new Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant()));
                }
                return out;
            }
        });
    }
}
