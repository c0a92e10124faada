package se.bredvid.recruiting;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.audit.AuditLog;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import se.bredvid.platform.Jobs;

/**
 * Gallring of people who were not taken on: an application that was withdrawn or found not suitable is
 * deleted — with its interviews, background checks, training and supervision records and history — once
 * {@code bredvid.recruiting.retention.not-taken-on} (default 180 days) has passed since that decision.
 * The organisation has no further need of it (GDPR art. 5.1 e). They never reached APPROVED, so no
 * assignment, insats or device refers to them. Each deletion is audited by id only.
 */
@Singleton
class RecruitingRetention {

    private static final Logger LOG = LoggerFactory.getLogger(RecruitingRetention.class);
    private static final int BATCH = 200;
    private final VolunteerStore volunteers;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration notTakenOn;

    RecruitingRetention(VolunteerStore volunteers, AuditLog audit, Clock clock,
                        @Value("${bredvid.recruiting.retention.not-taken-on:180d}") Duration notTakenOn) {
        this.volunteers = volunteers;
        this.audit = audit;
        this.clock = clock;
        this.notTakenOn = notTakenOn;
    }

    @Transactional
    public int purgeNotTakenOn() {
        List<UUID> ids = volunteers.claimNotTakenOn(clock.instant().minus(notTakenOn), BATCH);
        for (UUID id : ids) {
            volunteers.purge(id);
            audit.record(AuditLog.Actor.system(), "PURGE", "VOLUNTEER", id.toString());
        }
        return ids.size();
    }

    @Singleton
    @Requires(property = "bredvid.recruiting.job.enabled", notEquals = "false")
    static class Job {

        private final RecruitingRetention retention;
        private final Jobs jobs;

        Job(RecruitingRetention retention, Jobs jobs) {
            this.retention = retention;
            this.jobs = jobs;
        }

        @Scheduled(fixedDelay = "${bredvid.recruiting.job.interval:6h}", initialDelay = "${bredvid.recruiting.job.initial-delay:5m}")
        void run() {
            jobs.run("recruiting-retention", () -> {
                int purged = retention.purgeNotTakenOn();
                if (purged > 0) {
                    LOG.info("recruiting: {} applications not taken on deleted", purged);
                }
            });
        }
    }
}
