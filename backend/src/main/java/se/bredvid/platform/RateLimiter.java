package se.bredvid.platform;

import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpStatus;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Fixed-window counters per (limit, key). Every entry point that can be abused calls {@link #acquire};
 * exceeding a limit answers 429 problem+json with Retry-After. The whole limiter can be scaled by
 * {@code bredvid.rate-limits.factor} (load tests raise it; 0 disables nothing, it only scales).
 */
@Singleton
public class RateLimiter {

    private record Window(long start, int count) {
    }

    private final Map<String, Window> windows = new ConcurrentHashMap<>();
    private final Clock clock;
    private final double factor;

    RateLimiter(Clock clock, @Value("${bredvid.rate-limits.factor:1.0}") double factor) {
        this.clock = clock;
        this.factor = factor;
    }

    /** Takes one permit, or throws a 429 problem. {@code key} must not contain personal data in clear. */
    public void acquire(RateLimit limit, String key) {
        long now = clock.millis();
        long windowMillis = limit.window().toMillis();
        int permits = (int) Math.max(1, Math.round(limit.permits() * factor));
        String id = limit.name() + ':' + key;
        Window w = windows.compute(id, (k, old) -> old == null || now - old.start() >= windowMillis
                ? new Window(now, 1)
                : new Window(old.start(), old.count() + 1));
        if (w.count() > permits) {
            long retry = Math.max(1, (w.start() + windowMillis - now + 999) / 1000);
            throw new RateLimitedException(retry);
        }
        if (windows.size() > 100_000) {
            windows.entrySet().removeIf(e -> now - e.getValue().start() >= Duration.ofHours(1).toMillis());
        }
    }

    /** Thrown when a limit is exceeded; the handler adds Retry-After. */
    public static final class RateLimitedException extends ProblemException {
        private final long retryAfterSeconds;

        public RateLimitedException(long retryAfterSeconds) {
            super(HttpStatus.TOO_MANY_REQUESTS, "rate-limited", "Too many requests",
                    "Too many attempts. Try again in " + retryAfterSeconds + " seconds.");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
