package se.bredvid.identity;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Pairing codes (stored as hashes only) and the single-use sign-in challenges of paired devices: the hand JDBC
 * of a device's way in. The devices themselves are {@link DeviceRepository}'s.
 */
@Singleton
class PairingStore {

    /** Whom a redeemed code was issued for. */
    record Redeemed(UUID organisationId, SubjectKind kind, UUID subjectId) {
    }

    private final JdbcOperations jdbc;

    PairingStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void issue(UUID id, UUID organisationId, SubjectKind kind, UUID subjectId, byte[] codeHash, UUID createdBy,
               Instant now, Instant expires) {
        jdbc.prepareStatement("""
                insert into pairing_code (id, organisation_id, subject_kind, subject_id, code_hash, created_by, created_at, expires_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, organisationId);
            ps.setString(3, kind.name());
            ps.setObject(4, subjectId);
            ps.setBytes(5, codeHash);
            ps.setObject(6, createdBy);
            ps.setTimestamp(7, Timestamp.from(now));
            ps.setTimestamp(8, Timestamp.from(expires));
            return ps.executeUpdate();
        });
    }

    /** Redeems the code once: empty if it is unknown, used or expired (they look alike). */
    Optional<Redeemed> redeem(byte[] codeHash, Instant now) {
        return jdbc.prepareStatement("""
                update pairing_code set redeemed_at = ?
                where code_hash = ? and redeemed_at is null and expires_at > ?
                returning organisation_id, subject_kind, subject_id""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setBytes(2, codeHash);
            ps.setTimestamp(3, Timestamp.from(now));
            var rs = ps.executeQuery();
            return rs.next() ? Optional.of(new Redeemed(rs.getObject(1, UUID.class), SubjectKind.valueOf(rs.getString(2)),
                    rs.getObject(3, UUID.class))) : Optional.<Redeemed>empty();
        });
    }

    void issueChallenge(byte[] nonce, UUID deviceId, Instant issuedAt, Instant expires) {
        jdbc.prepareStatement("insert into device_challenge (nonce, device_id, issued_at, expires_at) values (?, ?, ?, ?)", ps -> {
            ps.setBytes(1, nonce);
            ps.setObject(2, deviceId);
            ps.setTimestamp(3, Timestamp.from(issuedAt));
            ps.setTimestamp(4, Timestamp.from(expires));
            return ps.executeUpdate();
        });
    }

    /** Uses the challenge once: false for a replayed, raced, expired or unknown nonce. */
    boolean consumeChallenge(byte[] nonce, UUID deviceId, Instant issuedAt, Instant now) {
        return jdbc.prepareStatement("""
                update device_challenge set used_at = ?
                where nonce = ? and device_id = ? and used_at is null and expires_at > ? and issued_at = ?
                returning true""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setBytes(2, nonce);
            ps.setObject(3, deviceId);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(issuedAt));
            return ps.executeQuery().next();
        });
    }
}
