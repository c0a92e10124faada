package se.bredvid.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/** Token lifetimes: access tokens of minutes; refresh tokens rotated on every use. */
@ConfigurationProperties("bredvid.tokens")
record TokenConfig(@Bindable(defaultValue = "5m") Duration accessTtl,
                   @Bindable(defaultValue = "12h") Duration staffSessionTtl,
                   @Bindable(defaultValue = "30d") Duration deviceSessionTtl,
                   @Bindable(defaultValue = "1s") Duration revocationPollInterval) {
}
