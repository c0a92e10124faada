package se.bredvid.messaging.live;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * @param authTimeout     a socket that has not authenticated by then is closed
 * @param recheckInterval how often every socket's token is checked again for expiry and revocation
 * @param ackFlushInterval acknowledgements received over sockets are written together at this pace
 */
@ConfigurationProperties("bredvid.messaging.live")
public record LiveConfig(@Bindable(defaultValue = "10s") Duration authTimeout,
                         @Bindable(defaultValue = "1s") Duration recheckInterval,
                         @Bindable(defaultValue = "100ms") Duration ackFlushInterval) {
}
