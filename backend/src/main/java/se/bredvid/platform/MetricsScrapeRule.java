package se.bredvid.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpRequest;
import io.micronaut.security.authentication.Authentication;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.security.rules.SecurityRuleResult;
import jakarta.inject.Singleton;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Mono;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The Prometheus scrape endpoint ({@code /prometheus}) answers only to {@code Authorization: Bearer <scrape token>}
 * (bredvid.metrics.scrape-token or -file). Without a configured token it answers nobody. A static token and not
 * a staff sign-in: a scraper cannot do TOTP, and access tokens live minutes. It is on the service port, not a
 * separate management port, because Micronaut moves every management endpoint to that port together, health
 * included, and the load balancer and probes read health on the service port. The proxy in front may refuse
 * {@code /prometheus} from outside as well.
 */
@Singleton
final class MetricsScrapeRule implements SecurityRule<HttpRequest<?>> {

    /** @param scrapeToken the bearer token the scraper sends; at least 32 characters */
    @ConfigurationProperties("bredvid.metrics")
    record Config(@Nullable String scrapeToken, @Nullable String scrapeTokenFile) {
    }

    static final String PATH = "/prometheus";
    static final int MIN_LENGTH = 32;
    /** Before every framework rule, so that nothing else can allow the endpoint. */
    static final int ORDER = -400;

    private final byte[] expected;

    MetricsScrapeRule(Config config) {
        Secret token = read(config);
        this.expected = token == null ? null : sha256(token.value());
    }

    private static Secret read(Config config) {
        boolean inline = config.scrapeToken() != null && !config.scrapeToken().isBlank();
        boolean file = config.scrapeTokenFile() != null && !config.scrapeTokenFile().isBlank();
        if (inline && file) {
            throw new IllegalStateException("Set only one of BREDVID_METRICS_TOKEN and BREDVID_METRICS_TOKEN_FILE");
        }
        String value;
        if (file) {
            try {
                value = Files.readString(Path.of(config.scrapeTokenFile()), StandardCharsets.UTF_8).trim();
            } catch (IOException e) {
                throw new IllegalStateException("BREDVID_METRICS_TOKEN_FILE cannot be read: " + e.getClass().getSimpleName());
            }
        } else if (inline) {
            value = config.scrapeToken().trim();
        } else {
            return null;
        }
        if (value.length() < MIN_LENGTH || !value.matches("[\\x21-\\x7e]+")) {
            throw new IllegalStateException("BREDVID_METRICS_TOKEN must be at least " + MIN_LENGTH
                    + " printable characters without spaces (e.g. openssl rand -hex 32)");
        }
        return new Secret(value);
    }

    @Override
    public Publisher<SecurityRuleResult> check(@Nullable HttpRequest<?> request, @Nullable Authentication authentication) {
        if (request == null || !(request.getPath().equals(PATH) || request.getPath().startsWith(PATH + "/"))) {
            return Mono.just(SecurityRuleResult.UNKNOWN);
        }
        String header = request.getHeaders().getAuthorization().orElse("");
        boolean ok = expected != null && header.regionMatches(true, 0, "Bearer ", 0, 7)
                // Compared as hashes: constant time, whatever the length given.
                && MessageDigest.isEqual(expected, sha256(header.substring(7).trim()));
        return Mono.just(ok ? SecurityRuleResult.ALLOWED : SecurityRuleResult.REJECTED);
    }

    @Override
    public int getOrder() {
        return ORDER;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
