package se.bredvid.audit;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
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

    private final AuditStore store;
    private final AuditSearchStore search;
    private final Clock clock;

    HashChainAuditLog(AuditStore store, AuditSearchStore search, Clock clock) {
        this.store = store;
        this.search = search;
        this.clock = clock;
    }

    @Override
    public java.util.List<TenantEntry> tenantEntries(TenantKind tenantKind, UUID tenantId, String objectType, String objectId,
                                                     int limit) {
        return search.tenantEntries(tenantKind.name(), tenantId, objectType, objectId, limit);
    }

    @Override
    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    public void record(Actor actor, String action, String objectType, String objectId) {
        // Microsecond precision, as PostgreSQL stores it, so the hash can be recomputed from the row.
        Instant at = clock.instant().truncatedTo(ChronoUnit.MICROS);
        AuditStore.Head head = store.lockHead();
        long seq = head.seq() + 1;
        byte[] prev = head.hash();
        String tenantKind = actor.tenantKind() == null ? null : actor.tenantKind().name();
        byte[] hash = hash(prev, seq, at, actor.kind().name(), actor.id(), actor.role(), tenantKind, actor.tenantId(),
                action, objectType, objectId);
        store.append(new AuditStore.Entry(seq, at, actor.kind().name(), actor.id(), actor.role(), tenantKind,
                actor.tenantId(), action, objectType, objectId, prev, hash));
    }

    @Override
    @Transactional(readOnly = true)
    public Verification verify() {
        return store.entries(entries -> {
            byte[] expectedPrev = new byte[32];
            long expectedSeq = 1;
            long checked = 0;
            while (entries.hasNext()) {
                AuditStore.Entry e = entries.next();
                byte[] computed = hash(e.prevHash(), e.seq(), e.at(), e.actorKind(), e.actorId(), e.role(),
                        e.tenantKind(), e.tenantId(), e.action(), e.objectType(), e.objectId());
                boolean ok = e.seq() == expectedSeq && MessageDigest.isEqual(e.prevHash(), expectedPrev)
                        && MessageDigest.isEqual(e.hash(), computed);
                checked++;
                if (!ok) {
                    return new Verification(false, checked, e.seq());
                }
                expectedPrev = e.hash();
                expectedSeq = e.seq() + 1;
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
