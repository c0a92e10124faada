package se.bredvid.notifications;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Sends the e-mail digests every {@code bredvid.mail.digest-interval}; exists only when mail is enabled. */
@Singleton
@Requires(property = "bredvid.mail.enabled", value = "true")
@Requires(property = "bredvid.mail.job.enabled", notEquals = "false")
class MailDigestJob {

    private static final Logger LOG = LoggerFactory.getLogger(MailDigestJob.class);

    private final MailDigest digest;

    MailDigestJob(MailDigest digest) {
        this.digest = digest;
    }

    @Scheduled(fixedDelay = "${bredvid.mail.digest-interval:15m}", initialDelay = "${bredvid.mail.digest-interval:15m}")
    void run() {
        try {
            digest.run();
        } catch (RuntimeException e) {
            LOG.warn("notification digest failed: {}", e.getClass().getSimpleName());
        }
    }
}
