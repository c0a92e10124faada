package se.bredvid.notifications;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * A staff member's own address for e-mail digests. The address is personal data: it is stored sealed
 * (bound to its row), never logged, and only its owner can read or change it.
 */
@Singleton
class StaffEmails {

    /**
     * A deliberately plain address: ASCII local part and a dotted host name. No display names, comments,
     * quoted local parts or IP literals, which are where header injection and mis-delivery hide.
     */
    private static final Pattern ADDRESS = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");

    private final StaffEmailStore store;
    private final AuditLog audit;
    private final Clock clock;

    StaffEmails(StaffEmailStore store, AuditLog audit, Clock clock) {
        this.store = store;
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
        return store.email(caller.id(), false);
    }

    /** Sets (or with null removes) the caller's own address; returns what is now stored. */
    @Transactional
    @Nullable
    public String set(Caller caller, @Nullable String raw) {
        Tenancy t = Tenancy.of(caller);
        UUID staffId = caller.id();
        if (raw == null) {
            boolean deleted = store.delete(staffId);
            if (deleted) {
                audit.record(caller.actor(), "DELETE", "STAFF_NOTIFICATION_EMAIL", staffId.toString());
            }
            return null;
        }
        String email = validate(raw);
        String previous = store.email(staffId, true);
        if (email.equals(previous)) {
            return email;
        }
        store.put(staffId, t, email, clock.instant());
        audit.record(caller.actor(), "UPDATE", "STAFF_NOTIFICATION_EMAIL", staffId.toString());
        return email;
    }
}
