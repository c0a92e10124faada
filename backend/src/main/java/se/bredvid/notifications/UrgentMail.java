package se.bredvid.notifications;

import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.identity.StaffDirectory;

import java.sql.Connection;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The urgent mail: when an urgent item is raised (or escalates), every address of its tenant gets one mail
 * at once saying only that something urgent waits, and where to sign in. Like the digest it names no kind,
 * person or id (a mailbox is read by more than Bredvid).
 *
 * <p>The instance whose transaction raised the item sends right after the commit, on a worker thread; a
 * job retries what failed. Each round is claimed with {@code for update skip locked} and recorded as sent
 * in the same transaction, so instances never send a round twice; a send that succeeds before a failed
 * commit is sent again (at least once, never lost).
 */
@Singleton
public class UrgentMail {

    static final String SUBJECT = "Bredvid: ett brådskande ärende väntar";
    /** At most this many items per run; the job picks up the rest. */
    private static final int MAX_PER_RUN = 100;

    private static final Logger LOG = LoggerFactory.getLogger(UrgentMail.class);

    private final WorklistStore worklist;
    private final StaffEmailStore addresses;
    private final TransactionOperations<Connection> transactions;
    private final StaffDirectory staff;
    private final Mailer mailer;
    private final ExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();

    UrgentMail(WorklistStore worklist, StaffEmailStore addresses, TransactionOperations<Connection> transactions,
               StaffDirectory staff, Mailer mailer) {
        this.worklist = worklist;
        this.addresses = addresses;
        this.transactions = transactions;
        this.staff = staff;
        this.mailer = mailer;
        // A plain thread of its own: Micronaut's executors carry the caller's propagated context, and with
        // it the transaction that has just committed, whose connection must not be shared.
        this.executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "urgent-mail");
            t.setDaemon(true);
            return t;
        });
    }

    @PreDestroy
    void close() {
        executor.shutdownNow();
    }

    /** Sends what is due on a worker thread, now; several calls while one waits to start make one run. */
    void sendSoon() {
        if (!mailer.enabled() || !queued.compareAndSet(false, true)) {
            return;
        }
        executor.execute(() -> {
            queued.set(false);
            try {
                run();
            } catch (RuntimeException e) {
                LOG.warn("urgent mail failed: {}", e.getClass().getSimpleName());
            }
        });
    }

    /** Sends every due round; returns how many items were mailed. Stops at the first failure (retried later). */
    public int run() {
        if (!mailer.enabled()) {
            return 0;
        }
        int mailed = 0;
        while (mailed < MAX_PER_RUN) {
            Boolean done = transactions.executeWrite(status -> one());
            if (done == null) {
                break;
            }
            if (!done) {
                LOG.warn("urgent mail: a send failed; retried by the next run");
                break;
            }
            mailed++;
        }
        return mailed;
    }

    /** null: nothing due; true: one item's round sent; false: a send failed (the round stays due). */
    private Boolean one() {
        WorklistStore.DueMail due = worklist.claimDueMail().orElse(null);
        if (due == null) {
            return null;
        }
        List<StaffEmailStore.Address> to = addresses.ofTenant(due.audience(), due.tenantId());
        for (StaffEmailStore.Address a : to) {
            if (!staff.isActive(a.staffId())) {
                continue;
            }
            try {
                mailer.send(addresses.open(a.staffId(), a.sealed()), SUBJECT,
                        body(mailer.publicUrl()));
            } catch (MessagingException e) {
                // The exception's message can name the address: only its type is logged (by the caller).
                return false;
            }
        }
        worklist.mailed(due);
        return true;
    }

    /** The whole body: the installation's address, nothing else. */
    static String body(String publicUrl) {
        return publicUrl + "\n";
    }
}
