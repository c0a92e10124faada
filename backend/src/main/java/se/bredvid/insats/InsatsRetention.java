package se.bredvid.insats;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;

import java.util.List;
import java.util.UUID;

/**
 * Gallring: deletes closed insatser, and all that belongs to them, once the retention after closing has
 * passed. Batched and safe on every instance at once (SKIP LOCKED). Each deletion is audited by id only.
 */
@Singleton
class InsatsRetention {

    private static final int BATCH = 200;

    private final InsatsStore store;
    private final InsatsConfig config;
    private final AuditLog audit;
    private final java.time.Clock clock;

    InsatsRetention(InsatsStore store, InsatsConfig config, AuditLog audit, java.time.Clock clock) {
        this.store = store;
        this.config = config;
        this.audit = audit;
        this.clock = clock;
    }

    @Transactional
    public int purge() {
        List<UUID> ids = store.claimPurgeable(clock.instant().minus(config.retention()), BATCH);
        for (UUID id : ids) {
            store.purge(id);
            audit.record(AuditLog.Actor.system(), "PURGE", "INSATS", id.toString());
        }
        return ids.size();
    }
}
