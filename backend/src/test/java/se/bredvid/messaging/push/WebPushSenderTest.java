package se.bredvid.messaging.push;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import se.bredvid.protocol.Base64Url;
import se.bredvid.messaging.push.WebPushSender.Outcome;
import se.bredvid.messaging.push.WebPushSender.Urgency;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The sender against a push service stand-in: a JDK HttpServer on 127.0.0.1, never a real push service. */
class WebPushSenderTest {

    private static final Instant NOW = Instant.parse("2026-01-01T00:00:00Z");

    private record Received(String method, String path, Headers headers, byte[] body) {
    }

    private final BlockingQueue<Received> received = new LinkedBlockingQueue<>();
    private final AtomicInteger status = new AtomicInteger(201);
    private HttpServer pushService;
    private byte[][] browser;
    private byte[] auth;
    private WebPushSender sender;

    @BeforeEach
    void start() throws IOException, GeneralSecurityException {
        pushService = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        pushService.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Received(exchange.getRequestMethod(), exchange.getRequestURI().getPath(),
                        exchange.getRequestHeaders(), in.readAllBytes()));
            }
            int code = status.get();
            if (code == 301) {
                exchange.getResponseHeaders().add("Location", "http://127.0.0.1:" + port() + "/elsewhere");
            }
            exchange.sendResponseHeaders(code, -1);
            exchange.close();
        });
        pushService.start();
        browser = BrowserSide.newKeyPair();
        auth = new SecureRandom().generateSeed(16);
        sender = newSender(List.of("127.0.0.1"));
    }

    @AfterEach
    void stop() {
        pushService.stop(0);
    }

    @Test
    void aWakeIsPostedWithThePushHeaders() throws Exception {
        assertEquals(Outcome.ACCEPTED, sender.wake(subscription(), Urgency.HIGH, Duration.ofHours(1)).get(5, TimeUnit.SECONDS));
        Received request = next();
        assertEquals("POST", request.method());
        assertEquals("/push/device-1", request.path());
        assertEquals("3600", request.headers().getFirst("TTL"));
        assertEquals("high", request.headers().getFirst("Urgency"));
        assertEquals("wake", request.headers().getFirst("Topic"));
        assertEquals("aes128gcm", request.headers().getFirst("Content-Encoding"));
        assertEquals("application/octet-stream", request.headers().getFirst("Content-Type"));
    }

    @Test
    void thePayloadIsTheFixedWakeAndOnlyTheBrowserCanReadIt() throws Exception {
        sender.wake(subscription(), Urgency.NORMAL, Duration.ofMinutes(5)).get(5, TimeUnit.SECONDS);
        byte[] body = next().body();
        assertArrayEquals("{\"t\":\"wake\"}".getBytes(StandardCharsets.US_ASCII),
                BrowserSide.decrypt(body, browser[0], browser[1], auth));
        byte[][] someoneElse = BrowserSide.newKeyPair();
        assertThrows(GeneralSecurityException.class, () -> BrowserSide.decrypt(body, someoneElse[0], someoneElse[1], auth));
    }

    @Test
    void theVapidTokenIsForThePushServicesOriginAndVerifies() throws Exception {
        sender.wake(subscription(), Urgency.NORMAL, Duration.ofMinutes(5)).get(5, TimeUnit.SECONDS);
        String authorization = next().headers().getFirst("Authorization");
        assertTrue(authorization.startsWith("vapid t="), authorization);
        String jwt = authorization.substring("vapid t=".length(), authorization.indexOf(", k="));
        String k = authorization.substring(authorization.indexOf(", k=") + ", k=".length());
        assertEquals(Rfc8291.AS_PUBLIC, k);
        assertTrue(BrowserSide.verifyJwt(jwt, Base64Url.decode("k", k)));
        String claims = new String(Base64Url.decode("jwt", jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        assertTrue(claims.contains("\"aud\":\"http://127.0.0.1:" + port() + "\""), claims);
    }

    @ParameterizedTest
    @CsvSource({"201,ACCEPTED", "202,ACCEPTED", "404,GONE", "410,GONE", "429,RETRY_LATER", "500,RETRY_LATER",
            "503,RETRY_LATER", "400,REJECTED", "403,REJECTED", "413,REJECTED"})
    void thePushServicesAnswerBecomesAnOutcome(int code, Outcome expected) throws Exception {
        status.set(code);
        assertEquals(expected, sender.wake(subscription(), Urgency.LOW, Duration.ZERO).get(5, TimeUnit.SECONDS));
    }

    @Test
    void aRedirectIsNotFollowed() throws Exception {
        status.set(301);
        assertEquals(Outcome.REJECTED, sender.wake(subscription(), Urgency.LOW, Duration.ZERO).get(5, TimeUnit.SECONDS));
        assertEquals("/push/device-1", next().path());
        assertNull(received.poll(), "the redirect target must not be contacted");
    }

    @Test
    void anEndpointOutsideThePolicyIsNeverContacted() throws Exception {
        WebPushSender strict = newSender(List.of("fcm.googleapis.com"));
        assertEquals(Outcome.REJECTED, strict.wake(subscription(), Urgency.HIGH, Duration.ZERO).get(5, TimeUnit.SECONDS));
        assertNull(received.poll());
    }

    @Test
    void anUnreachablePushServiceMeansRetryLater() throws Exception {
        PushSubscription gone = subscription();
        pushService.stop(0);
        assertEquals(Outcome.RETRY_LATER, sender.wake(gone, Urgency.NORMAL, Duration.ZERO).get(15, TimeUnit.SECONDS));
    }

    @Test
    void aClientThatFollowsRedirectsIsRefused() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        assertThrows(IllegalArgumentException.class, () -> new WebPushSender(following,
                new WebPushEncryption(new SecureRandom()), VapidSigner.fromProperties(VapidSignerTest.PROPERTIES),
                new PushEndpointPolicy(null), Clock.systemUTC()));
    }

    private WebPushSender newSender(List<String> allowedHosts) {
        HttpClient http = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(2)).build();
        return new WebPushSender(http, new WebPushEncryption(new SecureRandom()),
                VapidSigner.fromProperties(VapidSignerTest.PROPERTIES), new PushEndpointPolicy(allowedHosts),
                Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private PushSubscription subscription() {
        return new PushSubscription(URI.create("http://127.0.0.1:" + port() + "/push/device-1"), browser[1], auth);
    }

    private int port() {
        return pushService.getAddress().getPort();
    }

    private Received next() throws InterruptedException {
        Received request = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(request, "the push service received nothing");
        return request;
    }
}
