package se.bredvid.identity;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** Sessions and their refresh tokens (hashes only). */
@Singleton
class SessionStore {

    record RefreshRow(UUID sessionId, Instant expiresAt, Instant usedAt, Instant sessionRevokedAt,
                      Instant sessionExpiresAt, String subjectKind, UUID subjectId) {
    }

    private final JdbcOperations jdbc;

    SessionStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void createSession(UUID id, String subjectKind, UUID subjectId, Instant now, Instant expiresAt) {
        jdbc.prepareStatement("insert into auth_session (id, subject_kind, subject_id, created_at, expires_at) values (?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, id);
            ps.setString(2, subjectKind);
            ps.setObject(3, subjectId);
            ps.setTimestamp(4, Timestamp.from(now));
            ps.setTimestamp(5, Timestamp.from(expiresAt));
            return ps.executeUpdate();
        });
    }

    void addRefreshToken(byte[] hash, UUID sessionId, Instant now, Instant expiresAt) {
        jdbc.prepareStatement("insert into refresh_token (token_hash, session_id, issued_at, expires_at) values (?, ?, ?, ?)", ps -> {
            ps.setBytes(1, hash);
            ps.setObject(2, sessionId);
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setTimestamp(4, Timestamp.from(expiresAt));
            return ps.executeUpdate();
        });
    }

    /** Locks the token row so that two concurrent refreshes with one token cannot both succeed. */
    Optional<RefreshRow> findRefreshForUpdate(byte[] hash) {
        return jdbc.prepareStatement("""
                select t.session_id, t.expires_at, t.used_at, s.revoked_at, s.expires_at, s.subject_kind, s.subject_id
                from refresh_token t join auth_session s on s.id = t.session_id
                where t.token_hash = ? for update of t""", ps -> {
            ps.setBytes(1, hash);
            var rs = ps.executeQuery();
            if (!rs.next()) {
                return Optional.<RefreshRow>empty();
            }
            return Optional.of(new RefreshRow(rs.getObject(1, UUID.class), instant(rs.getTimestamp(2)),
                    instant(rs.getTimestamp(3)), instant(rs.getTimestamp(4)), instant(rs.getTimestamp(5)),
                    rs.getString(6), rs.getObject(7, UUID.class)));
        });
    }

    void markUsed(byte[] hash, Instant now) {
        jdbc.prepareStatement("update refresh_token set used_at = ? where token_hash = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setBytes(2, hash);
            return ps.executeUpdate();
        });
    }

    /** Revokes one session; returns whether it was active. */
    boolean revokeSession(UUID sessionId, String reason, Instant now) {
        return jdbc.prepareStatement("update auth_session set revoked_at = ?, revoke_reason = ? where id = ? and revoked_at is null", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, reason);
            ps.setObject(3, sessionId);
            return ps.executeUpdate() > 0;
        });
    }

    /** Revokes every active session of a subject and returns their ids. */
    List<UUID> revokeSubject(String subjectKind, UUID subjectId, String reason, Instant now) {
        return jdbc.prepareStatement("""
                update auth_session set revoked_at = ?, revoke_reason = ?
                where subject_kind = ? and subject_id = ? and revoked_at is null returning id""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, reason);
            ps.setString(3, subjectKind);
            ps.setObject(4, subjectId);
            var rs = ps.executeQuery();
            List<UUID> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        });
    }

    /** Sessions revoked since {@code since} (and not yet expired): the set access tokens are checked against. */
    /** A revoked session: whose it was, so that a revoked device can be named to other modules. */
    record Revoked(UUID sessionId, String subjectKind, UUID subjectId) {
    }

    List<Revoked> revokedSince(Instant since) {
        return jdbc.prepareStatement("select id, subject_kind, subject_id from auth_session where revoked_at >= ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(since));
            var rs = ps.executeQuery();
            List<Revoked> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Revoked(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class)));
            }
            return out;
        });
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
