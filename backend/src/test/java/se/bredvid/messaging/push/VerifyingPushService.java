package se.bredvid.messaging.push;

import com.sun.net.httpserver.HttpServer;
import se.bredvid.protocol.Base64Url;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A push service stand-in on 127.0.0.1 that checks what a real one checks, and a browser's subscription:
 * the VAPID token (RFC 8292: ES256 under the {@code k=} key, audience = the endpoint's origin, not
 * expired) and the payload, decrypted as the browser would (RFC 8291). A push that fails either check is
 * answered 400 and recorded as not valid.
 */
public final class VerifyingPushService implements AutoCloseable {

    /** One push as received: its path, headers, whether it verified, the decrypted payload, when it came. */
    public record Push(String path, String urgency, String topic, boolean valid, String payload, long receivedNanos) {
    }

    private static final Pattern VAPID = Pattern.compile("vapid t=([A-Za-z0-9_.-]+), k=([A-Za-z0-9_-]+)");

    private final HttpServer server;
    private final BlockingQueue<Push> received = new LinkedBlockingQueue<>();
    private final byte[] uaPrivate;
    private final byte[] uaPublic;
    private final byte[] authSecret = new byte[16];
    private final byte[] vapidPublic;

    /** @param vapidPublicKey the installation's VAPID public key (base64url), as the browser subscribed with it */
    public VerifyingPushService(String vapidPublicKey) throws IOException, GeneralSecurityException {
        byte[][] pair = BrowserSide.newKeyPair();
        uaPrivate = pair[0];
        uaPublic = pair[1];
        new SecureRandom().nextBytes(authSecret);
        vapidPublic = Base64Url.decode("vapid", vapidPublicKey);
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            String payload = null;
            boolean valid = false;
            try {
                Matcher m = VAPID.matcher(String.valueOf(exchange.getRequestHeaders().getFirst("Authorization")));
                if (m.matches() && java.util.Arrays.equals(Base64Url.decode("k", m.group(2)), vapidPublic)
                        && BrowserSide.verifyJwt(m.group(1), vapidPublic) && claimsFit(m.group(1))
                        && "aes128gcm".equals(exchange.getRequestHeaders().getFirst("Content-Encoding"))) {
                    payload = new String(BrowserSide.decrypt(body, uaPrivate, uaPublic, authSecret), StandardCharsets.UTF_8);
                    valid = true;
                }
            } catch (GeneralSecurityException | RuntimeException e) {
                valid = false;
            }
            received.add(new Push(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Urgency"),
                    exchange.getRequestHeaders().getFirst("Topic"), valid, payload, System.nanoTime()));
            exchange.sendResponseHeaders(valid ? 201 : 400, -1);
            exchange.close();
        });
        server.start();
    }

    private boolean claimsFit(String jwt) {
        String claims = new String(java.util.Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        Matcher exp = Pattern.compile("\"exp\"\\s*:\\s*(\\d+)").matcher(claims);
        return claims.contains("\"aud\":\"" + origin() + "\"") && exp.find()
                && Long.parseLong(exp.group(1)) > System.currentTimeMillis() / 1000;
    }

    private String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public String endpoint(String path) {
        return origin() + path;
    }

    /** The body of {@code PUT /api/push/subscription} for this browser at {@code path}. */
    public Map<String, Object> subscription(String path) {
        return Map.of("endpoint", endpoint(path),
                "keys", Map.of("p256dh", Base64Url.encode(uaPublic), "auth", Base64Url.encode(authSecret)));
    }

    public Push next(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    /** The next push to {@code path} within the time; pushes to other subscriptions are passed over. */
    public Push nextTo(String path, long seconds) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        for (long left; (left = deadline - System.nanoTime()) > 0; ) {
            Push p = received.poll(left, TimeUnit.NANOSECONDS);
            if (p != null && p.path().equals(path)) {
                return p;
            }
        }
        return null;
    }

    public void clear() {
        received.clear();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
