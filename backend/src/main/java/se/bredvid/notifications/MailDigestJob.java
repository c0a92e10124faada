package se.bredvid.notifications;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import se.bredvid.platform.Jobs;

/** Sends the e-mail digests every {@code bredvid.mail.digest-interval}; exists only when mail is enabled. */
@Singleton
@Requires(property = "bredvid.mail.enabled", value = "true")
@Requires(property = "bredvid.mail.job.enabled", notEquals = "false")
class MailDigestJob {


    private final MailDigest digest;
    private final Jobs jobs;

    MailDigestJob(MailDigest digest, Jobs jobs) {
        this.digest = digest;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelay = "${bredvid.mail.digest-interval:15m}", initialDelay = "${bredvid.mail.digest-interval:15m}")
    void run() {
        jobs.run("mail-digest", digest::run);
    }
}
