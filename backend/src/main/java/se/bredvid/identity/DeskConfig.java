package se.bredvid.identity;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.bind.annotation.Bindable;

import java.time.Duration;
import java.util.List;

/**
 * The staff desk's session ({@code bredvid.desk.*}).
 *
 * @param idleTimeout    the desk signs its user out after this long without keyboard or pointer use
 * @param allowedOrigins origins (scheme://host[:port]) besides the request's own host that may use the desk's
 *                       cookie endpoints, for a proxy in front that rewrites the Host header; empty by default
 */
@ConfigurationProperties("bredvid.desk")
record DeskConfig(@Bindable(defaultValue = "15m") Duration idleTimeout,
                  @Bindable(defaultValue = "") List<String> allowedOrigins) {
}
