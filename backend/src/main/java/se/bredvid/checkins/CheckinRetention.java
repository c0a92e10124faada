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
import se.bredvid.platform.Jobs;

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
    private final Jobs jobs;

    CheckinRetention(CheckinService checkins, Config config, Clock clock, Jobs jobs) {
        this.checkins = checkins;
        this.config = config;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelay = "${bredvid.checkins.retention.interval:10m}",
            initialDelay = "${bredvid.checkins.retention.initial-delay:2m}")
    void scheduled() {
        jobs.run("checkin-retention", () -> LOG.info("check-in retention: {} rows deleted", run()));
    }

    public int run() {
        return checkins.deleteOlderThan(clock.instant().minus(config.maxAge()));
    }
}
