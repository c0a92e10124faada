package se.bredvid.platform;

import io.micronaut.core.annotation.Order;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Browser security headers on every response: the PWA and the API alike, errors included.
 *
 * <p>Threat model 1 and 4: the PWA runs on a phone that others may look at and must load nothing from
 * anywhere else (no third-party script, font or beacon can reveal the client), send no Referer, and
 * never be framed. The CSP allows only same-origin scripts and styles, so the shell has no inline script
 * or style; geolocation is disabled outright ("no location, ever"); the camera stays available to this
 * origin for scanning a pairing QR code. API responses are never stored by a cache, since they carry
 * tokens and ciphertext.
 *
 * <p>A request that came over HTTPS (TLS to this server, or {@code X-Forwarded-Proto: https} from the proxy in
 * front when that is trusted) is answered with {@code Strict-Transport-Security} ({@link HstsConfig}).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
@Order(0)
final class SecurityHeadersFilter implements HttpServerFilter {

    static final String CONTENT_SECURITY_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self'",
            "style-src 'self'",
            "connect-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "form-action 'self'",
            "frame-ancestors 'none'");

    /**
     * The generated API documentation pages (Redoc, Swagger UI) carry inline bootstrap scripts and styles
     * and start web workers from blobs; they are developer pages served from this origin, not the app.
     */
    static final String API_DOCS_POLICY = String.join("; ",
            "default-src 'self'",
            "script-src 'self' 'unsafe-inline' blob:",
            "style-src 'self' 'unsafe-inline'",
            "worker-src 'self' blob:",
            "connect-src 'self'",
            "img-src 'self' data:",
            "object-src 'none'",
            "base-uri 'none'",
            "frame-ancestors 'none'");

    static final String PERMISSIONS_POLICY = String.join(", ",
            "geolocation=()", "microphone=()", "camera=(self)", "payment=()", "usb=()",
            "accelerometer=()", "gyroscope=()", "magnetometer=()", "browsing-topics=()");

    static final String HSTS = "Strict-Transport-Security";

    private final HstsConfig hsts;

    SecurityHeadersFilter(HstsConfig hsts) {
        this.hsts = hsts;
    }

    @Override
    public Publisher<MutableHttpResponse<?>> doFilter(HttpRequest<?> request, ServerFilterChain chain) {
        String path = request.getPath();
        boolean strictTransport = hsts.enabled() && cameOverHttps(request);
        return Flux.from(chain.proceed(request)).doOnNext(response -> {
            if (strictTransport) {
                response.header(HSTS, hsts.headerValue());
            }
            boolean apiDocs = path.startsWith("/redoc/") || path.startsWith("/swagger-ui/");
            response.header("Content-Security-Policy", apiDocs ? API_DOCS_POLICY : CONTENT_SECURITY_POLICY);
            response.header("Referrer-Policy", "no-referrer");
            response.header("X-Content-Type-Options", "nosniff");
            response.header("X-Frame-Options", "DENY");
            response.header("Permissions-Policy", PERMISSIONS_POLICY);
            response.header("Cross-Origin-Opener-Policy", "same-origin");
            response.header("Cross-Origin-Resource-Policy", "same-origin");
            if (path.startsWith("/api/")) {
                response.header(HttpHeaders.CACHE_CONTROL, "no-store");
            } else if (isShellEntry(path)) {
                if (path.endsWith(".webmanifest")) {
                    // Not in the server's MIME table; with nosniff the type must be right.
                    response.header(HttpHeaders.CONTENT_TYPE, "application/manifest+json");
                }
                // The start pages and the service worker must be revalidated, or an update never arrives.
                response.header(HttpHeaders.CACHE_CONTROL, "no-cache");
            }
        });
    }

    /** Over TLS to this server, or through a trusted proxy that says the client used HTTPS. */
    boolean cameOverHttps(HttpRequest<?> request) {
        if (request.isSecure()) {
            return true;
        }
        if (!hsts.trustForwardedProto()) {
            return false;
        }
        // With several proxies the header is a list; the first entry is the one the client reached.
        String forwarded = request.getHeaders().get("X-Forwarded-Proto");
        return forwarded != null && forwarded.split(",", 2)[0].trim().equalsIgnoreCase("https");
    }

    private static boolean isShellEntry(String path) {
        return path.equals("/") || path.equals("/index.html") || path.equals("/notes.html")
                || path.equals("/sw.js") || path.equals("/config.json") || path.endsWith(".webmanifest")
                // The staff desk has no service worker to version it: every file is revalidated.
                || path.startsWith("/desk/");
    }
}
