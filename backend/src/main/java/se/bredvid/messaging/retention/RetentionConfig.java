package se.bredvid.messaging.retention;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * Gallring of messaging data (ARCHITECTURE.md, "Bad input, faults, and data"; protocol §8, §9).
 *
 * @param maxAge      R: the longest an envelope is kept, delivered or not; also how long a closed
 *                    conversation (who talked to whom) is remembered
 * @param bundleCache C: how long a sender may cache a peer's key bundle; superseded public pre-keys are
 *                    kept for R + C so that recipients can authenticate every envelope still stored
 */
@ConfigurationProperties("bredvid.messaging.retention")
public record RetentionConfig(@Bindable(defaultValue = "30d") Duration maxAge,
                              @Bindable(defaultValue = "24h") Duration bundleCache) {
}
