package se.bredvid.checkins;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.bind.annotation.Bindable;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.time.Duration;

/**
 * Gallring of check-ins: a check-in's cleartext status and its notifications are deleted after
 * {@code bredvid.checkins.retention.max-age} (default 30 days). The encrypted answer is an envelope and
 * follows the envelope retention.
 */
@Singleton
@Requires(property = "bredvid.checkins.retention.enabled", notEquals = "false")
public class CheckinRetention {

    @ConfigurationProperties("bredvid.checkins.retention")
    public record Config(@Bindable(defaultValue = "30d") Duration maxAge) {
    }

    private static final Logger LOG = LoggerFactory.getLogger(CheckinRetention.class);

    private final CheckinService checkins;
    private final Config config;
    private final Clock clock;

    CheckinRetention(CheckinService checkins, Config config, Clock clock) {
        this.checkins = checkins;
        this.config = config;
        this.clock = clock;
    }

    @Scheduled(fixedDelay = "${bredvid.checkins.retention.interval:10m}",
            initialDelay = "${bredvid.checkins.retention.initial-delay:2m}")
    void scheduled() {
        try {
            int n = run();
            LOG.info("check-in retention: {} rows deleted", n);
        } catch (RuntimeException e) {
            LOG.warn("check-in retention failed: {}", e.getClass().getSimpleName());
        }
    }

    public int run() {
        return checkins.deleteOlderThan(clock.instant().minus(config.maxAge()));
    }
}
