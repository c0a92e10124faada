package se.bredvid.platform;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one round of a scheduled job and counts it: {@code bredvid.job.runs{name, outcome}} (success or
 * failure) and {@code bredvid.job.duration{name}}. A failed round is logged by its exception's class only (a
 * message may hold a row value) and does not stop the schedule: the next round tries again. The name label is
 * a fixed name chosen in code, never data (not "job": Prometheus reserves that for the scrape target).
 */
@Singleton
public class Jobs {

    private static final Logger LOG = LoggerFactory.getLogger(Jobs.class);

    private final MeterRegistry registry;

    public Jobs(MeterRegistry registry) {
        this.registry = registry;
    }

    /** {@code job}: a constant, lower-case, hyphenated name such as {@code checkins} or {@code messaging-retention}. */
    public void run(String job, Runnable round) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "success";
        try {
            round.run();
        } catch (RuntimeException e) {
            outcome = "failure";
            LOG.warn("{} job failed: {}", job, e.getClass().getSimpleName());
        } finally {
            sample.stop(Timer.builder("bredvid.job.duration").description("Duration of one round of a scheduled job")
                    .tag("name", job).register(registry));
            Counter.builder("bredvid.job.runs").description("Rounds of a scheduled job, by outcome")
                    .tag("name", job).tag("outcome", outcome).register(registry).increment();
        }
    }
}
