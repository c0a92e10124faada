package se.bredvid.messaging.notify;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param enabled whether wake-ups go to other instances through PostgreSQL LISTEN/NOTIFY (a single
 *                instance may turn it off; the benchmark measures both)
 * @param tick    the coalescing window: at most one NOTIFY per kind per tick and instance, because every
 *                notifying commit takes a database-wide lock in PostgreSQL 15
 * @param channel the LISTEN/NOTIFY channel shared by all instances of an installation
 */
@ConfigurationProperties("bredvid.messaging.notify")
public record NotifyConfig(@Bindable(defaultValue = "true") boolean enabled,
                           @Bindable(defaultValue = "5ms") Duration tick,
                           @Bindable(defaultValue = "bredvid_devices") String channel) {
}
