package se.bredvid.platform;

import io.micronaut.http.HttpRequest;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which requests count as HTTPS for Strict-Transport-Security, and the header's value, per configuration. */
class HstsTest {

    private static SecurityHeadersFilter filter(boolean trustForwardedProto) {
        return new SecurityHeadersFilter(new HstsConfig(true, Duration.ofDays(365), false, trustForwardedProto));
    }

    @Test
    void aForwardedHttpsRequestCountsOnlyWhenTheProxyIsTrusted() {
        var forwarded = HttpRequest.GET("/").header("X-Forwarded-Proto", "HTTPS");
        assertTrue(filter(true).cameOverHttps(forwarded));
        assertFalse(filter(false).cameOverHttps(forwarded));
    }

    @Test
    void theClientsProtocolIsTheFirstInAForwardedList() {
        assertTrue(filter(true).cameOverHttps(HttpRequest.GET("/").header("X-Forwarded-Proto", "https,http")));
        assertFalse(filter(true).cameOverHttps(HttpRequest.GET("/").header("X-Forwarded-Proto", "http, https")));
        assertFalse(filter(true).cameOverHttps(HttpRequest.GET("/")));
    }

    @Test
    void theHeaderCarriesTheConfiguredAgeInSeconds() {
        assertEquals("max-age=31536000", new HstsConfig(true, Duration.ofDays(365), false, true).headerValue());
        assertEquals("max-age=600; includeSubDomains", new HstsConfig(true, Duration.ofMinutes(10), true, true).headerValue());
    }
}
