package se.bredvid.notifications;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import jakarta.mail.MessagingException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.identity.StaffDirectory;
import se.bredvid.platform.FieldCipher;

import java.sql.Connection;
import java.sql.ResultSet;
import java.util.ArrayList;
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

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final FieldCipher cipher;
    private final StaffDirectory staff;
    private final Mailer mailer;
    private final ExecutorService executor;
    private final AtomicBoolean queued = new AtomicBoolean();

    UrgentMail(JdbcOperations jdbc, TransactionOperations<Connection> transactions, FieldCipher cipher,
               StaffDirectory staff, Mailer mailer) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.cipher = cipher;
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
        record Due(UUID id, String audience, UUID tenantId, short rounds) {
        }
        Due due = jdbc.prepareStatement("""
                select id, audience, tenant_id, mail_rounds_due from staff_notification
                where mail_rounds_sent < mail_rounds_due and handled_at is null
                order by created_at limit 1 for update skip locked""", ps -> {
            ResultSet rs = ps.executeQuery();
            return rs.next() ? new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                    rs.getShort(4)) : null;
        });
        if (due == null) {
            return null;
        }
        record Address(UUID staffId, byte[] sealed) {
        }
        List<Address> addresses = jdbc.prepareStatement("""
                select staff_id, email_sealed from staff_notification_email
                where audience = ? and tenant_id = ? order by staff_id""", ps -> {
            ps.setString(1, due.audience());
            ps.setObject(2, due.tenantId());
            ResultSet rs = ps.executeQuery();
            List<Address> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Address(rs.getObject(1, UUID.class), rs.getBytes(2)));
            }
            return out;
        });
        for (Address a : addresses) {
            if (!staff.isActive(a.staffId())) {
                continue;
            }
            try {
                mailer.send(cipher.openString(a.sealed(), StaffEmails.context(a.staffId())), SUBJECT,
                        body(mailer.publicUrl()));
            } catch (MessagingException e) {
                // The exception's message can name the address: only its type is logged (by the caller).
                return false;
            }
        }
        jdbc.prepareStatement("update staff_notification set mail_rounds_sent = ? where id = ?", ps -> {
            ps.setShort(1, due.rounds());
            ps.setObject(2, due.id());
            return ps.executeUpdate();
        });
        return true;
    }

    /** The whole body: the installation's address, nothing else. */
    static String body(String publicUrl) {
        return publicUrl + "\n";
    }
}
