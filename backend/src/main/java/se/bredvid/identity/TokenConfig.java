package se.bredvid.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Token lifetimes: access tokens of minutes; refresh tokens rotated on every use. {@code verifiedCacheSize}:
 * how many verified access tokens an instance remembers until they expire, so that a token's ES256
 * signature is checked once per instance rather than on every request (0 turns the memory off).
 */
@ConfigurationProperties("bredvid.tokens")
record TokenConfig(@Bindable(defaultValue = "5m") Duration accessTtl,
                   @Bindable(defaultValue = "12h") Duration staffSessionTtl,
                   @Bindable(defaultValue = "30d") Duration deviceSessionTtl,
                   @Bindable(defaultValue = "1s") Duration revocationPollInterval,
                   @Bindable(defaultValue = "100000") int verifiedCacheSize) {
}
