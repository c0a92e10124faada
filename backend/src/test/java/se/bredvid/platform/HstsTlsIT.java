package se.bredvid.platform;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.PostgresBacked;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Bredvid serving TLS itself (a certificate made by openssl here): every answer carries
 * Strict-Transport-Security, even with forwarded headers distrusted.
 */
@MicronautTest
class HstsTlsIT implements PostgresBacked {

    @Inject
    EmbeddedServer server;

    @Inject
    @Client("/")
    HttpClient http;

    @Override
    public Map<String, String> extraProperties() {
        Path keyStore = selfSignedKeyStore();
        Map<String, String> p = new HashMap<>();
        p.put("micronaut.server.ssl.enabled", "true");
        p.put("micronaut.server.ssl.port", "-1");
        p.put("micronaut.server.ssl.key-store.path", "file:" + keyStore);
        p.put("micronaut.server.ssl.key-store.type", "PKCS12");
        p.put("micronaut.server.ssl.key-store.password", "test-only");
        p.put("micronaut.http.client.ssl.insecure-trust-all-certificates", "true");
        p.put("bredvid.security.hsts.trust-forwarded-proto", "false");
        return p;
    }

    private static Path selfSignedKeyStore() {
        try {
            Path dir = Files.createTempDirectory("hsts-tls");
            dir.toFile().deleteOnExit();
            run(dir, "openssl", "req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:P-256", "-nodes",
                    "-keyout", "key.pem", "-out", "cert.pem", "-days", "1", "-subj", "/CN=localhost");
            run(dir, "openssl", "pkcs12", "-export", "-inkey", "key.pem", "-in", "cert.pem", "-out", "server.p12",
                    "-passout", "pass:test-only");
            return dir.resolve("server.p12");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void run(Path dir, String... command) throws IOException {
        Process p = new ProcessBuilder(List.of(command)).directory(dir.toFile()).redirectErrorStream(true).start();
        try {
            p.getInputStream().readAllBytes();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("failed: " + String.join(" ", command));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void anAnswerOverTlsCarriesStrictTransportSecurity() {
        assertEquals("https", server.getScheme());
        HttpResponse<String> response = http.toBlocking().exchange(HttpRequest.GET("/health"), String.class);
        assertEquals("max-age=31536000", response.header("Strict-Transport-Security"));
    }
}
