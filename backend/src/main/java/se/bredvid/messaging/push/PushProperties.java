package se.bredvid.messaging.push;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;

import java.util.List;

/**
 * @param allowedEndpointHosts host names (and their subdomains) of the push services the server will POST
 *                             to; empty or absent means {@link PushEndpointPolicy#DEFAULT_HOSTS}
 */
@ConfigurationProperties("bredvid.push")
public record PushProperties(@Nullable List<String> allowedEndpointHosts) {
}
