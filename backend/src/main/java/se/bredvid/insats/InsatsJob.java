package se.bredvid.insats;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.platform.Jobs;

/** Reminds both parties of coming follow-ups ({@link FollowUpService#remindDue()}) and runs the insats gallring. */
@Singleton
@Requires(property = "bredvid.insats.job.enabled", notEquals = "false")
class InsatsJob {

    private static final Logger LOG = LoggerFactory.getLogger(InsatsJob.class);

    private final FollowUpService followUps;
    private final InsatsRetention retention;
    private final Jobs jobs;

    InsatsJob(FollowUpService followUps, InsatsRetention retention, Jobs jobs) {
        this.followUps = followUps;
        this.retention = retention;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelay = "${bredvid.insats.job.interval:1h}", initialDelay = "${bredvid.insats.job.initial-delay:1m}")
    void run() {
        jobs.run("insats", () -> {
            int reminded = followUps.remindDue();
            int purged = retention.purge();
            if (reminded + purged > 0) {
                LOG.info("insats: {} follow-up reminders, {} closed insatser deleted", reminded, purged);
            }
        });
    }
}
