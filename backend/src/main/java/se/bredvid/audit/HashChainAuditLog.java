package se.bredvid.audit;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/**
 * Append-only, hash-chained audit log in PostgreSQL. Each entry's hash is SHA-256 over the previous
 * entry's hash and the entry's canonical fields; the head row is locked for every append, so the chain
 * is strictly ordered even with several backend instances. Altering, inserting or removing an entry
 * anywhere breaks every later link, and {@link #verify()} names the first broken one.
 */
@Singleton
class HashChainAuditLog implements AuditLog {

    private final JdbcOperations jdbc;
    private final Clock clock;

    HashChainAuditLog(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public void record(Actor actor, String action, String objectType, String objectId) {
        // Microsecond precision, as PostgreSQL stores it, so the hash can be recomputed from the row.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        jdbc.prepareStatement("select seq, hash from audit_head where id for update", head -> {
            ResultSet rs = head.executeQuery();
            rs.next();
            long seq = rs.getLong(1) + 1;
            byte[] prev = rs.getBytes(2);
            byte[] hash = hash(prev, seq, at, actor.kind().name(), actor.id(), actor.role(),
                    actor.tenantKind() == null ? null : actor.tenantKind().name(), actor.tenantId(),
                    action, objectType, objectId);
            jdbc.prepareStatement("""
                    insert into audit_entry (seq, at, actor_kind, actor_id, role, tenant_kind, tenant_id, action,
                                             object_type, object_id, prev_hash, hash)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
                ps.setLong(1, seq);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setString(3, actor.kind().name());
                ps.setObject(4, actor.id());
                ps.setString(5, actor.role());
                ps.setString(6, actor.tenantKind() == null ? null : actor.tenantKind().name());
                ps.setObject(7, actor.tenantId());
                ps.setString(8, action);
                ps.setString(9, objectType);
                ps.setString(10, objectId);
                ps.setBytes(11, prev);
                ps.setBytes(12, hash);
                return ps.executeUpdate();
            });
            jdbc.prepareStatement("update audit_head set seq = ?, hash = ? where id", ps -> {
                ps.setLong(1, seq);
                ps.setBytes(2, hash);
                return ps.executeUpdate();
            });
            return null;
        });
    }

    @Override
    @Transactional(readOnly = true)
    public Verification verify() {
        return jdbc.prepareStatement("""
                select seq, at, actor_kind, actor_id, role, tenant_kind, tenant_id, action, object_type, object_id,
                       prev_hash, hash from audit_entry order by seq""", ps -> {
            ps.setFetchSize(1000);
            ResultSet rs = ps.executeQuery();
            byte[] expectedPrev = new byte[32];
            long expectedSeq = 1;
            long checked = 0;
            while (rs.next()) {
                long seq = rs.getLong(1);
                byte[] prev = rs.getBytes(11);
                byte[] stored = rs.getBytes(12);
                byte[] computed = hash(prev, seq, rs.getTimestamp(2).toInstant(), rs.getString(3),
                        rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                        rs.getString(8), rs.getString(9), rs.getString(10));
                boolean ok = seq == expectedSeq && MessageDigest.isEqual(prev, expectedPrev)
                        && MessageDigest.isEqual(stored, computed);
                checked++;
                if (!ok) {
                    return new Verification(false, checked, seq);
                }
                expectedPrev = stored;
                expectedSeq = seq + 1;
            }
            return new Verification(true, checked, null);
        });
    }

    static byte[] hash(byte[] prev, long seq, Instant at, String actorKind, UUID actorId, String role,
                       String tenantKind, UUID tenantId, String action, String objectType, String objectId) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(prev);
            sha.update(ByteBuffer.allocate(16).putLong(seq).putLong(at.getEpochSecond() * 1_000_000L + at.getNano() / 1000).array());
            for (Object field : new Object[] {actorKind, actorId, role, tenantKind, tenantId, action, objectType, objectId}) {
                // Length-prefixed, so that no two different entries serialise to the same bytes.
                byte[] b = field == null ? new byte[0] : field.toString().getBytes(StandardCharsets.UTF_8);
                sha.update(ByteBuffer.allocate(5).put((byte) (field == null ? 0 : 1)).putInt(b.length).array());
                sha.update(b);
            }
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
