package se.bredvid.notifications;

import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.identity.StaffDirectory;

import java.sql.Connection;
import java.time.Clock;
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

    private final StaffEmailStore addresses;
    private final WorklistStore worklist;
    private final TransactionOperations<Connection> transactions;
    private final StaffDirectory staff;
    private final Mailer mailer;
    private final Clock clock;

    MailDigest(StaffEmailStore addresses, WorklistStore worklist, TransactionOperations<Connection> transactions,
               StaffDirectory staff, Mailer mailer, Clock clock) {
        this.addresses = addresses;
        this.worklist = worklist;
        this.transactions = transactions;
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
        for (UUID staffId : transactions.executeRead(status -> addresses.dueForDigest())) {
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

    private Outcome digest(UUID staffId) {
        // Another instance holding this row is sending this digest right now.
        StaffEmailStore.DigestAddress a = addresses.lockForDigest(staffId).orElse(null);
        if (a == null) {
            return Outcome.NOTHING;
        }
        // Read after taking the lock, so a digest another instance has just committed is seen here.
        WorklistStore.Open open = worklist.open(a.audience(), a.tenantId());
        if (open.newest() <= a.announced()) {
            return Outcome.NOTHING;
        }
        if (!staff.isActive(staffId)) {
            return Outcome.INACTIVE;
        }
        String to = addresses.open(staffId, a.sealed());
        try {
            mailer.send(to, subject(open.count()), body(open.count(), mailer.publicUrl()));
        } catch (MessagingException e) {
            // The exception's message can name the address: only its type is logged.
            LOG.warn("notification digest: a send failed ({}); retried next tick", e.getClass().getSimpleName());
            addresses.digestFailed(staffId, clock.instant());
            return Outcome.FAILED;
        }
        addresses.digestSent(staffId, open.newest(), open.count(), clock.instant());
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
