package se.bredvid.messaging.notify;

import jakarta.inject.Singleton;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.ByteBuffer;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BiConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.Map;

/**
 * Wake-ups across instances through PostgreSQL LISTEN/NOTIFY (ARCHITECTURE.md, "Shape of the system").
 *
 * <p>Two dedicated connections, outside the pool: one only LISTENs, one only NOTIFYs. A notification
 * names devices (16-byte ids, base64url) and nothing else — no conversation, no sender, no content.
 * NOTIFY is sent from its own tiny autocommit statement, never inside the transaction that stored the
 * envelopes: in PostgreSQL 15 a transaction that notifies holds a database-wide lock from its commit
 * until the notification is queued, which would serialise every envelope write. Signals raised within
 * one tick are coalesced into one NOTIFY per kind (split only when the 8000-byte payload limit requires).
 *
 * <p>The bus is best effort by design: the rows are the truth. When the listening connection is lost,
 * notifications may be missed, so after every (re)connect every local socket looks again.
 */
@Singleton
public class PostgresSignalBus {

    private static final Logger LOG = LoggerFactory.getLogger(PostgresSignalBus.class);
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();
    private static final int ID_CHARS = 22;
    /** PostgreSQL's payload limit is 8000 bytes; this leaves room for the header. */
    private static final int IDS_PER_NOTIFY = 350;

    private final NotifyConfig config;
    private final String url;
    private final Properties connectionProperties = new Properties();
    private final String instanceId;
    private final Set<UUID> pendingEnvelopes = ConcurrentHashMap.newKeySet();
    private final Set<UUID> pendingClosed = ConcurrentHashMap.newKeySet();
    private final Semaphore work = new Semaphore(0);
    private volatile boolean running = true;
    private volatile BiConsumer<DeviceSignals.Kind, Set<UUID>> receiver = (k, ids) -> { };
    private volatile Runnable resync = () -> { };
    private final Thread notifier;
    private final Thread listener;
    private volatile Connection listenConnection;
    private volatile Connection notifyConnection;
    /**
     * NOTIFY lag, measured on our own signals: every instance LISTENs on the channel it NOTIFYs on, so the time
     * from sending a payload to receiving it back is the lag through PostgreSQL that other instances see too,
     * on one clock (nanoTime) and at no cost beyond a map entry per payload in flight.
     */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();
    private final Timer lag;

