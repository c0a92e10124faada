package se.bredvid.platform;

import io.micronaut.core.type.Argument;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.PostgresBacked;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest
class SecurityHeadersFilterIT implements PostgresBacked {

    private static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; connect-src 'self'; "
            + "img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

    @Inject
    @Client("/")
    HttpClient http;

    private static void assertBrowserHeaders(HttpResponse<?> response) {
        assertEquals(CSP, response.header("Content-Security-Policy"));
        assertEquals("no-referrer", response.header("Referrer-Policy"));
        assertEquals("nosniff", response.header("X-Content-Type-Options"));
        assertEquals("DENY", response.header("X-Frame-Options"));
        String permissions = response.header("Permissions-Policy");
        assertTrue(permissions.contains("geolocation=()"), permissions);
        assertTrue(permissions.contains("microphone=()"), permissions);
    }

    @Test
    void theShellIsServedWithTheStrictPolicyAndMustBeRevalidated() {
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET("/"), String.class);
        assertEquals(HttpStatus.OK, response.getStatus());
        assertBrowserHeaders(response);
        assertEquals("no-cache", response.header("Cache-Control"));
    }

    @Test
    void theCspAllowsNoInlineScriptOrThirdPartyOrigin() {
        String csp = http.toBlocking().exchange(HttpRequest.GET("/"), String.class).header("Content-Security-Policy");
        assertFalse(csp.contains("unsafe-inline") || csp.contains("unsafe-eval") || csp.contains("http"), csp);
        assertTrue(csp.contains("frame-ancestors 'none'"), csp);
    }

    @Test
    void theApiDocumentationIsServedLocallyAndOnlyItAllowsInlineBootstrapScripts() {
        HttpResponse<String> docs = http.toBlocking().exchange(HttpRequest.GET("/redoc/index.html"), String.class);
        assertTrue(docs.body().contains("/swagger/bredvid-api.yml"), docs.body());
        assertFalse(docs.body().contains("https://"), "no third-party script");
        assertTrue(docs.header("Content-Security-Policy").contains("'unsafe-inline'"));
        String spec = http.toBlocking().retrieve("/swagger/bredvid-api.yml");
        assertTrue(spec.contains("/api/auth/login"), spec.substring(0, Math.min(300, spec.length())));
        assertFalse(http.toBlocking().exchange(HttpRequest.GET("/"), String.class)
                .header("Content-Security-Policy").contains("unsafe-inline"));
    }

    /** An address in a page that a browser would fetch by itself: a script or image source, a CSS url or import. */
    private static final Pattern LOADED_URL = Pattern.compile(
            "(?:src\\s*[:=]\\s*[\"'`]|url\\(\\s*[\"']?|@import\\s+[\"'])(https?:)?//[^\"'`)\\s]+");
    private static final Pattern ANY_URL = Pattern.compile("(https?:)?//[A-Za-z0-9.-]+\\.[A-Za-z]{2,}[^\"'`)\\s<]*");
    private static final Pattern LOCAL_RESOURCE = Pattern.compile("\"(/(?:redoc|swagger-ui)/res/[^\"]+)\"");

    private static String firstMatch(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? m.group() : null;
    }

    @Test
    void theApiDocumentationPagesLoadNothingFromAThirdParty() {
        for (String page : new String[] {"/redoc/index.html", "/swagger-ui/index.html"}) {
            String html = http.toBlocking().retrieve(page);
            assertEquals(null, firstMatch(ANY_URL, html), page);
            Matcher resource = LOCAL_RESOURCE.matcher(html);
            int resources = 0;
            while (resource.find()) {
                resources++;
                String body = http.toBlocking().retrieve(resource.group(1));
                assertEquals(null, firstMatch(LOADED_URL, body), resource.group(1));
            }
            assertTrue(resources > 0, page + " loads its scripts from this server");
        }
        // Swagger UI's default validator badge is an image from validator.swagger.io.
        assertTrue(http.toBlocking().retrieve("/swagger-ui/index.html").contains("validatorUrl: null"));
    }

    @Test
    void aPlainHttpRequestGetsNoStrictTransportSecurity() {
        assertEquals(null, http.toBlocking().exchange(HttpRequest.GET("/"), String.class).header("Strict-Transport-Security"));
        assertEquals(null, http.toBlocking().exchange(HttpRequest.GET("/").header("X-Forwarded-Proto", "http"), String.class)
                .header("Strict-Transport-Security"));
    }

    @Test
    void aRequestForwardedFromHttpsGetsStrictTransportSecurityErrorsIncluded() {
        HttpResponse<String> page = http.toBlocking().exchange(HttpRequest.GET("/").header("X-Forwarded-Proto", "https"), String.class);
        assertEquals("max-age=31536000", page.header("Strict-Transport-Security"));
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class, () -> http.toBlocking().exchange(
                HttpRequest.GET("/api/no-such-thing").header("X-Forwarded-Proto", "https, http"), Argument.STRING, Argument.STRING));
        assertEquals("max-age=31536000", e.getResponse().header("Strict-Transport-Security"));
    }

    @Test
    void theServiceWorkerScriptMustBeRevalidated() {
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET("/sw.js"), String.class);
        assertBrowserHeaders(response);
        assertEquals("no-cache", response.header("Cache-Control"));
    }

    @Test
    void theManifestsAreServedAsManifests() {
        for (String manifest : new String[] {"/app.webmanifest", "/notes.webmanifest"}) {
            HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET(manifest), String.class);
            assertEquals("application/manifest+json", response.header("Content-Type"), manifest);
        }
    }

    @Test
    void healthAnswersCarryTheHeadersToo() {
        assertBrowserHeaders(http.toBlocking().exchange(HttpRequest.GET("/health"), String.class));
    }

    @Test
    void anApiErrorCarriesTheHeadersAndIsNeverCached() {
        HttpClientResponseException e = assertThrows(HttpClientResponseException.class,
                () -> http.toBlocking().exchange(HttpRequest.GET("/api/no-such-thing"), Argument.STRING, Argument.STRING));
        assertTrue(e.getStatus().getCode() >= 400 && e.getStatus().getCode() < 500, e.getStatus().toString());
        assertBrowserHeaders(e.getResponse());
        assertEquals("no-store", e.getResponse().header("Cache-Control"));
    }
}
