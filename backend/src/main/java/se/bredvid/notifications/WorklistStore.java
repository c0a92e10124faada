package se.bredvid.notifications;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import se.bredvid.notifications.NotificationService.Item;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.notifications.StaffNotifications.Urgency;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The staff worklist's tables: its items ({@code staff_notification}) and each tenant's counter, whose version
 * orders the items and whose change count tells a watching desk to fetch again.
 */
@Singleton
class WorklistStore {

    /** An item with a mail round due, locked for this transaction. */
    record DueMail(UUID id, String audience, UUID tenantId, short rounds) {
    }

    /** A tenant's open items: how many, and the newest version among them. */
    record Open(long count, long newest) {
    }

    private final JdbcOperations jdbc;

    WorklistStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Bumps the tenant's counter first, which takes its row lock: items of one tenant commit in version order
     * (see V48), and two identical notify calls at once meet here instead of in the unique index. Then the item,
     * unless the same one is open already.
     */
    void add(Audience audience, UUID tenantId, String kind, String objectType, UUID objectId, Urgency urgency, Instant now) {
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
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setString(10, urgency.name());
            ps.setShort(11, (short) (urgency == Urgency.URGENT ? 1 : 0));
            return ps.executeUpdate();
        });
    }

    /** Marks the open item overdue, once; an urgent one gets another mail round. True if that item is urgent. */
    boolean escalate(Audience audience, UUID tenantId, String kind, UUID objectId, Instant now) {
        return jdbc.prepareStatement("""
                update staff_notification set escalated_at = ?,
                    mail_rounds_due = mail_rounds_due + case when urgency = 'URGENT' then 1 else 0 end
                where audience = ? and tenant_id = ? and kind = ? and object_id = ? and handled_at is null
                  and escalated_at is null
                returning urgency""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, audience.name());
            ps.setObject(3, tenantId);
            ps.setString(4, kind);
            ps.setObject(5, objectId);
            ResultSet rs = ps.executeQuery();
            return rs.next() && Urgency.URGENT.name().equals(rs.getString(1));
        });
    }

    long changes(Audience audience, UUID tenantId) {
        return jdbc.prepareStatement(
                "select changes from staff_notification_counter where audience = ? and tenant_id = ?", ps -> {
                    ps.setString(1, audience.name());
                    ps.setObject(2, tenantId);
                    ResultSet rs = ps.executeQuery();
                    return rs.next() ? rs.getLong(1) : 0L;
                });
    }

    void changed(Audience audience, UUID tenantId) {
        jdbc.prepareStatement("""
                update staff_notification_counter set changes = changes + 1 where audience = ? and tenant_id = ?""", ps -> {
            ps.setString(1, audience.name());
            ps.setObject(2, tenantId);
            return ps.executeUpdate();
        });
    }

    /** The open item handled by the system; false if there was none. */
    boolean resolve(Audience audience, UUID tenantId, String kind, UUID objectId, Instant now) {
        return jdbc.prepareStatement("""
                update staff_notification set handled_at = ?
                where audience = ? and tenant_id = ? and kind = ? and object_id = ? and handled_at is null""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setString(2, audience.name());
            ps.setObject(3, tenantId);
            ps.setString(4, kind);
            ps.setObject(5, objectId);
            return ps.executeUpdate();
        }) > 0;
    }

    /** The tenant's open items: urgent ones first, then newest first. */
    List<Item> open(Audience audience, UUID tenantId, int limit) {
        return jdbc.prepareStatement("""
                select id, kind, object_type, object_id, urgency, created_at, escalated_at from staff_notification
                where audience = ? and tenant_id = ? and handled_at is null
                order by urgency = 'URGENT' desc, created_at desc, version desc limit ?""", ps -> {
            ps.setString(1, audience.name());
            ps.setObject(2, tenantId);
            ps.setInt(3, limit);
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

    /** A staff member handles an open item of the tenant; false if it is not open (or not the tenant's). */
    boolean handle(UUID id, UUID handledBy, Audience audience, UUID tenantId, Instant now) {
        return jdbc.prepareStatement("""
                update staff_notification set handled_at = ?, handled_by = ?
                where id = ? and audience = ? and tenant_id = ? and handled_at is null""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, handledBy);
            ps.setObject(3, id);
            ps.setString(4, audience.name());
            ps.setObject(5, tenantId);
            return ps.executeUpdate();
        }) == 1;
    }

    boolean exists(UUID id, Audience audience, UUID tenantId) {
        return jdbc.prepareStatement(
                "select 1 from staff_notification where id = ? and audience = ? and tenant_id = ?", ps -> {
                    ps.setObject(1, id);
                    ps.setString(2, audience.name());
                    ps.setObject(3, tenantId);
                    return ps.executeQuery().next();
                });
    }

    /** Read after the address's lock is taken, so a digest another instance has just committed is seen. */
    Open open(String audience, UUID tenantId) {
        return jdbc.prepareStatement("""
                select count(*), coalesce(max(version), 0) from staff_notification
                where audience = ? and tenant_id = ? and handled_at is null""", ps -> {
            ps.setString(1, audience);
            ps.setObject(2, tenantId);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return new Open(rs.getLong(1), rs.getLong(2));
        });
    }

    /** The oldest open item with a mail round due, claimed: another instance skips it (SKIP LOCKED). */
    Optional<DueMail> claimDueMail() {
        return jdbc.prepareStatement("""
                select id, audience, tenant_id, mail_rounds_due from staff_notification
                where mail_rounds_sent < mail_rounds_due and handled_at is null
                order by created_at limit 1 for update skip locked""", ps -> {
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(new DueMail(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                    rs.getShort(4))) : Optional.<DueMail>empty();
        });
    }

    void mailed(DueMail due) {
        jdbc.prepareStatement("update staff_notification set mail_rounds_sent = ? where id = ?", ps -> {
            ps.setShort(1, due.rounds());
            ps.setObject(2, due.id());
            return ps.executeUpdate();
        });
    }

    int deleteHandledBefore(Instant cutoff) {
        return jdbc.prepareStatement("delete from staff_notification where handled_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            return ps.executeUpdate();
        });
    }
}
