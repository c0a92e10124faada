package se.bredvid.messaging.push;

import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import jakarta.inject.Singleton;

import java.net.http.HttpClient;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;

/**
 * Web Push exists only where VAPID keys are configured; without them there is no {@link WebPushSender}
 * bean and callers (which inject it as optional) simply do not push.
 */
@Factory
@Requires(property = "bredvid.push.vapid.private-key")
class WebPushFactory {

    /** Eager: keys that do not belong together stop the start, not the first NEED_HELP push. */
    @Context
    VapidSigner vapidSigner(VapidProperties properties) {
        return VapidSigner.fromProperties(properties);
    }

    @Singleton
    WebPushSender webPushSender(VapidSigner vapid, PushEndpointPolicy policy, SecureRandom random, Clock clock) {
        HttpClient http = HttpClient.newBuilder()
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
        return new WebPushSender(http, new WebPushEncryption(random), vapid, policy, clock);
    }

    @Singleton
    PushEndpointPolicy pushEndpointPolicy(PushProperties properties) {
        return new PushEndpointPolicy(properties.allowedEndpointHosts());
    }
}
