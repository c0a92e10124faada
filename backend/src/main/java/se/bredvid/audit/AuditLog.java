package se.bredvid.audit;

import se.bredvid.platform.Published;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The audit log as other modules see it. Entries name actor, action, object and time — never content,
 * codes, tokens or addresses. Call it inside the transaction of the change (or read) being audited, so
 * that the entry and the change commit together.
 */
@Published
public interface AuditLog {

    enum ActorKind { STAFF, DEVICE, ANONYMOUS, SYSTEM }

    enum TenantKind { ORGANISATION, MUNICIPALITY }

    /** Who did it, as the audit log records it. */
    record Actor(ActorKind kind, UUID id, String role, TenantKind tenantKind, UUID tenantId) {
        public static Actor system() {
            return new Actor(ActorKind.SYSTEM, null, "SYSTEM", null, null);
        }

        public static Actor anonymous() {
            return new Actor(ActorKind.ANONYMOUS, null, "ANONYMOUS", null, null);
        }
    }

    /**
     * @param action     e.g. READ, CREATE, UPDATE, TRANSITION, EXPORT, SIGN_IN (upper snake case)
     * @param objectType e.g. VOLUNTEER, CLIENT, STAFF_ACCOUNT (upper snake case)
     * @param objectId   the object's id, never a name
     */
    void record(Actor actor, String action, String objectType, String objectId);

    /** The result of checking the chain: the first broken entry, if any. */
    @io.micronaut.serde.annotation.Serdeable
    record Verification(boolean intact, long entriesChecked, Long firstBrokenSeq) {
    }

    Verification verify();

    /** One entry as a tenant's own record of it: when, which of its accounts, in which role, what it did. */
    @io.micronaut.serde.annotation.Serdeable
    record TenantEntry(Instant at, UUID actorId, String role, String action) {
    }

    /**
     * The entries one tenant's staff made on one object, newest first, at most {@code limit}: what a
     * municipality's own handläggare read or changed of an insats. Never another tenant's entries.
     */
    List<TenantEntry> tenantEntries(TenantKind tenantKind, UUID tenantId, String objectType, String objectId, int limit);
}
