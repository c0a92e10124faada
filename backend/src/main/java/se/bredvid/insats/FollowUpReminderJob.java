package se.bredvid.insats;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Reminds both parties of coming follow-ups; see {@link FollowUpService#remindDue()}. */
@Singleton
@Requires(property = "bredvid.insats.job.enabled", notEquals = "false")
class FollowUpReminderJob {

    private static final Logger LOG = LoggerFactory.getLogger(FollowUpReminderJob.class);

    private final FollowUpService followUps;

    FollowUpReminderJob(FollowUpService followUps) {
        this.followUps = followUps;
    }

    @Scheduled(fixedDelay = "${bredvid.insats.job.interval:1h}", initialDelay = "${bredvid.insats.job.initial-delay:1m}")
    void run() {
        try {
            int reminded = followUps.remindDue();
            if (reminded > 0) {
                LOG.info("insats: {} follow-up reminders", reminded);
            }
        } catch (RuntimeException e) {
            LOG.warn("follow-up reminder job failed: {}", e.getClass().getSimpleName());
        }
    }
}
