package se.bredvid.checkins;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.platform.Jobs;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

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
    private final Jobs jobs;
    private final Counter due;
    private final Counter missed;
    private final Counter escalated;

    CheckinJob(CheckinService checkins, Jobs jobs, MeterRegistry meters) {
        this.checkins = checkins;
        this.jobs = jobs;
        // Counted here, after each call has committed, so a rolled-back round counts nothing.
        this.due = Counter.builder("bredvid.checkins.due").description("Scheduled check-ins that fell due")
                .register(meters);
        this.missed = Counter.builder("bredvid.checkins.missed").description("Check-ins not answered by their deadline")
                .register(meters);
        this.escalated = Counter.builder("bredvid.alarms.escalated")
                .description("Requests for help not acknowledged in time, escalated").register(meters);
    }

    @Scheduled(fixedDelay = "${bredvid.checkins.job.interval:1m}", initialDelay = "${bredvid.checkins.job.initial-delay:30s}")
    void run() {
        jobs.run("checkins", () -> {
            int fellDue = checkins.createDue();
            due.increment(fellDue);
            int wentMissing = checkins.markMissed();
            missed.increment(wentMissing);
            int wentOverdue = checkins.escalateUnacknowledged();
            escalated.increment(wentOverdue);
            if (fellDue + wentMissing + wentOverdue > 0) {
                LOG.info("check-ins: {} fell due, {} missed, {} alarms escalated", fellDue, wentMissing, wentOverdue);
            }
        });
    }
}
