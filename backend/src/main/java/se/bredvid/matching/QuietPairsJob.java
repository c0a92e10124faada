package se.bredvid.matching;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import se.bredvid.platform.Jobs;

import java.util.UUID;

/**
 * Flags pairs gone quiet in the coordinators' worklist, every {@code bredvid.matching.quiet-check-interval}
 * (default 1 h), one organisation per transaction. Off with {@code bredvid.matching.quiet-job.enabled=false}.
 */
@Singleton
@Requires(property = "bredvid.matching.quiet-job.enabled", notEquals = "false")
class QuietPairsJob {

    private final MatchSupport support;
    private final Jobs jobs;

    QuietPairsJob(MatchSupport support, Jobs jobs) {
        this.support = support;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelay = "${bredvid.matching.quiet-check-interval:1h}", initialDelay = "${bredvid.matching.quiet-check-interval:1h}")
    void run() {
        jobs.run("quiet-pairs", this::round);
    }

    /** One round over every organisation with open pairs. */
    void round() {
        for (UUID org : support.organisationsWithActivePairs()) {
            support.flagQuietPairs(org);
        }
    }
}
