package se.bredvid.identity;

import jakarta.inject.Singleton;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The access tokens this instance has verified, until they expire: a token's ES256 signature is checked
 * once per instance, not on every request (it was most of the server's CPU under load, issue 17). Keyed by
 * the SHA-256 of the whole compact token, so a changed header, claim or signature is a different key and is
 * verified afresh; only a successful verification is remembered, and never past the token's own expiry.
 * Everything else about a request's token (expiry, revoked sessions, roles) is still checked every time by
 * Micronaut's claims validators. Bounded: when full, expired entries go first, then everything (a cold
 * cache costs one verification per token, nothing else). Holds hashes only, never a token.
 */
@Singleton
class VerifiedTokens {

    private final ConcurrentHashMap<String, Instant> verified = new ConcurrentHashMap<>();
    private final int capacity;
    private final Clock clock;

    VerifiedTokens(TokenConfig config, Clock clock) {
        this.capacity = config.verifiedCacheSize();
        this.clock = clock;
    }

    /** True if this exact token was verified here and has not expired. */
    boolean known(String compactToken) {
        if (capacity <= 0) {
            return false;
        }
        Instant expires = verified.get(key(compactToken));
        return expires != null && clock.instant().isBefore(expires);
    }

    /** Remembers a token whose signature just verified, until {@code expiresAt}. */
    void remember(String compactToken, Instant expiresAt) {
        if (capacity <= 0 || expiresAt == null) {
            return;
        }
        Instant now = clock.instant();
        if (!now.isBefore(expiresAt)) {
            return;
        }
        if (verified.size() >= capacity) {
            verified.values().removeIf(e -> !now.isBefore(e));
            if (verified.size() >= capacity) {
                verified.clear();
            }
        }
        verified.put(key(compactToken), expiresAt);
    }

    int size() {
        return verified.size();
    }

    private static String key(String compactToken) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(compactToken.getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
