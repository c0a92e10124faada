package se.bredvid.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetup;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.messaging.TestSql;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The e-mail digest against a real SMTP server (GreenMail) on a free port. */
@MicronautTest(transactional = false)
class MailDigestIT implements PostgresBacked {

    static final String PUBLIC_URL = "https://bredvid.kommun.example/";
    private static GreenMail smtp = start(0);
    private static final int PORT = smtp.getSmtp().getPort();

    @Inject
    Fixtures fx;

    @Inject
    NotificationsTestSupport support;

    @Inject
    MailDigest digest;

    @Inject
    AdminService admin;

    @Inject
    TestSql sql;

    static GreenMail start(int port) {
        ServerSetup setup = new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP);
        GreenMail server = new GreenMail(port == 0 ? setup.dynamicPort() : setup);
        server.start();
        return server;
    }

    static Map<String, String> mailProperties(boolean enabled, int port) {
        return Map.of("bredvid.mail.enabled", Boolean.toString(enabled),
                "bredvid.mail.host", "127.0.0.1",
                "bredvid.mail.port", Integer.toString(port),
                "bredvid.mail.from", "bredvid@kommun.example",
                "bredvid.mail.starttls", "false",
                "bredvid.mail.public-url", PUBLIC_URL,
                "bredvid.mail.job.enabled", "false");
    }

    @Override
    public Map<String, String> extraProperties() {
        return mailProperties(true, PORT);
    }

    @AfterAll
    void stopSmtp() {
        smtp.stop();
    }

    private Fixtures.Staff coordinatorWithAddress(UUID organisationId, String address) {
        Fixtures.Staff s = fx.coordinator(organisationId);
        assertEquals(200, fx.api.put("/api/notifications/email", s.accessToken(), Map.of("email", address)).status());
        return s;
    }

    private static String address(String who) {
        return who + "-" + UUID.randomUUID().toString().substring(0, 8) + "@jour.example";
    }

    private static List<MimeMessage> mailsTo(String address) {
        List<MimeMessage> result = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                Address[] to = m.getAllRecipients();
                if (to != null && Arrays.stream(to).anyMatch(a -> a.toString().equals(address))) {
                    result.add(m);
                }
            } catch (MessagingException e) {
                throw new IllegalStateException(e);
            }
        }
        return result;
    }

    @Test
    void aDigestArrivesWithTheNumberOfOpenItems() throws Exception {
        UUID org = fx.organisation();
        String address = address("count");
        coordinatorWithAddress(org, address);
        for (int i = 0; i < 3; i++) {
            support.notify(Audience.ORGANISATION, org, "INSATS_DECIDED");
        }

        digest.run();

        List<MimeMessage> mails = mailsTo(address);
        assertEquals(1, mails.size());
        MimeMessage mail = mails.get(0);
        assertEquals("Du har 3 ärenden att hantera i Bredvid", mail.getSubject());
        String body = (String) mail.getContent();
        assertTrue(body.contains("Du har 3 ärenden att hantera i Bredvid"), body);
        assertTrue(body.contains(PUBLIC_URL), body);
        assertEquals("bredvid@kommun.example", mail.getFrom()[0].toString());
    }

    @Test
    void oneOpenItemIsCountedInTheSingular() throws Exception {
        UUID org = fx.organisation();
        String address = address("one");
        coordinatorWithAddress(org, address);
        support.notify(Audience.ORGANISATION, org, "INSATS_DECIDED");

        digest.run();

        assertEquals("Du har 1 ärende att hantera i Bredvid", mailsTo(address).get(0).getSubject());
    }

    @Test
    void aDigestContainsNoKindObjectTenantOrName() throws Exception {
        UUID org = fx.organisation();
        String address = address("private");
        Fixtures.Staff staff = coordinatorWithAddress(org, address);
        String kind = "VOLUNTEER_BACKGROUND_CHECK_DUE";
        UUID object = support.notify(Audience.ORGANISATION, org, kind);

        digest.run();

        MimeMessage mail = mailsTo(address).get(0);
        String whole = GreenMailUtil.getWholeMessage(mail);
        String decoded = mail.getSubject() + "\n" + mail.getContent();
        for (String text : List.of(whole, decoded)) {
            for (String secret : List.of(kind, "VOLUNTEER", "INSATS", object.toString(), org.toString(),
                    staff.id().toString(), staff.username(), "Test COORDINATOR")) {
                assertFalse(text.contains(secret), "the mail contains " + secret);
            }
        }
    }

    @Test
    void aDigestIsNotSentAgainWithoutNewItems() {
        UUID org = fx.organisation();
        String address = address("once");
        coordinatorWithAddress(org, address);
        support.notify(Audience.ORGANISATION, org, "INSATS_DECIDED");
        digest.run();

        digest.run();
        digest.run();

        assertEquals(1, mailsTo(address).size());
    }

    @Test
    void aNewItemBringsANewDigestCountingEveryOpenItem() throws Exception {
        UUID org = fx.organisation();
        String address = address("again");
        coordinatorWithAddress(org, address);
        support.notify(Audience.ORGANISATION, org, "INSATS_DECIDED");
        digest.run();

        support.notify(Audience.ORGANISATION, org, "FOLLOW_UP_DUE");
        digest.run();

        List<MimeMessage> mails = mailsTo(address);
        assertEquals(2, mails.size());
        assertEquals("Du har 2 ärenden att hantera i Bredvid", mails.get(1).getSubject());
    }

    @Test
    void anItemResolvedBeforeTheTickIsNotAnnounced() {
        UUID org = fx.organisation();
        String address = address("resolved");
        coordinatorWithAddress(org, address);
        UUID object = support.notify(Audience.ORGANISATION, org, "INSATS_DECIDED");
        support.resolve(Audience.ORGANISATION, org, "INSATS_DECIDED", object);

        digest.run();

        assertTrue(mailsTo(address).isEmpty());
    }

    @Test
    void eachStaffMemberOfTheTenantGetsTheirOwnDigest() {
        UUID org = fx.organisation();
        String first = address("first");
        String second = address("second");
        coordinatorWithAddress(org, first);
        coordinatorWithAddress(org, second);
        support.notify(Audience.ORGANISATION, org, "INSATS_DECIDED");

        digest.run();

        assertEquals(1, mailsTo(first).size());
        assertEquals(1, mailsTo(second).size());
    }

    @Test
    void aHandlaggareIsToldAboutMunicipalityItemsOnly() {
        UUID mun = fx.municipality();
        UUID org = fx.organisation();
        Fixtures.Staff handlaggare = fx.handlaggare(mun);
        String munAddress = address("handlaggare");
        String orgAddress = address("coordinator");
        fx.api.put("/api/notifications/email", handlaggare.accessToken(), Map.of("email", munAddress));
        coordinatorWithAddress(org, orgAddress);
        support.notify(Audience.MUNICIPALITY, mun, "INSATS_PROPOSED");

        digest.run();

        assertEquals(1, mailsTo(munAddress).size());
        assertTrue(mailsTo(orgAddress).isEmpty());
    }

    @Test
    void aDisabledAccountGetsNoMail() {
        UUID org = fx.organisation();
        String address = address("disabled");
        Fixtures.Staff staff = coordinatorWithAddress(org, address);
        admin.setDisabled(AuditLog.Actor.system(), staff.id(), true);
        support.notify(Audience.ORGANISATION, org, "INSATS_DECIDED");

        MailDigest.Result result = digest.run();

        assertTrue(result.skippedInactive() >= 1, result.toString());
        assertTrue(mailsTo(address).isEmpty());
    }

    @Test
    void severalInstancesTickingAtOnceSendOneDigest() throws Exception {
        UUID org = fx.organisation();
        String address = address("race");
        coordinatorWithAddress(org, address);
        support.notify(Audience.ORGANISATION, org, "INSATS_DECIDED");
        int instances = 4;
        ExecutorService pool = Executors.newFixedThreadPool(instances);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<MailDigest.Result>> ticks = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                ticks.add(pool.submit(() -> {
                    go.await();
                    return digest.run();
                }));
            }
            go.countDown();
            for (Future<MailDigest.Result> tick : ticks) {
                tick.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertEquals(1, mailsTo(address).size());
    }

    @Test
    void aFailedSendIsRetriedAtTheNextTick() throws IOException {
        UUID org = fx.organisation();
        String address = address("retry");
        Fixtures.Staff staff = coordinatorWithAddress(org, address);
        support.notify(Audience.ORGANISATION, org, "INSATS_DECIDED");
        smtp.stop();
        try {
            MailDigest.Result failed = digest.run();
            assertTrue(failed.failed() >= 1, failed.toString());
            assertEquals(1, sql.queryLong("select failed_attempts from staff_notification_email where staff_id = ?", staff.id()));
        } finally {
            smtp = start(PORT);
        }

        digest.run();

        assertEquals(1, mailsTo(address).size());
        assertEquals(0, sql.queryLong("select failed_attempts from staff_notification_email where staff_id = ?", staff.id()));
    }
}
