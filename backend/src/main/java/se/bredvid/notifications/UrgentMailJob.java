package se.bredvid.notifications;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Retries urgent mail that could not go out right after its commit (SMTP down, the instance stopped);
 * exists only when mail is enabled.
 */
@Singleton
@Requires(property = "bredvid.mail.enabled", value = "true")
@Requires(property = "bredvid.mail.job.enabled", notEquals = "false")
class UrgentMailJob {

    private static final Logger LOG = LoggerFactory.getLogger(UrgentMailJob.class);

    private final UrgentMail mail;

    UrgentMailJob(UrgentMail mail) {
        this.mail = mail;
    }

    @Scheduled(fixedDelay = "${bredvid.mail.urgent-retry-interval:1m}", initialDelay = "${bredvid.mail.urgent-retry-interval:1m}")
    void run() {
        try {
            mail.run();
        } catch (RuntimeException e) {
            LOG.warn("urgent mail retry failed: {}", e.getClass().getSimpleName());
        }
    }
}
