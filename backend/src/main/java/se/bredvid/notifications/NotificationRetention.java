package se.bredvid.notifications;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;
import se.bredvid.platform.Jobs;

/**
 * Gallring of the worklist: handled items are deleted once {@code bredvid.notifications.retention} (default
 * 90 days) has passed since they were handled. Open items stay until someone handles them.
 */
@Singleton
class NotificationRetention {

    private static final Logger LOG = LoggerFactory.getLogger(NotificationRetention.class);

    private final WorklistStore store;
    private final Clock clock;
    private final Duration retention;

    NotificationRetention(WorklistStore store, Clock clock,
                          @Value("${bredvid.notifications.retention:90d}") Duration retention) {
        this.store = store;
        this.clock = clock;
        this.retention = retention;
    }

    @Transactional
    public int purgeHandled() {
        return store.deleteHandledBefore(clock.instant().minus(retention));
    }

    @Singleton
    @Requires(property = "bredvid.notifications.job.enabled", notEquals = "false")
    static class Job {

        private final NotificationRetention retention;
        private final Jobs jobs;

        Job(NotificationRetention retention, Jobs jobs) {
            this.retention = retention;
            this.jobs = jobs;
        }

        @Scheduled(fixedDelay = "${bredvid.notifications.job.interval:6h}", initialDelay = "${bredvid.notifications.job.initial-delay:5m}")
        void run() {
            jobs.run("notification-retention", () -> {
                int purged = retention.purgeHandled();
                if (purged > 0) {
                    LOG.info("notifications: {} handled items deleted", purged);
                }
            });
        }
    }
}
