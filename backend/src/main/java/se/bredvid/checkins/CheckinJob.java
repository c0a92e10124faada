package se.bredvid.checkins;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes check-ins fall due and marks the unanswered ones missed. Safe on every instance at once: a
 * check-in is created once (unique due time per conversation) and marked missed once (a conditional
 * update), so each escalation is notified exactly once.
 */
@Singleton
@Requires(property = "bredvid.checkins.job.enabled", notEquals = "false")
class CheckinJob {

    private static final Logger LOG = LoggerFactory.getLogger(CheckinJob.class);

    private final CheckinService checkins;

    CheckinJob(CheckinService checkins) {
        this.checkins = checkins;
    }

    @Scheduled(fixedDelay = "${bredvid.checkins.job.interval:1m}", initialDelay = "${bredvid.checkins.job.initial-delay:30s}")
    void run() {
        try {
            int due = checkins.createDue();
            int missed = checkins.markMissed();
            int escalated = checkins.escalateUnacknowledged();
            if (due + missed + escalated > 0) {
                LOG.info("check-ins: {} fell due, {} missed, {} alarms escalated", due, missed, escalated);
            }
        } catch (RuntimeException e) {
            LOG.warn("check-in job failed: {}", e.getClass().getSimpleName());
        }
    }
}
