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

    record Link(UUID municipalityId, UUID organisationId, Instant createdAt, AdminService.LinkModel model) {
    }

    private final JdbcOperations jdbc;

    TenantLinkStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Adds the link with its model; false when it was there already (its model unchanged). */
    boolean link(UUID municipalityId, UUID organisationId, AdminService.LinkModel model, Instant now) {
        return jdbc.prepareStatement("""
                insert into tenant_link (municipality_id, organisation_id, created_at, model) values (?, ?, ?, ?)
                on conflict do nothing""", ps -> {
            ps.setObject(1, municipalityId);
            ps.setObject(2, organisationId);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setString(4, model.name());
            return ps.executeUpdate() == 1;
        });
    }

    /** Changes an existing link's model; false when the link has that model already (or is not there). */
    boolean setModel(UUID municipalityId, UUID organisationId, AdminService.LinkModel model) {
        return jdbc.prepareStatement("""
                update tenant_link set model = ? where municipality_id = ? and organisation_id = ? and model <> ?""", ps -> {
            ps.setString(1, model.name());
            ps.setObject(2, municipalityId);
            ps.setObject(3, organisationId);
            ps.setString(4, model.name());
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
        return jdbc.prepareStatement("select municipality_id, organisation_id, created_at, model from tenant_link order by created_at, municipality_id, organisation_id", ps -> {
            try (var rs = ps.executeQuery()) {
                var out = new java.util.ArrayList<Link>();
                while (rs.next()) {
                    out.add(new Link(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getTimestamp(3).toInstant(),
                            AdminService.LinkModel.valueOf(rs.getString(4))));
                }
                return out;
            }
        });
    }
}
