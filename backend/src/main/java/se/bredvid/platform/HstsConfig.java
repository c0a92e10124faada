package se.bredvid.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;

/**
 * HTTP Strict Transport Security (RFC 6797): once a browser has reached Bredvid over HTTPS it refuses plain
 * HTTP to it for {@code maxAge}, so nobody on the client's network can strip TLS (threat model 4 and 6).
 *
 * @param enabled             send the header on responses to requests that came over HTTPS (on by default)
 * @param maxAge              how long the browser remembers it (whole seconds in the header)
 * @param includeSubdomains   add {@code includeSubDomains}: only when every subdomain is served over HTTPS
 * @param trustForwardedProto count {@code X-Forwarded-Proto: https} from the TLS-terminating proxy in front as
 *                            HTTPS. On by default: the usual deployment terminates TLS at a proxy, and a forged
 *                            header gains nothing, since browsers ignore the header on a plain HTTP answer
 *                            (RFC 6797 §8.1). Requests over TLS to Bredvid itself always count.
 */
@ConfigurationProperties("bredvid.security.hsts")
public record HstsConfig(@Bindable(defaultValue = "true") boolean enabled,
                         @Bindable(defaultValue = "365d") Duration maxAge,
                         @Bindable(defaultValue = "false") boolean includeSubdomains,
                         @Bindable(defaultValue = "true") boolean trustForwardedProto) {

    /** The header's value. */
    String headerValue() {
        return "max-age=" + maxAge.toSeconds() + (includeSubdomains ? "; includeSubDomains" : "");
    }
}
