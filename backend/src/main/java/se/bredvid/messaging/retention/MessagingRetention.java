package se.bredvid.messaging.retention;

import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.messaging.envelopes.EnvelopeService;
import se.bredvid.messaging.keys.KeyDirectory;

import java.time.Clock;
import java.time.Instant;
import se.bredvid.platform.Jobs;

/**
 * The scheduled deletion of messaging data: envelopes once their recipient acknowledged them (or their
 * conversation closed), any envelope after R, superseded public pre-keys after R + C, and closed
 * conversations after R. Idempotent, so every instance may run it.
 */
@Singleton
@Requires(property = "bredvid.messaging.retention.enabled", notEquals = "false")
public class MessagingRetention {

    private static final Logger LOG = LoggerFactory.getLogger(MessagingRetention.class);

    @Serdeable
    public record Report(int acknowledged, int expired, int ofClosedConversations, int preKeys, int conversations) {
    }

    private final EnvelopeService envelopes;
    private final KeyDirectory keys;
    private final ConversationDirectory conversations;
    private final RetentionConfig config;
    private final Clock clock;
    private final Jobs jobs;

    MessagingRetention(EnvelopeService envelopes, KeyDirectory keys, ConversationDirectory conversations,
                       RetentionConfig config, Clock clock, Jobs jobs) {
        this.envelopes = envelopes;
        this.keys = keys;
        this.conversations = conversations;
        this.config = config;
        this.clock = clock;
        this.jobs = jobs;
    }

    @Scheduled(fixedDelay = "${bredvid.messaging.retention.interval:10m}",
            initialDelay = "${bredvid.messaging.retention.initial-delay:2m}")
    void scheduled() {
        jobs.run("messaging-retention", () -> {
            Report r = run();
            LOG.info("messaging retention: {} acknowledged, {} expired, {} of closed conversations, {} pre-keys, "
                    + "{} conversations deleted", r.acknowledged(), r.expired(), r.ofClosedConversations(), r.preKeys(),
                    r.conversations());
        });
    }

    /** One run, now. */
    public Report run() {
        Instant now = clock.instant();
        Instant expired = now.minus(config.maxAge());
        var deleted = envelopes.deleteRetired(expired);
        int preKeys = keys.deleteSupersededBefore(expired.minus(config.bundleCache()));
        int closed = conversations.deleteClosedBefore(expired);
        return new Report(deleted.acknowledged(), deleted.expired(), deleted.ofClosedConversations(), preKeys, closed);
    }
}
