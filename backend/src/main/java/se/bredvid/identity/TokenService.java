package se.bredvid.identity;

import io.micronaut.http.HttpStatus;
import io.micronaut.security.token.jwt.generator.JwtTokenGenerator;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.platform.ProblemException;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Issues access tokens (ES256 JWT, minutes) and refresh tokens (random, stored hashed, rotated on every
 * use). Presenting a refresh token that was already used revokes its whole session: either the token was
 * stolen or the legitimate holder's copy was, and both must sign in again (OAuth 2.0 Security BCP §4.14).
 */
@Singleton
public class TokenService {

    static final String STAFF = "STAFF";
    static final String DEVICE = "DEVICE";

    /** The claims of an access token, without the timing fields. */
    record Subject(Caller.Kind kind, UUID id, String role, UUID organisationId, UUID municipalityId, UUID subjectId) {
    }

    /** Resolves the current claims of a subject at refresh time (it may have been disabled or revoked). */
    interface SubjectLookup {
        Subject current(String subjectKind, UUID subjectId);
    }

    private final JwtTokenGenerator jwt;
    private final SessionStore sessions;
    private final RevokedSessions revoked;
    private final TokenConfig config;
    private final Clock clock;
    private final SecureRandom random;

    TokenService(JwtTokenGenerator jwt, SessionStore sessions, RevokedSessions revoked, TokenConfig config,
                 Clock clock, SecureRandom random) {
        this.jwt = jwt;
        this.sessions = sessions;
        this.revoked = revoked;
        this.config = config;
        this.clock = clock;
        this.random = random;
    }

    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    TokenPair startSession(Subject subject) {
        Instant now = clock.instant();
        UUID sessionId = UUID.randomUUID();
        Duration ttl = subject.kind() == Caller.Kind.STAFF ? config.staffSessionTtl() : config.deviceSessionTtl();
        Instant expiresAt = now.plus(ttl);
        sessions.createSession(sessionId, subject.kind().name(), subject.id(), now, expiresAt);
        return issue(subject, sessionId, now, expiresAt);
    }

    @Transactional(noRollbackFor = ProblemException.class)
    TokenPair refresh(String refreshToken, SubjectLookup lookup) {
        if (refreshToken == null || refreshToken.length() > 200) {
            throw unauthorized();
        }
        byte[] hash = sha256(refreshToken);
        Instant now = clock.instant();
        var row = sessions.findRefreshForUpdate(hash).orElseThrow(TokenService::unauthorized);
        if (row.usedAt() != null) {
            if (sessions.revokeSession(row.sessionId(), "REUSE_DETECTED", now)) {
                revoked.add(row.sessionId());
            }
            throw unauthorized();
        }
        if (row.sessionRevokedAt() != null || !row.expiresAt().isAfter(now) || !row.sessionExpiresAt().isAfter(now)) {
            throw unauthorized();
        }
        sessions.markUsed(hash, now);
        Subject subject = lookup.current(row.subjectKind(), row.subjectId());
        if (subject == null) {
            sessions.revokeSession(row.sessionId(), "ACCOUNT_DISABLED", now);
            revoked.add(row.sessionId());
            throw unauthorized();
        }
        return issue(subject, row.sessionId(), now, row.sessionExpiresAt());
    }

    @Transactional
    void revokeSession(UUID sessionId, String reason) {
        if (sessions.revokeSession(sessionId, reason, clock.instant())) {
            revoked.add(sessionId);
        }
    }

    @Transactional(propagation = io.micronaut.transaction.TransactionDefinition.Propagation.MANDATORY)
    void revokeAllOf(String subjectKind, UUID subjectId, String reason) {
        List<UUID> ids = sessions.revokeSubject(subjectKind, subjectId, reason, clock.instant());
        ids.forEach(revoked::add);
        if (DEVICE.equals(subjectKind)) {
            revoked.devicesRevoked(Set.of(subjectId));
        }
    }

    private TokenPair issue(Subject subject, UUID sessionId, Instant now, Instant sessionExpiresAt) {
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        String refresh = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        sessions.addRefreshToken(sha256(refresh), sessionId, now, sessionExpiresAt);

        Map<String, Object> claims = new HashMap<>();
        claims.put("sub", subject.id().toString());
        claims.put("iss", "bredvid");
        claims.put("iat", now.getEpochSecond());
        claims.put("exp", now.plus(config.accessTtl()).getEpochSecond());
        claims.put("roles", List.of(subject.role()));
        claims.put(Caller.CLAIM_KIND, subject.kind().name());
        claims.put(Caller.CLAIM_SESSION, sessionId.toString());
        if (subject.organisationId() != null) {
            claims.put(Caller.CLAIM_ORG, subject.organisationId().toString());
        }
        if (subject.municipalityId() != null) {
            claims.put(Caller.CLAIM_MUNICIPALITY, subject.municipalityId().toString());
        }
        if (subject.subjectId() != null) {
            claims.put(Caller.CLAIM_SUBJECT, subject.subjectId().toString());
        }
        String access = jwt.generateToken(claims).orElseThrow(() -> new IllegalStateException("token signing failed"));
        return new TokenPair(access, refresh, config.accessTtl().toSeconds(), "Bearer");
    }

    static ProblemException unauthorized() {
        // One answer for every authentication failure; the reason is not told to the caller.
        return new ProblemException(HttpStatus.UNAUTHORIZED, "unauthorized", "Unauthorized",
                "The credentials are not valid.");
    }

    static byte[] sha256(String value) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
