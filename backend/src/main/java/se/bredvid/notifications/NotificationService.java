package se.bredvid.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.platform.AfterCommit;
import se.bredvid.platform.ProblemException;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final AfterCommit afterCommit;
    private final UrgentMail urgentMail;
    private final Clock clock;

    NotificationService(JdbcOperations jdbc, AuditLog audit, AfterCommit afterCommit, UrgentMail urgentMail, Clock clock) {
        this.jdbc = jdbc;
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
        // Bumping the tenant's counter first takes its row lock: items of one tenant commit in version
        // order (see V48), and two identical notify calls at once meet here instead of in the unique index.
        long version = jdbc.prepareStatement("""
                insert into staff_notification_counter (audience, tenant_id, version, changes) values (?, ?, 1, 1)
                on conflict (audience, tenant_id) do update set version = staff_notification_counter.version + 1,
                    changes = staff_notification_counter.changes + 1
                returning version""", ps -> {
            ps.setString(1, audience.name());
            ps.setObject(2, tenantId);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        });
        jdbc.prepareStatement("""
                insert into staff_notification (id, audience, organisation_id, municipality_id, kind, object_type,
                    object_id, version, created_at, urgency, mail_rounds_due)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                on conflict (audience, tenant_id, kind, object_id) where handled_at is null do nothing""", ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, audience.name());
            ps.setObject(3, audience == Audience.ORGANISATION ? tenantId : null, Types.OTHER);
            ps.setObject(4, audience == Audience.MUNICIPALITY ? tenantId : null, Types.OTHER);
            ps.setString(5, kind);
            ps.setString(6, objectType);
            ps.setObject(7, objectId);
            ps.setLong(8, version);
            ps.setTimestamp(9, Timestamp.from(clock.instant()));
            ps.setString(10, urgency.name());
            ps.setShort(11, (short) (urgency == Urgency.URGENT ? 1 : 0));
            return ps.executeUpdate();
        });
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
        boolean urgent = jdbc.prepareStatement("""
                update staff_notification set escalated_at = ?,
                    mail_rounds_due = mail_rounds_due + case when urgency = 'URGENT' then 1 else 0 end
                where audience = ? and tenant_id = ? and kind = ? and object_id = ? and handled_at is null
                  and escalated_at is null
                returning urgency""", ps -> {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, audience.name());
            ps.setObject(3, tenantId);
            ps.setString(4, kind);
            ps.setObject(5, objectId);
            ResultSet rs = ps.executeQuery();
            return rs.next() && Urgency.URGENT.name().equals(rs.getString(1));
        });
        changed(audience, tenantId);
        if (urgent) {
            afterCommit.run(urgentMail::sendSoon);
        }
    }

    /** A desk watching the tenant's list fetches it again when this number moves. */
    @Transactional(readOnly = true)
    public long changes(Caller caller) {
        Tenancy t = Tenancy.of(caller);
        return jdbc.prepareStatement(
                "select changes from staff_notification_counter where audience = ? and tenant_id = ?", ps -> {
                    ps.setString(1, t.audience().name());
                    ps.setObject(2, t.tenantId());
                    ResultSet rs = ps.executeQuery();
                    return rs.next() ? rs.getLong(1) : 0L;
                });
    }

    private void changed(Audience audience, UUID tenantId) {
        jdbc.prepareStatement("""
                update staff_notification_counter set changes = changes + 1 where audience = ? and tenant_id = ?""", ps -> {
            ps.setString(1, audience.name());
            ps.setObject(2, tenantId);
            return ps.executeUpdate();
        });
    }

    @Override
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    public void resolve(Audience audience, UUID tenantId, String kind, UUID objectId) {
        Objects.requireNonNull(audience, "audience");
        Objects.requireNonNull(tenantId, "tenantId");
        Objects.requireNonNull(objectId, "objectId");
        requireSlug(kind, "kind");
        if (jdbc.prepareStatement("""
                update staff_notification set handled_at = ?
                where audience = ? and tenant_id = ? and kind = ? and object_id = ? and handled_at is null""", ps -> {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setString(2, audience.name());
            ps.setObject(3, tenantId);
            ps.setString(4, kind);
            ps.setObject(5, objectId);
            return ps.executeUpdate();
        }) > 0) {
            changed(audience, tenantId);
        }
    }

    /** The caller's tenant's open items: urgent ones first, then newest first. */
    @Transactional(readOnly = true)
    public List<Item> open(Caller caller) {
        Tenancy t = Tenancy.of(caller);
        return jdbc.prepareStatement("""
                select id, kind, object_type, object_id, urgency, created_at, escalated_at from staff_notification
                where audience = ? and tenant_id = ? and handled_at is null
                order by urgency = 'URGENT' desc, created_at desc, version desc limit ?""", ps -> {
            ps.setString(1, t.audience().name());
            ps.setObject(2, t.tenantId());
            ps.setInt(3, LIST_LIMIT);
            ResultSet rs = ps.executeQuery();
            List<Item> items = new ArrayList<>();
            while (rs.next()) {
                Timestamp escalated = rs.getTimestamp(7);
                items.add(new Item(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3),
                        rs.getObject(4, UUID.class), Urgency.valueOf(rs.getString(5)), rs.getTimestamp(6).toInstant(),
                        escalated == null ? null : escalated.toInstant()));
            }
            return items;
        });
    }

    /**
     * Marks one item of the caller's tenant handled. Marking an already handled item again succeeds and
     * changes nothing (two colleagues may click at once); an item of another tenant does not exist.
     */
    @Transactional
    public void done(Caller caller, UUID id) {
        Tenancy t = Tenancy.of(caller);
        int updated = jdbc.prepareStatement("""
                update staff_notification set handled_at = ?, handled_by = ?
                where id = ? and audience = ? and tenant_id = ? and handled_at is null""", ps -> {
            ps.setTimestamp(1, Timestamp.from(clock.instant()));
            ps.setObject(2, caller.id());
            ps.setObject(3, id);
            ps.setString(4, t.audience().name());
            ps.setObject(5, t.tenantId());
            return ps.executeUpdate();
        });
        if (updated == 1) {
            changed(t.audience(), t.tenantId());
            audit.record(caller.actor(), "HANDLE", "STAFF_NOTIFICATION", id.toString());
            return;
        }
        boolean exists = jdbc.prepareStatement(
                "select 1 from staff_notification where id = ? and audience = ? and tenant_id = ?", ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, t.audience().name());
                    ps.setObject(3, t.tenantId());
                    return ps.executeQuery().next();
                });
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
