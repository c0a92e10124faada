package se.bredvid.notifications;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import se.bredvid.platform.Jobs;

/**
 * The mail jobs; they exist only when mail is enabled. The digest goes out every
 * {@code bredvid.mail.digest-interval}; urgent mail is sent right after its commit and retried here every
 * {@code bredvid.mail.urgent-retry-interval} (SMTP down, the instance stopped).
 */
@Singleton
@Requires(property = "bredvid.mail.enabled", value = "true")
@Requires(property = "bredvid.mail.job.enabled", notEquals = "false")
class MailJobs {

    private final MailDigest digest;
    private final UrgentMail urgent;
    private final Jobs jobs;

    MailJobs(MailDigest digest, UrgentMail urgent, Jobs jobs) {
        this.digest = digest;
        this.urgent = urgent;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelay = "${bredvid.mail.digest-interval:15m}", initialDelay = "${bredvid.mail.digest-interval:15m}")
    void digest() {
        jobs.run("mail-digest", digest::run);
    }

    @Scheduled(fixedDelay = "${bredvid.mail.urgent-retry-interval:1m}", initialDelay = "${bredvid.mail.urgent-retry-interval:1m}")
    void urgent() {
        jobs.run("urgent-mail", urgent::run);
    }
}
