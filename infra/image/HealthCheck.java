import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The container's health check (compose `healthcheck`, a platform without HTTP probes): the image has no
 * shell, curl or wget, so this asks the instance's own health endpoint with the image's JVM.
 * Exit 0 when GET {@code http://127.0.0.1:$BREDVID_PORT/health/readiness} (or the URL given) answers 200.
 */
public final class HealthCheck {
    public static void main(String[] args) throws Exception {
        String port = System.getenv().getOrDefault("BREDVID_PORT", "8080");
        String url = args.length > 0 ? args[0] : "http://127.0.0.1:" + port + "/health/readiness";
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            HttpResponse<Void> r = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            System.exit(r.statusCode() == 200 ? 0 : 1);
        } catch (Exception e) {
            System.exit(1);
        }
    }
}
