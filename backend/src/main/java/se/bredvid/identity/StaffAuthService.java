package se.bredvid.identity;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.platform.FieldCipher;
import se.bredvid.platform.RateLimit;
import se.bredvid.platform.RateLimiter;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.UUID;

/**
 * Staff sign-in: Argon2id password and a TOTP second factor, required for every staff role. A staff
 * member without TOTP gets a provisioning URI after a correct password and confirms it with a first code.
 * Repeated failures lock the typed name out with growing back-off, whether or not the account exists.
 */
@Singleton
class StaffAuthService {

    @Serdeable
    record LoginResult(String status, TokenPair tokens, String provisioningUri) {
        static LoginResult signedIn(TokenPair tokens) {
            return new LoginResult("SIGNED_IN", tokens, null);
        }

        static LoginResult enrolmentRequired(String uri) {
            return new LoginResult("TOTP_ENROLMENT_REQUIRED", null, uri);
        }
    }

    static final int FREE_FAILURES = 5;
    static final Duration MAX_LOCK = Duration.ofHours(1);

    private final StaffRepository staff;
    private final ThrottleRepository throttle;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final FieldCipher cipher;
    private final AuditLog audit;
    private final RateLimiter limiter;
    private final Clock clock;
    private final SecureRandom random;

    StaffAuthService(StaffRepository staff, ThrottleRepository throttle, PasswordHasher hasher, TokenService tokens,
                     FieldCipher cipher, AuditLog audit, RateLimiter limiter, Clock clock, SecureRandom random) {
        this.staff = staff;
        this.throttle = throttle;
        this.hasher = hasher;
        this.tokens = tokens;
        this.cipher = cipher;
        this.audit = audit;
        this.limiter = limiter;
        this.clock = clock;
        this.random = random;
    }

    @Transactional(noRollbackFor = se.bredvid.platform.ProblemException.class)
    LoginResult login(String username, String password, String totpCode) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        byte[] nameHash = TokenService.sha256("sign-in:" + name);
        limiter.acquire(RateLimit.SIGN_IN_GLOBAL, "all");
        limiter.acquire(RateLimit.SIGN_IN_PER_NAME, HexFormat.of().formatHex(nameHash, 0, 8));
        Instant now = clock.instant();
        throttle.lockedUntil(nameHash).filter(now::isBefore).ifPresent(until -> {
            throw new RateLimiter.RateLimitedException(Math.max(1, Duration.between(now, until).toSeconds()));
        });

        StaffAccount account = staff.findByUsername(name).orElse(null);
        if (account == null) {
            hasher.verifyDummy(password);
            throw failure(nameHash, now);
        }
        if (!hasher.verify(password, account.passwordHash()) || account.disabled()) {
            throw failure(nameHash, now);
        }
        if (!account.totpEnabled()) {
            // Correct password, no second factor yet: hand out (or repeat) the pending secret.
            byte[] secret = account.totpSecret() == null ? null : cipher.open(account.totpSecret(), totpContext(account.id()));
            if (secret == null) {
                secret = new byte[20];
                random.nextBytes(secret);
                staff.setTotpSecret(account.id(), cipher.seal(secret, totpContext(account.id())));
            }
            if (totpCode == null || totpCode.isBlank()) {
                return LoginResult.enrolmentRequired(Totp.provisioningUri("Bredvid", account.username(), secret));
            }
            OptionalLong step = Totp.verify(secret, totpCode, now, 0);
            if (step.isEmpty()) {
                throw failure(nameHash, now);
            }
            staff.enableTotp(account.id(), step.getAsLong());
            return signedIn(account, nameHash, "TOTP_ENROL");
        }
        byte[] secret = cipher.open(account.totpSecret(), totpContext(account.id()));
        OptionalLong step = Totp.verify(secret, totpCode, now, account.totpLastStep());
        // The conditional update makes a code single-use even against two concurrent sign-ins.
        if (step.isEmpty() || staff.advanceTotpStep(account.id(), step.getAsLong()) == 0) {
            throw failure(nameHash, now);
        }
        if (hasher.needsRehash(account.passwordHash())) {
            staff.setPasswordHash(account.id(), hasher.hash(password));
        }
        return signedIn(account, nameHash, "SIGN_IN");
    }

    private LoginResult signedIn(StaffAccount account, byte[] nameHash, String action) {
        throttle.clear(nameHash);
        TokenService.Subject subject = subjectOf(account);
        TokenPair pair = tokens.startSession(subject);
        audit.record(new AuditLog.Actor(AuditLog.ActorKind.STAFF, account.id(), account.role().name(),
                account.organisationId() != null ? AuditLog.TenantKind.ORGANISATION
                        : account.municipalityId() != null ? AuditLog.TenantKind.MUNICIPALITY : null,
                account.organisationId() != null ? account.organisationId() : account.municipalityId()),
                action, "STAFF_ACCOUNT", account.id().toString());
        return LoginResult.signedIn(pair);
    }

    private RuntimeException failure(byte[] nameHash, Instant now) {
        int failures = throttle.recordFailure(nameHash, now);
        if (failures >= FREE_FAILURES) {
            long minutes = 1L << Math.min(6, failures - FREE_FAILURES);
            Duration lock = Duration.ofMinutes(minutes).compareTo(MAX_LOCK) > 0 ? MAX_LOCK : Duration.ofMinutes(minutes);
            throttle.lock(nameHash, now.plus(lock));
        }
        return TokenService.unauthorized();
    }

    static TokenService.Subject subjectOf(StaffAccount account) {
        return new TokenService.Subject(Caller.Kind.STAFF, account.id(), account.role().name(),
                account.organisationId(), account.municipalityId(), null);
    }

    static String totpContext(UUID accountId) {
        return "staff_account.totp_secret:" + accountId;
    }
}
