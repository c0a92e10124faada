package se.bredvid.messaging.envelopes;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.messaging.notify.DeviceSignals;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Commits concurrent sends together (group commit). A send waits in a queue; each of a few writer threads
 * takes every send waiting when it becomes free (up to {@code groupSize}) and stores them in one statement,
 * one round trip and one commit ({@link EnvelopeStore#storeAll}). A send is answered only after that commit,
 * so an acknowledged envelope is durable exactly as before; a failed statement fails every send of its group
 * and stores none of them.
 *
 * <p>There is no batching window: an idle writer takes a lone send at once, so a quiet server adds no
 * latency. Under load, sends gather while the writers are busy, and one commit (one WAL flush) serves many.
 */
@Singleton
class EnvelopeWriter {

    private static final Logger LOG = LoggerFactory.getLogger(EnvelopeWriter.class);

    private record Pending(EnvelopeStore.Send send, CompletableFuture<Map<EnvelopeStore.Key, Long>> answer) {
    }

    private final EnvelopeStore store;
    private final DeviceSignals signals;
    private final Clock clock;
    private final EnvelopeConfig config;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private final DistributionSummary groupSizes;
    private volatile boolean stopping;
    /** When this instance last recorded each conversation's activity. */
    private final Map<UUID, Instant> activityRecorded = new ConcurrentHashMap<>();
    static final Duration ACTIVITY_EVERY = Duration.ofMinutes(10);

    EnvelopeWriter(EnvelopeStore store, DeviceSignals signals, Clock clock, EnvelopeConfig config, MeterRegistry meters) {
        this.store = store;
        this.signals = signals;
        this.clock = clock;
        this.config = config;
        this.queue = new ArrayBlockingQueue<>(config.queueCapacity());
        this.groupSizes = DistributionSummary.builder("bredvid.envelopes.group.sends")
                .description("Sends stored by one statement and one commit (group commit)")
                .register(meters);
        for (int i = 0; i < config.writers(); i++) {
            Thread t = new Thread(this::writeLoop, "envelope-writer-" + i);
            t.setDaemon(true);
            writers.add(t);
            t.start();
        }
    }

    /**
     * Stores one send with whatever sends wait beside it, and returns once they have committed.
     *
     * @return the sequence of each envelope, or {@code null} if the conversation refused the send (closed, or
     *         not the sender's): nothing of it was stored
     * @throws ProblemException 503 when the queue is full or the server is stopping
     */
    Map<EnvelopeStore.Key, Long> write(EnvelopeStore.Send send) {
        var pending = new Pending(send, new CompletableFuture<>());
        if (stopping || !queue.offer(pending)) {
            throw unavailable();
        }
        try {
            return pending.answer().get(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException e) {
                throw e;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (TimeoutException slow) {
            // Whether it was stored is unknown; the device sends again with the same message id, which the
            // server stores once (protocol §7), as after a lost answer.
            throw unavailable();
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    private void writeLoop() {
        List<Pending> group = new ArrayList<>(config.groupSize());
        while (!stopping) {
            try {
                group.add(queue.take());
            } catch (InterruptedException e) {
                break;
            }
            queue.drainTo(group, config.groupSize() - 1);
            try {
                writeGroup(group);
            } catch (RuntimeException unexpected) {
                // Never lose a writer thread; a send not answered yet is answered 503 (it retries).
                LOG.warn("envelope writer: {}", unexpected.getClass().getSimpleName());
                group.forEach(p -> p.answer().completeExceptionally(unavailable()));
            }
            group.clear();
        }
    }

    private void writeGroup(List<Pending> group) {
        groupSizes.record(group.size());
        List<EnvelopeStore.Send> sends = new ArrayList<>(group.size());
        group.forEach(p -> sends.add(p.send()));
        List<Map<EnvelopeStore.Key, Long>> stored;
        Instant now = clock.instant();
        try {
            stored = store.storeAll(sends, now);
        } catch (RuntimeException failed) {
            LOG.warn("storing {} sends failed: {}", group.size(), failed.getClass().getSimpleName());
            group.forEach(p -> p.answer().completeExceptionally(failed));
            return;
        }
        Set<UUID> recipients = new LinkedHashSet<>();
        Set<UUID> conversations = new LinkedHashSet<>();
        for (int i = 0; i < group.size(); i++) {
            if (stored.get(i) != null) {
                EnvelopeStore.Send send = group.get(i).send();
                send.envelopes().forEach(e -> recipients.add(e.header().recipientDeviceId()));
                conversations.add(send.conversationId());
            }
        }
        // Committed: wake the recipients (one signal for the whole group), note the activity, answer the senders.
        signals.envelopesStored(recipients);
        messagesAt(conversations, now);
        for (int i = 0; i < group.size(); i++) {
            group.get(i).answer().complete(stored.get(i));
        }
    }

    /**
     * Records the conversations' last-message time, at most every {@link #ACTIVITY_EVERY} per conversation and
     * instance (match support counts days). After the commit, in a statement of its own: a failure here costs
     * an activity time, never a message.
     */
    void messagesAt(Set<UUID> conversations, Instant now) {
        Set<UUID> due = new LinkedHashSet<>();
        for (UUID c : conversations) {
            Instant last = activityRecorded.get(c);
            if (last == null || last.isBefore(now.minus(ACTIVITY_EVERY))) {
                due.add(c);
            }
        }
        if (due.isEmpty()) {
            return;
        }
        try {
            store.messagesAt(due, now);
            if (activityRecorded.size() > MemberDevices.MAX_ENTRIES) {
                activityRecorded.clear();
            }
            due.forEach(c -> activityRecorded.put(c, now));
        } catch (RuntimeException failed) {
            LOG.warn("recording conversation activity failed: {}", failed.getClass().getSimpleName());
        }
    }

    /** Sends waiting for a writer (tests wait on it). */
    int waiting() {
        return queue.size();
    }

    @PreDestroy
    void stop() {
        stopping = true;
        writers.forEach(Thread::interrupt);
        Pending p;
        while ((p = queue.poll()) != null) {
            p.answer().completeExceptionally(unavailable());
        }
    }

    private static ProblemException unavailable() {
        return ProblemException.unavailable("Nothing was stored; try again shortly.");
    }
}
