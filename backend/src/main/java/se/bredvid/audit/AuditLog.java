package se.bredvid.audit;

import se.bredvid.platform.Published;

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
}
