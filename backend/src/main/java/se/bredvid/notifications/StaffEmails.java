package se.bredvid.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.platform.FieldCipher;
import se.bredvid.platform.ProblemException;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A staff member's own address for e-mail digests. The address is personal data: it is stored sealed
 * (bound to its row), never logged, and only its owner can read or change it.
 */
@Singleton
class StaffEmails {

    static final String TABLE = "staff_notification_email";
    /**
     * A deliberately plain address: ASCII local part and a dotted host name. No display names, comments,
     * quoted local parts or IP literals, which are where header injection and mis-delivery hide.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private final JdbcOperations jdbc;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final Clock clock;

    StaffEmails(JdbcOperations jdbc, FieldCipher cipher, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.audit = audit;
        this.clock = clock;
    }

    static String context(UUID staffId) {
        return NotificationsSealedColumns.EMAIL.context(staffId);
    }

    /** Checks and normalises an address; a 400 problem names the field, never echoes the value. */
    static String validate(String raw) {
        String email = raw.strip();
        int at = email.lastIndexOf('@');
        if (email.length() > 254 || at < 1 || at > 64 || !ADDRESS.matcher(email).matches()) {
            throw ProblemException.invalid("email", "must be a plain e-mail address such as namn@kommun.se");
        }
        return email;
    }

    @Transactional(readOnly = true)
    @Nullable
    public String get(Caller caller) {
        Tenancy.of(caller);
        byte[] sealed = sealedOf(caller.id(), false);
        return sealed == null ? null : cipher.openString(sealed, context(caller.id()));
    }

    /** Sets (or with null removes) the caller's own address; returns what is now stored. */
    @Transactional
    @Nullable
    public String set(Caller caller, @Nullable String raw) {
        Tenancy t = Tenancy.of(caller);
        UUID staffId = caller.id();
        if (raw == null) {
            int deleted = jdbc.prepareStatement("delete from " + TABLE + " where staff_id = ?", ps -> {
                ps.setObject(1, staffId);
                return ps.executeUpdate();
            });
            if (deleted > 0) {
                audit.record(caller.actor(), "DELETE", "STAFF_NOTIFICATION_EMAIL", staffId.toString());
            }
            return null;
        }
        String email = validate(raw);
        byte[] previous = sealedOf(staffId, true);
        if (previous != null && email.equals(cipher.openString(previous, context(staffId)))) {
            return email;
        }
        // A new address has been told nothing yet: its watermark starts over, so the next digest covers
        // every open item. A failure count belonged to the old address.
        jdbc.prepareStatement("""
                insert into %s (staff_id, audience, organisation_id, municipality_id, email_sealed, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (staff_id) do update set audience = excluded.audience,
                    organisation_id = excluded.organisation_id, municipality_id = excluded.municipality_id,
                    email_sealed = excluded.email_sealed, updated_at = excluded.updated_at,
                    announced_version = 0, last_sent_at = null, last_sent_count = null,
                    failed_attempts = 0, last_failed_at = null""".formatted(TABLE), ps -> {
            ps.setObject(1, staffId);
            ps.setString(2, t.audience().name());
            ps.setObject(3, t.organisationId(), Types.OTHER);
            ps.setObject(4, t.municipalityId(), Types.OTHER);
            ps.setBytes(5, cipher.seal(email, context(staffId)));
            ps.setTimestamp(6, Timestamp.from(clock.instant()));
            return ps.executeUpdate();
        });
        audit.record(caller.actor(), "UPDATE", "STAFF_NOTIFICATION_EMAIL", staffId.toString());
        return email;
    }

    private byte[] sealedOf(UUID staffId, boolean forUpdate) {
        return jdbc.prepareStatement("select email_sealed from " + TABLE + " where staff_id = ?"
                + (forUpdate ? " for update" : ""), ps -> {
            ps.setObject(1, staffId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? rs.getBytes(1) : null;
        });
    }
}
