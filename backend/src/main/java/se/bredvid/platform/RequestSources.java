package se.bredvid.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.http.HttpRequest;
import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Tells senders apart for rate limits and back-off without remembering who they are (threat model 4).
 *
 * <p>The source is the address of the TCP peer. Only when that peer is a configured trusted proxy
 * ({@code bredvid.security.proxy.trusted}, addresses or CIDR ranges) is {@code X-Forwarded-For} read, from the
 * right: the first address that is not itself a trusted proxy is the client the proxy saw. Entries to its left
 * were written by the client and are ignored, so a client cannot pick a fresh source per request by sending the
 * header itself. Without trusted proxies the header is never read.
 *
 * <p>IPv6 clients are keyed by their /64 network: one subscriber usually holds a whole /64 and could otherwise
 * rotate through it. The key is an HMAC under a random key made at start-up, so it cannot be turned back into
 * an address, does not survive a restart, and means nothing on another instance. It is never stored or logged.
 */
@Singleton
public class RequestSources {

    /** @param trusted addresses or CIDR ranges of the reverse proxies in front, e.g. {@code 10.0.0.0/8} */
    @ConfigurationProperties("bredvid.security.proxy")
    public record ProxyConfig(List<String> trusted) {
    }

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(?:\\.\\d{1,3}){3}");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*");
    private static final String UNKNOWN = "unknown";

    private final List<Cidr> trusted;
    private final SecretKeySpec key;

    public RequestSources(ProxyConfig config, SecureRandom random) {
        List<Cidr> ranges = new ArrayList<>();
        if (config.trusted() != null) {
            for (String entry : config.trusted()) {
                for (String part : entry.split(",")) {
                    if (!part.isBlank()) {
                        ranges.add(Cidr.parse(part.trim()));
                    }
                }
            }
        }
        this.trusted = List.copyOf(ranges);
        byte[] secret = new byte[32];
        random.nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The request's source. */
    public RequestSource of(HttpRequest<?> request) {
        InetSocketAddress remote = request.getRemoteAddress();
        InetAddress peer = remote == null ? null : remote.getAddress();
        return new RequestSource(keyOf(clientAddress(peer, request.getHeaders().getAll("X-Forwarded-For"))));
    }

    /** The client's address as this server can trust it: the peer, or what a trusted proxy says it saw. */
    InetAddress clientAddress(InetAddress peer, List<String> forwardedFor) {
        if (peer == null || !isTrusted(peer) || forwardedFor.isEmpty()) {
            return peer;
        }
        List<String> hops = new ArrayList<>();
        for (String value : forwardedFor) {
            for (String hop : value.split(",")) {
                hops.add(hop.trim());
            }
        }
        InetAddress client = peer;
        for (int i = hops.size() - 1; i >= 0; i--) {
            InetAddress hop = literal(hops.get(i));
            if (hop == null) {
                // Written by a trusted proxy yet not an address: trust nothing further left.
                return client;
            }
            client = hop;
            if (!isTrusted(hop)) {
                return hop;
            }
        }
        return client;
    }

    private boolean isTrusted(InetAddress address) {
        for (Cidr range : trusted) {
            if (range.contains(address)) {
                return true;
            }
        }
        return false;
    }

    private String keyOf(InetAddress address) {
        byte[] bytes;
        if (address == null) {
            bytes = UNKNOWN.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        } else if (address instanceof Inet4Address) {
            bytes = address.getAddress();
        } else {
            bytes = Arrays.copyOf(address.getAddress(), 8);
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(bytes), 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }

    /** An IP literal (never a host name: no DNS lookup), with an optional port or brackets; else null. */
    static InetAddress literal(String text) {
        String s = text.trim();
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            s = end < 0 ? "" : s.substring(1, end);
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':') && s.indexOf('.') > 0) {
            s = s.substring(0, s.indexOf(':'));
        }
        if (!IPV4.matcher(s).matches() && !IPV6.matcher(s).matches()) {
            return null;
        }
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address range: {@code 10.0.0.0/8}, {@code fd00::/8}, or a single address. */
    record Cidr(byte[] network, int bits) {

        static Cidr parse(String text) {
            int slash = text.indexOf('/');
            InetAddress address = literal(slash < 0 ? text : text.substring(0, slash));
            if (address == null) {
                throw new IllegalStateException("bredvid.security.proxy.trusted (BREDVID_TRUSTED_PROXIES): '"
                        + text + "' is not an IP address or CIDR range");
            }
            int max = address.getAddress().length * 8;
            int bits;
            try {
                bits = slash < 0 ? max : Integer.parseInt(text.substring(slash + 1));
            } catch (NumberFormatException e) {
                bits = -1;
            }
            if (bits < 0 || bits > max) {
                throw new IllegalStateException("bredvid.security.proxy.trusted (BREDVID_TRUSTED_PROXIES): '"
                        + text + "' has no valid prefix length");
            }
            return new Cidr(address.getAddress(), bits);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                return false;
            }
            int full = bits / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
