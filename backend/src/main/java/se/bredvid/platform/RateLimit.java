package se.bredvid.platform;

import java.time.Duration;

/**
 * Every rate limit of Bredvid, with its default. Limits are per instance (in memory); where a limit must
 * hold across instances the service also keeps a count in PostgreSQL (sign-in lock-out, pairing code
 * attempts). Keys never contain a client address: where a limit is per sender, the key is the opaque,
 * in-memory {@link RequestSource} (a keyed hash under a per-process key), never the address itself.
 */
public enum RateLimit {
    /**
     * Password sign-in attempts for one account name from one source. Per source too, so that nobody who
     * knows a name can use up its attempts for everyone else.
     */
    SIGN_IN_PER_NAME_AND_SOURCE(10, Duration.ofMinutes(1)),
    /** Password sign-in attempts in total: bounds credential stuffing. */
    SIGN_IN_GLOBAL(300, Duration.ofMinutes(1)),
    /** Pairing code redemptions for one code value. */
    PAIRING_PER_CODE(5, Duration.ofMinutes(10)),
    /** Pairing code redemptions in total: with 75-bit codes this makes guessing hopeless. */
    PAIRING_GLOBAL(120, Duration.ofMinutes(1)),
    /** Sign-in challenges for one device. */
    CHALLENGE_PER_DEVICE(30, Duration.ofMinutes(1)),
    /** Sign-in challenges in total. */
    CHALLENGE_GLOBAL(6000, Duration.ofMinutes(1)),
    /** Public volunteer applications from one source, to any organisation (spam). */
    APPLICATION_PER_SOURCE(10, Duration.ofMinutes(10)),
    /**
     * Public volunteer applications to one organisation, from all sources: a flood against one organisation's
     * form leaves every other organisation's form open.
     */
    APPLICATION_PER_ORGANISATION(60, Duration.ofMinutes(10));

    private final int permits;
    private final Duration window;

    RateLimit(int permits, Duration window) {
        this.permits = permits;
        this.window = window;
    }

    public int permits() {
        return permits;
    }

    public Duration window() {
        return window;
    }
}
