package se.bredvid.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.platform.ProblemException;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The admin's view of the audit log: entries filtered by actor, action, object and time, newest first, one
 * page at a time (the database does the filtering and the paging; the log can be large). Entries carry ids
 * and codes only, as recorded.
 */
@Singleton
class AuditSearchStore {

    static final int MAX_SIZE = 200;
    private static final Pattern CODE = Pattern.compile("[A-Z][A-Z0-9_]{0,59}");
    private static final Pattern OBJECT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    /** The filter as the query string gave it, checked: every bad part is a 400 naming its parameter. */
    record Query(UUID actor, String action, String objectType, String objectId, Instant from, Instant to, int page,
                 int size) {

        static Query parse(@Nullable String actor, @Nullable String action, @Nullable String objectType,
                           @Nullable String objectId, @Nullable String from, @Nullable String to,
                           @Nullable String page, @Nullable String size) {
            UUID actorId = null;
            if (blank(actor) != null) {
                try {
                    actorId = UUID.fromString(actor.trim());
                } catch (IllegalArgumentException e) {
                    throw ProblemException.invalid("actor", "must be an account or device id (UUID)");
                }
            }
            String a = code("action", action);
            String o = code("objectType", objectType);
            String oid = blank(objectId);
            if (oid != null && !OBJECT_ID.matcher(oid).matches()) {
                throw ProblemException.invalid("objectId", "must be an id of at most 100 letters, digits, '.', '_', ':' or '-'");
            }
            Instant f = instant("from", from);
            Instant t = instant("to", to);
            if (f != null && t != null && f.isAfter(t)) {
                throw ProblemException.invalid("to", "must not be before from");
            }
            int p = number("page", page, 0);
            if (p < 0 || p > 100_000) {
                throw ProblemException.invalid("page", "must be between 0 and 100000");
            }
            int s = number("size", size, 50);
            if (s < 1 || s > MAX_SIZE) {
                throw ProblemException.invalid("size", "must be between 1 and " + MAX_SIZE);
            }
            return new Query(actorId, a, o, oid, f, t, p, s);
        }

        private static int number(String field, String value, int otherwise) {
            String v = blank(value);
            if (v == null) {
                return otherwise;
            }
            if (!v.matches("-?[0-9]{1,7}")) {
                throw ProblemException.invalid(field, "must be a whole number");
            }
            return Integer.parseInt(v);
        }

        private static String blank(String s) {
            return s == null || s.isBlank() ? null : s.trim();
        }

        private static String code(String field, String value) {
            String v = blank(value);
            if (v == null) {
                return null;
            }
            if (!CODE.matcher(v).matches()) {
                throw ProblemException.invalid(field, "must be a code in upper case, e.g. CREATE or STAFF_ACCOUNT");
            }
            return v;
        }

        private static Instant instant(String field, String value) {
            String v = blank(value);
            if (v == null) {
                return null;
            }
            try {
                return Instant.parse(v);
            } catch (DateTimeParseException e) {
                throw ProblemException.invalid(field, "must be an ISO-8601 instant, e.g. 2026-01-31T23:00:00Z");
            }
        }
    }

    @Serdeable
    record EntryView(long seq, Instant at, String actorKind, UUID actorId, String role, String tenantKind,
                     UUID tenantId, String action, String objectType, String objectId) {
    }

    @Serdeable
    @JsonInclude(JsonInclude.Include.ALWAYS)
    record Page(List<EntryView> entries, int page, int size, boolean more) {
    }

    private final JdbcOperations jdbc;

    AuditSearchStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional(readOnly = true)
    Page search(Query q) {
        StringBuilder sql = new StringBuilder("""
                select seq, at, actor_kind, actor_id, role, tenant_kind, tenant_id, action, object_type, object_id
                from audit_entry where true""");
        List<Object> args = new ArrayList<>();
        if (q.actor() != null) {
            sql.append(" and actor_id = ?");
            args.add(q.actor());
        }
        if (q.action() != null) {
            sql.append(" and action = ?");
            args.add(q.action());
        }
        if (q.objectType() != null) {
            sql.append(" and object_type = ?");
            args.add(q.objectType());
        }
        if (q.objectId() != null) {
            sql.append(" and object_id = ?");
            args.add(q.objectId());
        }
        if (q.from() != null) {
            sql.append(" and at >= ?");
            args.add(Timestamp.from(q.from()));
        }
        if (q.to() != null) {
            sql.append(" and at < ?");
            args.add(Timestamp.from(q.to()));
        }
        sql.append(" order by seq desc limit ? offset ?");
        args.add(q.size() + 1);
        args.add((long) q.page() * q.size());
        List<EntryView> rows = jdbc.prepareStatement(sql.toString(), ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            List<EntryView> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new EntryView(rs.getLong(1), rs.getTimestamp(2).toInstant(), rs.getString(3),
                            rs.getObject(4, UUID.class), rs.getString(5), rs.getString(6), rs.getObject(7, UUID.class),
                            rs.getString(8), rs.getString(9), rs.getString(10)));
                }
            }
            return out;
        });
        boolean more = rows.size() > q.size();
        return new Page(more ? rows.subList(0, q.size()) : rows, q.page(), q.size(), more);
    }

    /** One tenant's staff's entries on one object, newest first (the index on object type and id finds them). */
    @Transactional(readOnly = true)
    List<AuditLog.TenantEntry> tenantEntries(String tenantKind, UUID tenantId, String objectType, String objectId, int limit) {
        return jdbc.prepareStatement("""
                select at, actor_id, role, action from audit_entry
                where object_type = ? and object_id = ? and tenant_kind = ? and tenant_id = ? and actor_kind = 'STAFF'
                order by seq desc limit ?""", ps -> {
            ps.setString(1, objectType);
            ps.setString(2, objectId);
            ps.setString(3, tenantKind);
            ps.setObject(4, tenantId);
            ps.setInt(5, limit);
            List<AuditLog.TenantEntry> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new AuditLog.TenantEntry(rs.getTimestamp(1).toInstant(), rs.getObject(2, UUID.class),
                            rs.getString(3), rs.getString(4)));
                }
            }
            return out;
        });
    }
}
