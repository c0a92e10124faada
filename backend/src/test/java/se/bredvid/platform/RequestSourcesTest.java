package se.bredvid.platform;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RequestSourcesTest {

    private static RequestSources trusting(String... ranges) {
        return new RequestSources(new RequestSources.ProxyConfig(List.of(ranges)), new SecureRandom());
    }

    private static InetAddress ip(String s) {
        return RequestSources.literal(s);
    }

    @Test
    void withoutTrustedProxiesTheHeaderIsNeverRead() {
        var sources = trusting();
        assertEquals(ip("203.0.113.9"), sources.clientAddress(ip("203.0.113.9"), List.of("198.51.100.1")));
    }

    @Test
    void anUntrustedPeerCannotNameAnotherSource() {
        var sources = trusting("10.0.0.0/8");
        assertEquals(ip("203.0.113.9"), sources.clientAddress(ip("203.0.113.9"), List.of("198.51.100.1")));
    }

    @Test
    void behindATrustedProxyTheAddressItAppendedCountsNotWhatTheClientWrote() {
        var sources = trusting("10.0.0.0/8");
        // The client sent "X-Forwarded-For: 1.2.3.4"; the proxy appended the address it saw.
        assertEquals(ip("203.0.113.9"), sources.clientAddress(ip("10.1.2.3"), List.of("1.2.3.4, 203.0.113.9")));
        // Two proxies of ours in a row.
        assertEquals(ip("203.0.113.9"), sources.clientAddress(ip("10.1.2.3"), List.of("1.2.3.4, 203.0.113.9", "10.9.9.9")));
        // No header: the proxy itself.
        assertEquals(ip("10.1.2.3"), sources.clientAddress(ip("10.1.2.3"), List.of()));
    }

    @Test
    void aHostNameIsNeverLookedUp() {
        assertNull(RequestSources.literal("example.org"));
        assertNull(RequestSources.literal("localhost"));
        var sources = trusting("10.0.0.0/8");
        assertEquals(ip("10.1.2.3"), sources.clientAddress(ip("10.1.2.3"), List.of("evil.example")));
    }

    @Test
    void portsAndBracketsAreUnderstood() {
        assertEquals(ip("203.0.113.9"), RequestSources.literal("203.0.113.9:51234"));
        assertEquals(ip("2001:db8::1"), RequestSources.literal("[2001:db8::1]:443"));
    }

    @Test
    void oneIpv6SubscriberIsOneSourceWhicheverAddressOfTheir64TheyUse() {
        var sources = trusting("::1/128");
        var a = sources.of(new FakeRequest(ip("::1"), "2001:db8:1:2::a"));
        var b = sources.of(new FakeRequest(ip("::1"), "2001:db8:1:2:ffff::b"));
        var c = sources.of(new FakeRequest(ip("::1"), "2001:db8:1:3::a"));
        assertEquals(a, b);
        assertTrue(!a.equals(c));
        assertTrue(!a.toString().contains("2001"), "the source names no address");
        assertTrue(!a.key().contains("2001"));
    }

    @Test
    void aRangeThatIsNoRangeStopsTheStart() {
        assertThrows(IllegalStateException.class, () -> trusting("proxy.internal"));
        assertThrows(IllegalStateException.class, () -> trusting("10.0.0.0/33"));
    }

    @Test
    void cidrRangesMatchByPrefix() {
        var range = RequestSources.Cidr.parse("172.16.0.0/12");
        assertTrue(range.contains(ip("172.31.255.255")));
        assertTrue(!range.contains(ip("172.32.0.1")));
        assertTrue(!range.contains(ip("::1")));
    }

    /** Just enough of a request: the peer and the X-Forwarded-For header. */
    private static final class FakeRequest extends io.micronaut.http.simple.SimpleHttpRequest<Object> {
        private final InetAddress peer;

        FakeRequest(InetAddress peer, String forwardedFor) {
            super(io.micronaut.http.HttpMethod.GET, "/", null);
            this.peer = peer;
            getHeaders().add("X-Forwarded-For", forwardedFor);
        }

        @Override
        public java.net.InetSocketAddress getRemoteAddress() {
            return new java.net.InetSocketAddress(peer, 40000);
        }
    }
}
