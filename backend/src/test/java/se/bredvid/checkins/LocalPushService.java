package se.bredvid.checkins;

import com.sun.net.httpserver.HttpServer;
import se.bredvid.protocol.Base64Url;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A push service stand-in on 127.0.0.1 (tests never reach a real push service) and a browser's keys. */
final class LocalPushService implements AutoCloseable {

    record Push(String path, String urgency, String topic, int bodyLength) {
    }

    private final HttpServer server;
    private final BlockingQueue<Push> received = new LinkedBlockingQueue<>();

    LocalPushService() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (InputStream in = exchange.getRequestBody()) {
                received.add(new Push(exchange.getRequestURI().getPath(), exchange.getRequestHeaders().getFirst("Urgency"),
                        exchange.getRequestHeaders().getFirst("Topic"), in.readAllBytes().length));
            }
            exchange.sendResponseHeaders(201, -1);
            exchange.close();
        });
        server.start();
    }

    String endpoint(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    Push next(long seconds) throws InterruptedException {
        return received.poll(seconds, TimeUnit.SECONDS);
    }

    /** The p256dh of a fresh browser key (65-byte uncompressed P-256 point), base64url. */
    static String browserKey() throws GeneralSecurityException {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        ECPublicKey pub = (ECPublicKey) g.generateKeyPair().getPublic();
        byte[] out = new byte[65];
        out[0] = 4;
        byte[] x = fixed(pub.getW().getAffineX().toByteArray());
        byte[] y = fixed(pub.getW().getAffineY().toByteArray());
        System.arraycopy(x, 0, out, 1, 32);
        System.arraycopy(y, 0, out, 33, 32);
        return Base64Url.encode(out);
    }

    private static byte[] fixed(byte[] v) {
        byte[] out = new byte[32];
        int n = Math.min(32, v.length);
        System.arraycopy(v, v.length - n, out, 32 - n, n);
        return out;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
