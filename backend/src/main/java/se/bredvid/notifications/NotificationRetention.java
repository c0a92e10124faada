package se.bredvid.notifications;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Timestamp;
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

    private final JdbcOperations jdbc;
    private final Clock clock;
    private final Duration retention;

    NotificationRetention(JdbcOperations jdbc, Clock clock,
                          @Value("${bredvid.notifications.retention:90d}") Duration retention) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.retention = retention;
    }

    @Transactional
    public int purgeHandled() {
        Timestamp cutoff = Timestamp.from(clock.instant().minus(retention));
        return jdbc.prepareStatement("delete from staff_notification where handled_at < ?", ps -> {
            ps.setTimestamp(1, cutoff);
            return ps.executeUpdate();
        });
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
