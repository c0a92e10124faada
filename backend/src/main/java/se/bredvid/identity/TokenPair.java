package se.bredvid.identity;

import se.bredvid.platform.Redacted;
import io.micronaut.serde.annotation.Serdeable;

/** What a successful sign-in or refresh returns. The refresh token is shown once and stored only hashed. */
@Serdeable
public record TokenPair(String accessToken, String refreshToken, long expiresIn, String tokenType) {

    @Override
    public String toString() {
        return Redacted.of(this);
    }
}