    PostgresSignalBus(NotifyConfig config, SecureRandom random,
                      @Value("${datasources.default.url}") String url,
                      @Value("${datasources.default.username:}") String username,
                      @Value("${datasources.default.password:}") String password,
                      MeterRegistry meters) {
        this.lag = Timer.builder("bredvid.notify.lag")
                .description("Time from NOTIFY to its arrival at a LISTENing instance (measured on this instance's own signals)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofSeconds(10))
                .register(meters);
        this.config = config;
        this.url = url;
        connectionProperties.setProperty("user", username);
        connectionProperties.setProperty("password", password);
        connectionProperties.setProperty("ApplicationName", "bredvid-signals");
        connectionProperties.setProperty("tcpKeepAlive", "true");
        byte[] id = new byte[8];
        random.nextBytes(id);
        this.instanceId = B64.encodeToString(id);
        if (config.enabled()) {
            notifier = daemon("signals-notify", this::notifyLoop);
            listener = daemon("signals-listen", this::listenLoop);
        } else {
            notifier = null;
            listener = null;
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(body, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    void onReceive(BiConsumer<DeviceSignals.Kind, Set<UUID>> receiver, Runnable resync) {
        this.receiver = receiver;
        this.resync = resync;
    }

    /** Queues a signal for the other instances; returns at once. */
    void send(DeviceSignals.Kind kind, Set<UUID> deviceIds) {
        if (!config.enabled()) {
            return;
        }
        (kind == DeviceSignals.Kind.ENVELOPES ? pendingEnvelopes : pendingClosed).addAll(deviceIds);
        work.release();
    }

    private void notifyLoop() {
        long backoffMillis = 100;
        while (running) {
            try {
                work.acquire();
                work.drainPermits();
                List<String> payloads = new ArrayList<>();
                Set<UUID> closed = drain(pendingClosed);
                Set<UUID> envelopes = drain(pendingEnvelopes);
                payloads.addAll(payloads('c', closed));
                payloads.addAll(payloads('e', envelopes));
                try {
                    sendAll(payloads);
                    backoffMillis = 100;
                } catch (SQLException e) {
                    // Keep the signals for the next attempt; the database may be restarting.
                    pendingClosed.addAll(closed);
                    pendingEnvelopes.addAll(envelopes);
                    closeQuietly(notifyConnection);
                    notifyConnection = null;
                    LOG.warn("NOTIFY failed ({}); retrying in {} ms", e.getClass().getSimpleName(), backoffMillis);
                    Thread.sleep(backoffMillis);
                    backoffMillis = Math.min(5_000, backoffMillis * 2);
                    work.release();
                    continue;
                }
                LockSupport.parkNanos(config.tick().toNanos());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void sendAll(List<String> payloads) throws SQLException {
        if (payloads.isEmpty()) {
            return;
        }
        if (notifyConnection == null) {
            Connection c = connect();
            // A NOTIFY is a transaction of its own, and its commit would wait for a WAL flush like an envelope's:
            // one more fsync per tick beside the envelope commits (issue 17 measured a third of the socket rate).
            // A signal need not survive a crash (the rows are the truth, and a restarted instance looks again),
            // so its commit does not wait for the flush; it is delivered to the listeners at commit all the same.
            try (Statement st = c.createStatement()) {
                st.execute("set synchronous_commit = off");
            }
            notifyConnection = c;
        }
        try (PreparedStatement ps = notifyConnection.prepareStatement("select pg_notify(?, ?)")) {
            for (String payload : payloads) {
                ps.setString(1, config.channel());
                ps.setString(2, payload);
                if (inFlight.size() > 10_000) {
                    inFlight.clear();  // lost while not listening: never let the map grow
                }
                inFlight.put(payload, System.nanoTime());
                ps.executeQuery().close();
            }
        }
    }

    private void listenLoop() {
        long backoffMillis = 100;
        boolean reconnect = false;
        while (running) {
            try {
                if (listenConnection == null) {
                    Connection c = connect();
                    try (Statement st = c.createStatement()) {
                        st.execute("LISTEN " + config.channel());
                    }
                    listenConnection = c;
                    backoffMillis = 100;
                    if (reconnect) {
                        // Whatever was announced while not listening is caught up by looking again.
                        resync.run();
                    }
                    reconnect = true;
                }
                PGNotification[] notifications = listenConnection.unwrap(PGConnection.class).getNotifications(500);
                if (notifications != null) {
                    for (PGNotification n : notifications) {
                        receive(n.getParameter());
                    }
                }
            } catch (SQLException e) {
                closeQuietly(listenConnection);
                listenConnection = null;
                if (!running) {
                    return;
                }
                LOG.warn("LISTEN connection lost ({}); reconnecting in {} ms", e.getClass().getSimpleName(), backoffMillis);
                try {
                    Thread.sleep(backoffMillis);
                } catch (InterruptedException ie) {
                    return;
                }
                backoffMillis = Math.min(5_000, backoffMillis * 2);
            } catch (RuntimeException e) {
                LOG.error("Signal listener failed", e);
            }
        }
    }

    private void receive(String payload) {
        if (payload != null && payload.startsWith(instanceId)) {
            Long sent = inFlight.remove(payload);
            if (sent != null) {
                lag.record(System.nanoTime() - sent, TimeUnit.NANOSECONDS);
            }
            return;  // our own signal: this instance delivered it locally already
        }
        if (payload == null || payload.length() < instanceId.length() + 1) {
            return;
        }
        char kind = payload.charAt(instanceId.length());
        String ids = payload.substring(instanceId.length() + 1);
        if (ids.length() % ID_CHARS != 0 || (kind != 'e' && kind != 'c')) {
            return;
        }
        Set<UUID> devices = new HashSet<>();
        for (int i = 0; i < ids.length(); i += ID_CHARS) {
            try {
                ByteBuffer b = ByteBuffer.wrap(B64D.decode(ids.substring(i, i + ID_CHARS)));
                devices.add(new UUID(b.getLong(), b.getLong()));
            } catch (IllegalArgumentException | java.nio.BufferUnderflowException e) {
                return;
            }
        }
        receiver.accept(kind == 'e' ? DeviceSignals.Kind.ENVELOPES : DeviceSignals.Kind.CLOSED, devices);
    }

    private List<String> payloads(char kind, Set<UUID> ids) {
        List<String> out = new ArrayList<>();
        StringBuilder sb = null;
        int n = 0;
        for (UUID id : ids) {
            if (sb == null) {
                sb = new StringBuilder(instanceId).append(kind);
            }
            sb.append(B64.encodeToString(ByteBuffer.allocate(16)
                    .putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits()).array()));
            if (++n == IDS_PER_NOTIFY) {
                out.add(sb.toString());
                sb = null;
                n = 0;
            }
        }
        if (sb != null) {
            out.add(sb.toString());
        }
        return out;
    }

    private static Set<UUID> drain(Set<UUID> pending) {
        Set<UUID> out = new HashSet<>();
        for (var it = pending.iterator(); it.hasNext(); ) {
            out.add(it.next());
            it.remove();
        }
        return out;
    }

    private Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(url, connectionProperties);
        c.setAutoCommit(true);
        return c;
    }

    @PreDestroy
    void stop() throws InterruptedException {
        running = false;
        if (notifier != null) {
            notifier.interrupt();
            listener.interrupt();
            notifier.join(TimeUnit.SECONDS.toMillis(2));
            listener.join(TimeUnit.SECONDS.toMillis(2));
        }
        closeQuietly(listenConnection);
        closeQuietly(notifyConnection);
    }

    private static void closeQuietly(Connection c) {
        if (c != null) {
            try {
                c.close();
            } catch (SQLException ignored) {
                // closing a broken connection
            }
        }
    }
}
