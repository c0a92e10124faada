package se.bredvid.identity;

import io.micronaut.serde.annotation.Serdeable;

/** What a successful sign-in or refresh returns. The refresh token is shown once and stored only hashed. */
@Serdeable
public record TokenPair(String accessToken, String refreshToken, long expiresIn, String tokenType) {

    @Override
    public String toString() {
        return "TokenPair[REDACTED]";
    }
}
