package se.bredvid.notifications;

import com.icegreen.greenmail.util.GreenMail;
import io.micronaut.context.ApplicationContext;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

/** With {@code bredvid.mail.enabled=false} (the default) nothing is sent, even with a relay configured. */
@MicronautTest(transactional = false)
class MailDigestDisabledIT implements PostgresBacked {

    private static final GreenMail SMTP = MailDigestIT.start(0);

    @Inject
    Fixtures fx;

    @Inject
    NotificationsTestSupport support;

    @Inject
    MailDigest digest;

    @Inject
    ApplicationContext context;

    @Override
    public Map<String, String> extraProperties() {
        var p = new java.util.HashMap<>(MailDigestIT.mailProperties(false, SMTP.getSmtp().getPort()));
        p.remove("bredvid.mail.job.enabled");
        return p;
    }

    @AfterAll
    void stopSmtp() {
        SMTP.stop();
    }

    @Test
    void nothingIsSentWhenMailIsDisabled() {
        UUID org = fx.organisation();
        Fixtures.Staff staff = fx.coordinator(org);
        assertEquals(200, fx.api.put("/api/notifications/email", staff.accessToken(),
                Map.of("email", "disabled@jour.example")).status());
        support.notify(Audience.ORGANISATION, org, "INSATS_DECIDED");

        MailDigest.Result result = digest.run();

        assertEquals(new MailDigest.Result(0, 0, 0), result);
        assertEquals(0, SMTP.getReceivedMessages().length);
    }

    @Test
    void noDigestJobIsScheduledWhenMailIsDisabled() {
        assertFalse(context.containsBean(MailJobs.class));
    }
}
