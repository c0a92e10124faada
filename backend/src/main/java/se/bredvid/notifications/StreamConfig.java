package se.bredvid.notifications;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * The desk's live worklist ({@code bredvid.notifications.stream.*}).
 *
 * @param poll   how often the tenant's change counter is read (one indexed row; works across instances)
 * @param ping   how often a quiet stream says it is alive
 * @param maxAge how long one stream lasts before the desk reconnects with a fresh token
 */
@ConfigurationProperties("bredvid.notifications.stream")
record StreamConfig(@Bindable(defaultValue = "1s") Duration poll,
                    @Bindable(defaultValue = "25s") Duration ping,
                    @Bindable(defaultValue = "5m") Duration maxAge) {
}
