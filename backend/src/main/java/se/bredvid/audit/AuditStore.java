package se.bredvid.audit;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.function.Function;

/** The audit tables: the chain's entries and its head, for {@link HashChainAuditLog} only. */
@Singleton
class AuditStore {

    /** The chain's last link: its sequence number and hash. */
    record Head(long seq, byte[] hash) {
    }

    /** An entry as stored. */
    record Entry(long seq, Instant at, String actorKind, UUID actorId, String role, String tenantKind, UUID tenantId,
                 String action, String objectType, String objectId, byte[] prevHash, byte[] hash) {
    }

    private final JdbcOperations jdbc;

    AuditStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The head, locked until the transaction ends: appends of all instances take their turn here. */
    Head lockHead() {
        return jdbc.prepareStatement("select seq, hash from audit_head where id for update", ps -> {
            ResultSet rs = ps.executeQuery();
            rs.next();
            return new Head(rs.getLong(1), rs.getBytes(2));
        });
    }

    /** Appends the entry and moves the head to it; the caller holds the head's lock. */
    void append(Entry e) {
        jdbc.prepareStatement("""
                insert into audit_entry (seq, at, actor_kind, actor_id, role, tenant_kind, tenant_id, action,
                                         object_type, object_id, prev_hash, hash)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setLong(1, e.seq());
            ps.setTimestamp(2, Timestamp.from(e.at()));
            ps.setString(3, e.actorKind());
            ps.setObject(4, e.actorId());
            ps.setString(5, e.role());
            ps.setString(6, e.tenantKind());
            ps.setObject(7, e.tenantId());
            ps.setString(8, e.action());
            ps.setString(9, e.objectType());
            ps.setString(10, e.objectId());
            ps.setBytes(11, e.prevHash());
            ps.setBytes(12, e.hash());
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("update audit_head set seq = ?, hash = ? where id", ps -> {
            ps.setLong(1, e.seq());
            ps.setBytes(2, e.hash());
            return ps.executeUpdate();
        });
    }

    /** Reads every entry in chain order through a cursor (never all at once) and gives them to {@code reader}. */
    <T> T entries(Function<Iterator<Entry>, T> reader) {
        return jdbc.prepareStatement("""
                select seq, at, actor_kind, actor_id, role, tenant_kind, tenant_id, action, object_type, object_id,
                       prev_hash, hash from audit_entry order by seq""", ps -> {
            ps.setFetchSize(1000);
            ResultSet rs = ps.executeQuery();
            return reader.apply(new Iterator<>() {
                private Boolean ahead;

                @Override
                public boolean hasNext() {
                    if (ahead == null) {
                        try {
                            ahead = rs.next();
                        } catch (SQLException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return ahead;
                }

                @Override
                public Entry next() {
                    if (!hasNext()) {
                        throw new NoSuchElementException();
                    }
                    ahead = null;
                    try {
                        return new Entry(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                                rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                                rs.getString(8), rs.getString(9), rs.getString(10), rs.getBytes(11), rs.getBytes(12));
                    } catch (SQLException e) {
                        throw new IllegalStateException(e);
                    }
                }
            });
        });
    }
}
