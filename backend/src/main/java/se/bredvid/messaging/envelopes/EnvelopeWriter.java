package se.bredvid.messaging.envelopes;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.BeanProvider;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import se.bredvid.messaging.notify.DeviceSignals;
import se.bredvid.platform.ProblemException;
import se.bredvid.protocol.WireEnvelope;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
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
    private final BeanProvider<CommittedEnvelopes> listeners;
    /** Resolved on first use (the live hub depends on this writer through the envelope service). */
    private volatile List<CommittedEnvelopes> committed;
    private final Clock clock;
    private final EnvelopeConfig config;
    private final BlockingQueue<Pending> queue;
    private final List<Thread> writers = new ArrayList<>();
    private final DistributionSummary groupSizes;
    private volatile boolean stopping;
    /** When this instance last recorded each conversation's activity. */
    private final Map<UUID, Instant> activityRecorded = new ConcurrentHashMap<>();
    static final Duration ACTIVITY_EVERY = Duration.ofMinutes(10);

    EnvelopeWriter(EnvelopeStore store, DeviceSignals signals, BeanProvider<CommittedEnvelopes> listeners, Clock clock,
                   EnvelopeConfig config, MeterRegistry meters) {
        this.store = store;
        this.signals = signals;
        this.listeners = listeners;
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
        try {
            return submit(send).get();
        } catch (ExecutionException failed) {
            if (failed.getCause() instanceof RuntimeException e) {
                throw e;
            }
            throw new IllegalStateException(failed.getCause());
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            throw unavailable();
        }
    }

    /**
     * As {@link #write}, without waiting: completes on a writer thread once the group has committed (callers must
     * not do slow work in what they chain to it), or with the 503 {@link ProblemException} when the queue is
     * full, the server is stopping or no writer answered within {@code writeTimeout}. In the last case whether it
     * was stored is unknown; the device sends again with the same message id, which the server stores once
     * (protocol §7), as after a lost answer.
     */
    CompletableFuture<Map<EnvelopeStore.Key, Long>> submit(EnvelopeStore.Send send) {
        var pending = new Pending(send, new CompletableFuture<>());
        if (stopping || !queue.offer(pending)) {
            return CompletableFuture.failedFuture(unavailable());
        }
        CompletableFuture<Map<EnvelopeStore.Key, Long>> answer = new CompletableFuture<>();
        pending.answer().orTimeout(config.writeTimeout().toMillis(), TimeUnit.MILLISECONDS).whenComplete((seqs, failed) -> {
            if (failed == null) {
                answer.complete(seqs);
            } else {
                Throwable cause = failed instanceof java.util.concurrent.CompletionException && failed.getCause() != null
                        ? failed.getCause() : failed;
                answer.completeExceptionally(cause instanceof TimeoutException ? unavailable() : cause);
            }
        });
        return answer;
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
        List<EnvelopeStore.Stored> stored;
        // Microseconds, as PostgreSQL keeps it: an envelope handed on from memory says what a re-read would.
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        try {
            stored = store.storeAll(sends, now);
        } catch (RuntimeException failed) {
            LOG.warn("storing {} sends failed: {}", group.size(), failed.getClass().getSimpleName());
            group.forEach(p -> p.answer().completeExceptionally(failed));
            return;
        }
        Set<UUID> recipients = new LinkedHashSet<>();
        Set<UUID> conversations = new LinkedHashSet<>();
        Map<UUID, List<Delivered>> fresh = new HashMap<>();
        long receivedAt = now.toEpochMilli();
        for (int i = 0; i < group.size(); i++) {
            EnvelopeStore.Stored s = stored.get(i);
            if (s == null) {
                continue;
            }
            EnvelopeStore.Send send = group.get(i).send();
            conversations.add(send.conversationId());
            for (WireEnvelope.Checked e : send.envelopes()) {
                UUID recipient = e.header().recipientDeviceId();
                recipients.add(recipient);
                EnvelopeStore.Key key = new EnvelopeStore.Key(e.header().messageId(), recipient);
                if (s.inserted().contains(key) && wanted(recipient)) {
                    fresh.computeIfAbsent(recipient, r -> new ArrayList<>())
                            .add(new Delivered(s.seqs().get(key), receivedAt, WireEnvelope.of(e.header(), e.enc(), e.ct())));
                }
            }
        }
        // Committed: the sockets here get the fresh envelopes from memory, the other instances a signal (one for
        // the whole group); then the activity is noted and the senders are answered.
        fresh.values().forEach(l -> l.sort(Comparator.comparingLong(Delivered::seq)));
        try {
            committedListeners().forEach(l -> l.committed(fresh));
            signals.envelopesStoredElsewhere(recipients);
        } catch (RuntimeException e) {
            LOG.warn("handing on committed envelopes failed: {}", e.getClass().getSimpleName());
            signals.envelopesStored(recipients);  // the sockets here read them back instead
        }
        messagesAt(conversations, now);
        for (int i = 0; i < group.size(); i++) {
            EnvelopeStore.Stored s = stored.get(i);
            group.get(i).answer().complete(s == null ? null : s.seqs());
        }
    }

    private boolean wanted(UUID device) {
        for (CommittedEnvelopes l : committedListeners()) {
            if (l.wants(device)) {
                return true;
            }
        }
        return false;
    }

    private List<CommittedEnvelopes> committedListeners() {
        List<CommittedEnvelopes> l = committed;
        if (l == null) {
            l = listeners.stream().toList();
            committed = l;
        }
        return l;
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
