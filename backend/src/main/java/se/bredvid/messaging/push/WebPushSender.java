package se.bredvid.messaging.push;

import se.bredvid.platform.Published;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * Wakes a device through its browser's push service (RFC 8030) with the VAPID header (RFC 8292) and an
 * encrypted payload (RFC 8291).
 *
 * <p>Threat model 1 (the phone is seen by the family): the push carries no content and no sender — only the
 * constant {@link #WAKE}. The device wakes, syncs over the authenticated API and decides itself what, if
 * anything, to show. With {@code Topic: wake} a newer wake replaces one still queued at the push service.
 */
@Published
public class WebPushSender {

    /** The whole payload of every push. */
    public static final byte[] WAKE = "{\"t\":\"wake\"}".getBytes(StandardCharsets.US_ASCII);
    static final String TOPIC = "wake";
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(WebPushSender.class);

    /** RFC 8030 §5.3. {@code HIGH} is for escalations (NEED_HELP) that must reach a sleeping phone at once. */
    public enum Urgency {
        VERY_LOW("very-low"), LOW("low"), NORMAL("normal"), HIGH("high");

        private final String header;

        Urgency(String header) {
            this.header = header;
        }

        public String header() {
            return header;
        }
    }

    /** What the caller should do next with the subscription. */
    public enum Outcome {
        /** The push service took the message (201, or 200/202 from older services). */
        ACCEPTED,
        /** 404 or 410: the subscription has expired or was withdrawn; delete it. */
        GONE,
        /** 429, 5xx, a timeout or a network failure: try again later. */
        RETRY_LATER,
        /** Any other answer, or an endpoint the policy does not allow: retrying will not help. */
        REJECTED
    }

    private final HttpClient http;
    private final WebPushEncryption encryption;
    private final VapidSigner vapid;
    private final PushEndpointPolicy policy;
    private final Clock clock;

    /**
     * @param http a client that does not follow redirects: a redirect would take the encrypted payload and
     *             the VAPID token to a host the policy never approved
     */
    public WebPushSender(HttpClient http, WebPushEncryption encryption, VapidSigner vapid, PushEndpointPolicy policy,
                         Clock clock) {
        if (http.followRedirects() != HttpClient.Redirect.NEVER) {
            throw new IllegalArgumentException("the push HTTP client must not follow redirects");
        }
        this.http = http;
        this.encryption = encryption;
        this.vapid = vapid;
        this.policy = policy;
        this.clock = clock;
    }

    /**
     * Sends one wake-up. Never fails exceptionally: every problem is an {@link Outcome}.
     *
     * @param ttl how long the push service may hold the message for an offline device (RFC 8030 §5.2)
     */
    public CompletableFuture<Outcome> wake(PushSubscription subscription, Urgency urgency, Duration ttl) {
        if (!policy.allows(subscription.endpoint())) {
            LOG.warn("push not sent: endpoint host is not an allowed push service");
            return CompletableFuture.completedFuture(Outcome.REJECTED);
        }
        HttpRequest request = HttpRequest.newBuilder(subscription.endpoint())
                .timeout(REQUEST_TIMEOUT)
                .header("TTL", Long.toString(Math.max(0, ttl.toSeconds())))
                .header("Urgency", urgency.header())
                .header("Topic", TOPIC)
                .header("Content-Type", "application/octet-stream")
                .header("Content-Encoding", "aes128gcm")
                .header("Authorization", vapid.authorization(subscription.endpoint(), clock.instant()))
                .POST(HttpRequest.BodyPublishers.ofByteArray(encryption.encrypt(WAKE, subscription)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> outcome(response.statusCode()))
                .exceptionally(failure -> {
                    // The exception text may contain the endpoint URL; only its type is logged.
                    LOG.info("push not delivered to the push service: {}", rootCause(failure).getClass().getSimpleName());
                    return Outcome.RETRY_LATER;
                });
    }

    /** Blocking form of {@link #wake}, for callers already on a blocking thread. */
    public Outcome wakeAndWait(PushSubscription subscription, Urgency urgency, Duration ttl) {
        return wake(subscription, urgency, ttl).join();
    }

    static Outcome outcome(int status) {
        Outcome outcome;
        if (status == 200 || status == 201 || status == 202) {
            outcome = Outcome.ACCEPTED;
        } else if (status == 404 || status == 410) {
            outcome = Outcome.GONE;
        } else if (status == 429 || status >= 500) {
            outcome = Outcome.RETRY_LATER;
        } else {
            outcome = Outcome.REJECTED;
        }
        if (outcome != Outcome.ACCEPTED) {
            LOG.info("push service answered {}: {}", status, outcome);
        }
        return outcome;
    }

    private static Throwable rootCause(Throwable t) {
        Throwable cause = t;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }
}
