package se.bredvid.identity;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.platform.RateLimit;
import se.bredvid.platform.RateLimiter;
import se.bredvid.platform.RequestSource;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.OptionalLong;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Staff sign-in: Argon2id password and a TOTP second factor, required for every staff role. A staff
 * member without TOTP gets a provisioning URI after a correct password and confirms it with a first code.
 * Repeated failures lock the typed name out with growing back-off, whether or not the account exists, but
 * only for the source they came from ({@link SignInBackoff}): a stranger who keeps guessing a known name locks
 * out nobody but themselves. Every failure, and every locked attempt, gets the same answer whatever the cause.
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

    private final StaffRepository staff;
    private final SignInBackoff backoff;
    private final PasswordHasher hasher;
    private final TokenService tokens;
    private final TotpSecrets totpSecrets;
    private final AuditLog audit;
    private final RateLimiter limiter;
    private final Clock clock;
    private final SecureRandom random;
    private final MeterRegistry meters;
    private final OrganisationRepository organisations;
    private final MunicipalityRepository municipalities;

    StaffAuthService(StaffRepository staff, SignInBackoff backoff, PasswordHasher hasher, TokenService tokens,
                     TotpSecrets totpSecrets, AuditLog audit, RateLimiter limiter, Clock clock, SecureRandom random,
                     MeterRegistry meters, OrganisationRepository organisations, MunicipalityRepository municipalities) {
        this.organisations = organisations;
        this.municipalities = municipalities;
        this.meters = meters;
        this.staff = staff;
        this.backoff = backoff;
        this.hasher = hasher;
        this.tokens = tokens;
        this.totpSecrets = totpSecrets;
        this.audit = audit;
        this.limiter = limiter;
        this.clock = clock;
        this.random = random;
    }

    @Transactional(noRollbackFor = se.bredvid.platform.ProblemException.class)
    LoginResult login(String username, String password, String totpCode, RequestSource source) {
        String name = username.trim().toLowerCase(Locale.ROOT);
        SignInBackoff.Key signInKey = new SignInBackoff.Key(SignInBackoff.nameHash(name), source);
        limiter.acquire(RateLimit.SIGN_IN_GLOBAL, "all");
        limiter.acquire(RateLimit.SIGN_IN_PER_NAME_AND_SOURCE, signInKey.nameHash() + ':' + source.key());
        Instant now = clock.instant();
        backoff.lockedUntil(signInKey, now).ifPresent(until -> {
            refused("locked");
            throw new RateLimiter.RateLimitedException(Math.max(1, Duration.between(now, until).toSeconds()));
        });

        StaffAccount account = staff.findByUsername(name).orElse(null);
        if (account == null) {
            hasher.verifyDummy(password);
            throw failure(signInKey, now, "unknown-name");
        }
        if (!hasher.verify(password, account.passwordHash()) || account.disabled()) {
            throw failure(signInKey, now, account.disabled() ? "disabled" : "password");
        }
        if (!tenantActive(account)) {
            // The password was right: she is told why, so she asks her admin instead of retrying.
            refused("tenant-inactive");
            throw new se.bredvid.platform.ProblemException(io.micronaut.http.HttpStatus.FORBIDDEN, "tenant-inactive",
                    "Forbidden", "Your organisation or municipality is deactivated in Bredvid; ask your administrator.");
        }
        if (!account.totpEnabled()) {
            // Correct password, no second factor yet: hand out (or repeat) the pending secret.
            byte[] secret = totpSecrets.of(account);
            if (secret == null) {
                secret = new byte[20];
                random.nextBytes(secret);
                totpSecrets.setPending(account.id(), secret);
            }
            if (totpCode == null || totpCode.isBlank()) {
                return LoginResult.enrolmentRequired(Totp.provisioningUri("Bredvid", account.username(), secret));
            }
            OptionalLong step = Totp.verify(secret, totpCode, now, 0);
            if (step.isEmpty()) {
                throw failure(signInKey, now, "totp");
            }
            staff.enableTotp(account.id(), step.getAsLong());
            return signedIn(account, signInKey, "TOTP_ENROL");
        }
        byte[] secret = totpSecrets.of(account);
        OptionalLong step = Totp.verify(secret, totpCode, now, account.totpLastStep());
        // The conditional update makes a code single-use even against two concurrent sign-ins.
        if (step.isEmpty() || staff.advanceTotpStep(account.id(), step.getAsLong()) == 0) {
            throw failure(signInKey, now, "totp");
        }
        if (hasher.needsRehash(account.passwordHash())) {
            staff.setPasswordHash(account.id(), hasher.hash(password));
        }
        return signedIn(account, signInKey, "SIGN_IN");
    }

    private LoginResult signedIn(StaffAccount account, SignInBackoff.Key signInKey, String action) {
        backoff.clear(signInKey);
        TokenService.Subject subject = subjectOf(account);
        TokenPair pair = tokens.startSession(subject);
        audit.record(new AuditLog.Actor(AuditLog.ActorKind.STAFF, account.id(), account.role().name(),
                account.organisationId() != null ? AuditLog.TenantKind.ORGANISATION
                        : account.municipalityId() != null ? AuditLog.TenantKind.MUNICIPALITY : null,
                account.organisationId() != null ? account.organisationId() : account.municipalityId()),
                action, "STAFF_ACCOUNT", account.id().toString());
        return LoginResult.signedIn(pair);
    }

    private boolean tenantActive(StaffAccount account) {
        return (account.organisationId() == null || organisations.existsByIdAndActive(account.organisationId(), true))
                && (account.municipalityId() == null || municipalities.existsByIdAndActive(account.municipalityId(), true));
    }

    private RuntimeException failure(SignInBackoff.Key signInKey, Instant now, String reason) {
        backoff.recordFailure(signInKey, now);
        refused(reason);
        return TokenService.unauthorized();
    }

    /** Every refusal answers the same; the reason goes to a metric (a fixed set of names), never to the client. */
    private void refused(String reason) {
        meters.counter("bredvid.sign_in.refused", "reason", reason).increment();
    }

    static TokenService.Subject subjectOf(StaffAccount account) {
        return new TokenService.Subject(Caller.Kind.STAFF, account.id(), account.role().name(),
                account.organisationId(), account.municipalityId(), null);
    }
}
