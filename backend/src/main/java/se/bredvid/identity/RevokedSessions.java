package se.bredvid.identity;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import se.bredvid.platform.AfterCommit;
import se.bredvid.platform.Jobs;

/**
 * The sessions revoked within the life of an access token. Every request's token is checked against this
 * in-memory set, so the check costs no database round trip on the event loop. A revocation made by this
 * instance applies at once; one made by another instance applies at the next poll (1 s by default). A revoked
 * device is announced ({@link DevicesRevoked}) on the same terms.
 */
@Singleton
class RevokedSessions {

    private final Map<UUID, Instant> revoked = new ConcurrentHashMap<>();
    private final SessionStore store;
    private final Clock clock;
    private final TokenConfig config;
    private final Jobs jobs;

    private final ApplicationEventPublisher<DevicesRevoked> devicesRevoked;
    private final AfterCommit afterCommit;

    RevokedSessions(SessionStore store, Clock clock, TokenConfig config, Jobs jobs,
                    ApplicationEventPublisher<DevicesRevoked> devicesRevoked, AfterCommit afterCommit) {
        this.store = store;
        this.afterCommit = afterCommit;
        this.devicesRevoked = devicesRevoked;
        this.clock = clock;
        this.config = config;
        this.jobs = jobs;
    }

    boolean isRevoked(UUID sessionId) {
        return revoked.containsKey(sessionId);
    }

    void add(UUID sessionId) {
        revoked.put(sessionId, clock.instant());
    }

    /**
     * These devices' sessions are revoked (already {@link #add added}): tell the other modules once the
     * revocation has committed, so that nobody reads the devices back as active after hearing it.
     */
    void devicesRevoked(Set<UUID> deviceIds) {
        if (!deviceIds.isEmpty()) {
            var event = new DevicesRevoked(Set.copyOf(deviceIds));
            afterCommit.run(() -> devicesRevoked.publishEvent(event));
        }
    }

    @Scheduled(fixedDelay = "${bredvid.tokens.revocation-poll-interval:1s}")
    @io.micronaut.transaction.annotation.Transactional(readOnly = true)
    void poll() {
        Instant horizon = clock.instant().minus(config.accessTtl()).minusSeconds(60);
        jobs.run("revoked-sessions", () -> {
            Set<UUID> devices = new HashSet<>();
            for (SessionStore.Revoked r : store.revokedSince(horizon)) {
                if (revoked.putIfAbsent(r.sessionId(), clock.instant()) == null && TokenService.DEVICE.equals(r.subjectKind())) {
                    devices.add(r.subjectId());
                }
            }
            devicesRevoked(devices);
            revoked.values().removeIf(at -> at.isBefore(horizon.minus(config.accessTtl())));
        });
    }
}
