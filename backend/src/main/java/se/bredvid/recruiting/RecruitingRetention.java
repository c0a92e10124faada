package se.bredvid.recruiting;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.audit.AuditLog;
import se.bredvid.platform.Gallring;

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
    private static final List<String> DEPENDENTS = List.of("supervision_attendance", "training_attendance",
            "training_cohort_member", "background_check", "volunteer_interview", "volunteer_transition");

    private final JdbcOperations jdbc;
    private final AuditLog audit;
    private final Clock clock;
    private final Duration notTakenOn;

    RecruitingRetention(JdbcOperations jdbc, AuditLog audit, Clock clock,
                        @Value("${bredvid.recruiting.retention.not-taken-on:180d}") Duration notTakenOn) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.clock = clock;
        this.notTakenOn = notTakenOn;
    }

    @Transactional
    public int purgeNotTakenOn() {
        List<UUID> ids = Gallring.claim(jdbc, "volunteer", "state in ('WITHDRAWN', 'NOT_SUITABLE') and state_since < ?",
                "state_since", clock.instant().minus(notTakenOn), BATCH);
        for (UUID id : ids) {
            for (String table : DEPENDENTS) {
                delete("delete from " + table + " where volunteer_id = ?", id);
            }
            delete("delete from volunteer where id = ?", id);
            audit.record(AuditLog.Actor.system(), "PURGE", "VOLUNTEER", id.toString());
        }
        return ids.size();
    }

    private void delete(String sql, UUID id) {
        jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, id);
            return ps.executeUpdate();
        });
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
