package se.bredvid.messaging.push;

import se.bredvid.protocol.InvalidCryptoInputException;

import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Which subscription endpoints the server may call. The endpoint comes from a client, so without this a
 * device could make the server POST into its own network (SSRF); the browsers' push services are few and
 * known. Plain http is allowed only for a loopback host that is listed explicitly (a local test push
 * server), never by default.
 */
public final class PushEndpointPolicy {

    public static final List<String> DEFAULT_HOSTS = List.of(
            "fcm.googleapis.com",          // Chrome, Edge on Android, most Chromium browsers
            "push.services.mozilla.com",   // Firefox (updates.push.services.mozilla.com)
            "push.apple.com",              // Safari (web.push.apple.com)
            "notify.windows.com");         // Edge on Windows (*.notify.windows.com)

    private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "[::1]", "localhost");

    private final List<String> allowedHosts;

    public PushEndpointPolicy(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts == null || allowedHosts.isEmpty()
                ? DEFAULT_HOSTS
                : allowedHosts.stream().map(h -> h.trim().toLowerCase(Locale.ROOT)).toList();
    }

    public boolean allows(URI endpoint) {
        String host = endpoint.getHost();
        String scheme = endpoint.getScheme();
        if (host == null || scheme == null || endpoint.getRawUserInfo() != null) {
            return false;
        }
        host = host.toLowerCase(Locale.ROOT);
        boolean listed = false;
        for (String allowed : allowedHosts) {
            if (host.equals(allowed) || host.endsWith("." + allowed)) {
                listed = true;
                break;
            }
        }
        if (!listed) {
            return false;
        }
        return "https".equalsIgnoreCase(scheme) || ("http".equalsIgnoreCase(scheme) && LOOPBACK.contains(host));
    }

    /** For the subscription endpoint of the API: refuse at registration what would never be sent to. */
    public PushSubscription requireAllowed(PushSubscription subscription) {
        if (!allows(subscription.endpoint())) {
            throw new InvalidCryptoInputException("endpoint", "is not a known push service");
        }
        return subscription;
    }
}
