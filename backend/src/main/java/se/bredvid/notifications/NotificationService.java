package se.bredvid.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.platform.AfterCommit;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.regex.Pattern;

/** The in-app list of open items, and {@link StaffNotifications} for the other modules. */
@Singleton
class NotificationService implements StaffNotifications {

    /** An open item: what kind, what to open, how urgent, and since when it is overdue (null: not). */
    @Serdeable
    record Item(UUID id, String kind, String objectType, UUID objectId, Urgency urgency, Instant createdAt,
                @Nullable Instant escalatedAt) {
    }

    /** The list is a worklist, not an archive: a tenant with more open items than this sees the newest. */
    static final int LIST_LIMIT = 500;

    private static final Pattern SLUG = Pattern.compile("[A-Z][A-Z0-9_]{0,63}");

    private final WorklistStore store;
    private final AuditLog audit;
    private final AfterCommit afterCommit;
    private final UrgentMail urgentMail;
    private final Clock clock;

    NotificationService(WorklistStore store, AuditLog audit, AfterCommit afterCommit, UrgentMail urgentMail, Clock clock) {
        this.store = store;
        this.audit = audit;
        this.afterCommit = afterCommit;
        this.urgentMail = urgentMail;
        this.clock = clock;
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void notify(Audience audience, UUID tenantId, String kind, String objectType, UUID objectId, Urgency urgency) {
        Objects.requireNonNull(urgency, "urgency");
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        requireSlug(kind, "kind");
        requireSlug(objectType, "objectType");
        store.add(audience, tenantId, kind, objectType, objectId, urgency, clock.instant());
        if (urgency == Urgency.URGENT) {
            afterCommit.run(urgentMail::sendSoon);
        }
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void escalate(Audience audience, UUID tenantId, String kind, UUID objectId) {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        requireSlug(kind, "kind");
        boolean urgent = store.escalate(audience, tenantId, kind, objectId, clock.instant());
        changed(audience, tenantId);
        if (urgent) {
            afterCommit.run(urgentMail::sendSoon);
        }
    }

    /** A desk watching the tenant's list fetches it again when this number moves. */
    @Transactional(readOnly = true)
    public long changes(Caller caller) {
        Tenancy t = Tenancy.of(caller);
        return store.changes(t.audience(), t.tenantId());
    }

    private void changed(Audience audience, UUID tenantId) {
        store.changed(audience, tenantId);
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void resolve(Audience audience, UUID tenantId, String kind, UUID objectId) {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        requireSlug(kind, "kind");
        if (store.resolve(audience, tenantId, kind, objectId, clock.instant())) {
            changed(audience, tenantId);
        }
    }

    /** The caller's tenant's open items: urgent ones first, then newest first. */
    @Transactional(readOnly = true)
    public List<Item> open(Caller caller) {
        Tenancy t = Tenancy.of(caller);
        return store.open(t.audience(), t.tenantId(), LIST_LIMIT);
    }

    /**
     * Marks one item of the caller's tenant handled. Marking an already handled item again succeeds and
     * changes nothing (two colleagues may click at once); an item of another tenant does not exist.
     */
    @Transactional
    public void done(Caller caller, UUID id) {
        Tenancy t = Tenancy.of(caller);
        boolean updated = store.handle(id, caller.id(), t.audience(), t.tenantId(), clock.instant());
        if (updated) {
            changed(t.audience(), t.tenantId());
            audit.record(caller.actor(), "HANDLE", "STAFF_NOTIFICATION", id.toString());
            return;
        }
        boolean exists = store.exists(id, t.audience(), t.tenantId());
        if (!exists) {
            throw ProblemException.notFound("Notification");
        }
    }

    private static void requireSlug(String value, String what) {
        if (value == null || !SLUG.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be an UPPER_SNAKE slug of at most 64 characters");
        }
    }
}
