package se.bredvid.identity;

import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import se.bredvid.platform.Jobs;

/**
 * The sessions revoked within the life of an access token. Every request's token is checked against this
 * in-memory set, so the check costs no database round trip on the event loop. A revocation made by this
 * instance applies at once; one made by another instance applies at the next poll (1 s by default).
 */
@Singleton
class RevokedSessions {

    private final Map<UUID, Instant> revoked = new ConcurrentHashMap<>();
    private final SessionStore store;
    private final Clock clock;
    private final TokenConfig config;
    private final Jobs jobs;

    RevokedSessions(SessionStore store, Clock clock, TokenConfig config, Jobs jobs) {
        this.store = store;
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

    @Scheduled(fixedDelay = "${bredvid.tokens.revocation-poll-interval:1s}")
    @io.micronaut.transaction.annotation.Transactional(readOnly = true)
    void poll() {
        Instant horizon = clock.instant().minus(config.accessTtl()).minusSeconds(60);
        jobs.run("revoked-sessions", () -> {
            for (UUID id : store.revokedSince(horizon)) {
                revoked.putIfAbsent(id, clock.instant());
            }
            revoked.values().removeIf(at -> at.isBefore(horizon.minus(config.accessTtl())));
        });
    }
}
