package se.bredvid.identity;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;

/** Failed sign-ins per typed name (hashed), kept in PostgreSQL so the lock-out holds across instances. */
@Singleton
class ThrottleRepository {

    private final JdbcOperations jdbc;

    ThrottleRepository(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Instant> lockedUntil(byte[] nameHash) {
        return jdbc.prepareStatement("select locked_until from sign_in_throttle where name_hash = ?", ps -> {
            ps.setBytes(1, nameHash);
            var rs = ps.executeQuery();
            if (rs.next() && rs.getTimestamp(1) != null) {
                return Optional.of(rs.getTimestamp(1).toInstant());
            }
            return Optional.<Instant>empty();
        });
    }

    /** Records a failure and returns the new failure count. */
    int recordFailure(byte[] nameHash, Instant now) {
        return jdbc.prepareStatement("""
                insert into sign_in_throttle (name_hash, failures, updated_at) values (?, 1, ?)
                on conflict (name_hash) do update set failures = sign_in_throttle.failures + 1, updated_at = excluded.updated_at
                returning failures""", ps -> {
            ps.setBytes(1, nameHash);
            ps.setTimestamp(2, Timestamp.from(now));
            var rs = ps.executeQuery();
            rs.next();
            return rs.getInt(1);
        });
    }

    void lock(byte[] nameHash, Instant until) {
        jdbc.prepareStatement("update sign_in_throttle set locked_until = ? where name_hash = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(until));
            ps.setBytes(2, nameHash);
            return ps.executeUpdate();
        });
    }

    void clear(byte[] nameHash) {
        jdbc.prepareStatement("delete from sign_in_throttle where name_hash = ?", ps -> {
            ps.setBytes(1, nameHash);
            return ps.executeUpdate();
        });
    }
}
