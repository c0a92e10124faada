package se.bredvid.identity;

import io.micronaut.http.HttpRequest;
import io.micronaut.security.token.Claims;
import io.micronaut.security.token.jwt.validator.GenericJwtClaimsValidator;
import jakarta.inject.Singleton;

import java.util.UUID;

/** An access token whose session was revoked (logout, admin, device revoked, reuse detected) is refused. */
@Singleton
final class SessionClaimsValidator implements GenericJwtClaimsValidator<HttpRequest<?>> {

    private final RevokedSessions revoked;

    SessionClaimsValidator(RevokedSessions revoked) {
        this.revoked = revoked;
    }

    @Override
    public boolean validate(Claims claims, HttpRequest<?> request) {
        Object sid = claims.get(Caller.CLAIM_SESSION);
        if (sid == null) {
            return false;
        }
        try {
            return !revoked.isRevoked(UUID.fromString(sid.toString()));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
