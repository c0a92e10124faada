package se.bredvid.identity;

import jakarta.inject.Singleton;
import se.bredvid.platform.RequestSource;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed staff sign-ins per (typed name, source), with a growing lock-out: {@link #FREE_FAILURES} free, then
 * 1, 2, 4 ... minutes up to {@link #MAX_LOCK}. Per source as well as per name, so that someone who knows a
 * username can lock out only their own attempts, never the real person signing in from elsewhere.
 *
 * <p>Kept in memory only, because the source is an address (threat model 4: never stored). So the lock-out
 * is per instance: behind a load balancer with n instances a guesser gets at most n times the attempts,
 * still bounded by the global sign-in limit and the TOTP second factor. A record is forgotten once it has
 * been quiet for {@link #FORGET_AFTER} and is not locked.
 */
@Singleton
class SignInBackoff {

    static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCK = Duration.ofHours(1);
    static final Duration FORGET_AFTER = Duration.ofHours(24);
    private static final int MAX_ENTRIES = 100_000;

    /** {@code nameHash} is a hash of the typed name, never the name itself. */
    record Key(String nameHash, RequestSource source) {
    }

    private record State(int failures, Instant lockedUntil, Instant lastFailure) {
    }

    private final Map<Key, State> states = new ConcurrentHashMap<>();

    Optional<Instant> lockedUntil(Key key, Instant now) {
        State s = states.get(key);
        return s == null || s.lockedUntil() == null || !now.isBefore(s.lockedUntil())
                ? Optional.empty() : Optional.of(s.lockedUntil());
    }

    /** Records a failure; from the {@link #FREE_FAILURES}th on, locks the key out for a growing time. */
    void recordFailure(Key key, Instant now) {
        states.compute(key, (k, old) -> {
            int failures = old == null || isForgotten(old, now) ? 1 : old.failures() + 1;
            Instant until = old == null ? null : old.lockedUntil();
            if (failures >= FREE_FAILURES) {
                long minutes = 1L << Math.min(6, failures - FREE_FAILURES);
                Duration lock = Duration.ofMinutes(minutes).compareTo(MAX_LOCK) > 0 ? MAX_LOCK : Duration.ofMinutes(minutes);
                until = now.plus(lock);
            }
            return new State(failures, until, now);
        });
        if (states.size() > MAX_ENTRIES) {
            states.entrySet().removeIf(e -> isForgotten(e.getValue(), now));
        }
    }

    void clear(Key key) {
        states.remove(key);
    }

    /** The hash a typed name is kept under (a staff account's username, trimmed and lower case). */
    static String nameHash(String name) {
        return java.util.HexFormat.of().formatHex(TokenService.sha256("sign-in:" + name), 0, 16);
    }

    /** An admin's unlock: forgets every failure and lock of that name, from every source. Answers how many. */
    int clearName(String nameHash) {
        int[] removed = {0};
        states.keySet().removeIf(k -> {
            boolean match = k.nameHash().equals(nameHash);
            if (match) {
                removed[0]++;
            }
            return match;
        });
        return removed[0];
    }

    private static boolean isForgotten(State s, Instant now) {
        boolean locked = s.lockedUntil() != null && now.isBefore(s.lockedUntil());
        return !locked && !now.isBefore(s.lastFailure().plus(FORGET_AFTER));
    }
}
