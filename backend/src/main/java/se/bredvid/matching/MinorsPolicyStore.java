package se.bredvid.matching;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The organisation's rule for clients under 18: the SQL of {@code organisation_minors_policy}. */
@Singleton
class MinorsPolicyStore {

    private final JdbcOperations jdbc;

    MinorsPolicyStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    Optional<MinorRules.Policy> policy(UUID org) {
        return jdbc.prepareStatement("select policy from organisation_minors_policy where organisation_id = ?", ps -> {
            ps.setObject(1, org);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(MinorRules.Policy.valueOf(rs.getString(1))) : Optional.empty();
        });
    }

    void put(UUID org, MinorRules.Policy policy, UUID by, Instant now) {
        jdbc.prepareStatement("""
                insert into organisation_minors_policy (organisation_id, policy, updated_by, updated_at) values (?, ?, ?, ?)
                on conflict (organisation_id) do update set policy = excluded.policy, updated_by = excluded.updated_by,
                                                            updated_at = excluded.updated_at""", ps -> {
            ps.setObject(1, org);
            ps.setString(2, policy.name());
            ps.setObject(3, by);
            ps.setTimestamp(4, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }
}
