package se.bredvid.notifications;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import se.bredvid.platform.Jobs;

/**
 * Retries urgent mail that could not go out right after its commit (SMTP down, the instance stopped);
 * exists only when mail is enabled.
 */
@Singleton
@Requires(property = "bredvid.mail.enabled", value = "true")
@Requires(property = "bredvid.mail.job.enabled", notEquals = "false")
class UrgentMailJob {


    private final UrgentMail mail;
    private final Jobs jobs;

    UrgentMailJob(UrgentMail mail, Jobs jobs) {
        this.mail = mail;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelay = "${bredvid.mail.urgent-retry-interval:1m}", initialDelay = "${bredvid.mail.urgent-retry-interval:1m}")
    void run() {
        jobs.run("urgent-mail", mail::run);
    }
}
