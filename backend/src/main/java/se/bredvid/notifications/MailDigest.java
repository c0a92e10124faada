package se.bredvid.notifications;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.identity.StaffDirectory;
import se.bredvid.platform.FieldCipher;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The e-mail digest: to each staff address whose tenant has open items newer than the last digest to it,
 * one mail saying only how many items wait, and where to sign in. No kind, id, name or pseudonym: a
 * mailbox is read by more people and systems than Bredvid (ARCHITECTURE.md; threat 1 and 4), and the
 * count is enough to make someone sign in.
 *
 * <p>Each address is handled in its own transaction that locks its row with {@code skip locked}, sends,
 * and moves the address's watermark: several instances ticking at once send one digest, not several. If
 * the send succeeds but the commit fails, the digest is sent again next tick (at least once, never lost).
 */
@Singleton
public class MailDigest {

    private static final Logger LOG = LoggerFactory.getLogger(MailDigest.class);

    /** What one tick did. */
    public record Result(int sent, int failed, int skippedInactive) {
    }

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final FieldCipher cipher;
    private final StaffDirectory staff;
    private final Mailer mailer;
    private final Clock clock;

    MailDigest(JdbcOperations jdbc, TransactionOperations<Connection> transactions, FieldCipher cipher,
               StaffDirectory staff, Mailer mailer, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
        this.staff = staff;
        this.mailer = mailer;
        this.clock = clock;
    }

    private enum Outcome { SENT, FAILED, INACTIVE, NOTHING }

    public Result run() {
        if (!mailer.enabled()) {
            return new Result(0, 0, 0);
        }
        int sent = 0, failed = 0, inactive = 0;
        for (UUID staffId : transactions.executeRead(status -> due())) {
            Outcome outcome;
            try {
                outcome = transactions.executeWrite(status -> digest(staffId));
            } catch (RuntimeException e) {
                outcome = Outcome.FAILED;
                LOG.warn("notification digest: an address could not be processed ({})", e.getClass().getSimpleName());
            }
            switch (outcome) {
                case SENT -> sent++;
                case FAILED -> failed++;
                case INACTIVE -> inactive++;
                case NOTHING -> { }
            }
        }
        if (sent + failed > 0) {
            LOG.info("notification digest: {} sent, {} failed (retried next tick)", sent, failed);
        }
        return new Result(sent, failed, inactive);
    }

    /** Addresses with something new to announce: an open item newer than their watermark. */
    private List<UUID> due() {
        return jdbc.prepareStatement("""
                select e.staff_id from staff_notification_email e
                where exists (select 1 from staff_notification n
                              where n.audience = e.audience and n.tenant_id = e.tenant_id
                                and n.handled_at is null and n.version > e.announced_version)
                order by e.staff_id""", ps -> {
            ResultSet rs = ps.executeQuery();
            List<UUID> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        });
    }

    private Outcome digest(UUID staffId) {
        record Address(String audience, UUID tenantId, byte[] sealed, long announced) {
        }
        // Another instance holding this row is sending this digest right now.
        Address a = jdbc.prepareStatement("""
                select audience, tenant_id, email_sealed, announced_version from staff_notification_email
                where staff_id = ? for update skip locked""", ps -> {
            ps.setObject(1, staffId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? new Address(rs.getString(1), rs.getObject(2, UUID.class), rs.getBytes(3), rs.getLong(4)) : null;
        });
        if (a == null) {
            return Outcome.NOTHING;
        }
        record Open(long count, long newest) {
        }
        // Read after taking the lock, so a digest another instance has just committed is seen here.
        Open open = jdbc.prepareStatement("""
                select count(*), coalesce(max(version), 0) from staff_notification
                where audience = ? and tenant_id = ? and handled_at is null""", ps -> {
            ps.setString(1, a.audience());
            ps.setObject(2, a.tenantId());
            ResultSet rs = ps.executeQuery();
            rs.next();
            return new Open(rs.getLong(1), rs.getLong(2));
        });
        if (open.newest() <= a.announced()) {
            return Outcome.NOTHING;
        }
        if (!staff.isActive(staffId)) {
            return Outcome.INACTIVE;
        }
        String to = cipher.openString(a.sealed(), StaffEmails.context(staffId));
        try {
            mailer.send(to, subject(open.count()), body(open.count(), mailer.publicUrl()));
        } catch (MessagingException e) {
            // The exception's message can name the address: only its type is logged.
            LOG.warn("notification digest: a send failed ({}); retried next tick", e.getClass().getSimpleName());
            jdbc.prepareStatement("""
                    update staff_notification_email set failed_attempts = failed_attempts + 1, last_failed_at = ?
                    where staff_id = ?""", ps -> {
                ps.setTimestamp(1, Timestamp.from(clock.instant()));
                ps.setObject(2, staffId);
                return ps.executeUpdate();
            });
            return Outcome.FAILED;
        }
        jdbc.prepareStatement("""
                update staff_notification_email set announced_version = ?, last_sent_at = ?, last_sent_count = ?,
                    failed_attempts = 0, last_failed_at = null
                where staff_id = ?""", ps -> {
            ps.setLong(1, open.newest());
            ps.setTimestamp(2, Timestamp.from(clock.instant()));
            ps.setInt(3, (int) Math.min(Integer.MAX_VALUE, open.count()));
            ps.setObject(4, staffId);
            return ps.executeUpdate();
        });
        return Outcome.SENT;
    }

    static String subject(long n) {
        return "Du har " + n + (n == 1 ? " ärende" : " ärenden") + " att hantera i Bredvid";
    }

    static String body(long n, String publicUrl) {
        return "Hej!\n\n"
                + subject(n) + ".\n\n"
                + "Logga in för att se " + (n == 1 ? "det" : "dem") + ":\n"
                + publicUrl + "\n\n"
                + "Av säkerhetsskäl står det ingenting om ärendena i det här meddelandet.\n"
                + "Vill du inte längre få de här meddelandena kan du ta bort din e-postadress i Bredvid.\n";
    }
}
