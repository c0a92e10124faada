package se.bredvid.messaging.envelopes;

import se.bredvid.platform.Published;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import se.bredvid.identity.Caller;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.messaging.conversations.ConversationDirectory.Access;
import se.bredvid.protocol.InvalidCryptoInputException;
import se.bredvid.protocol.WireEnvelope;
import se.bredvid.messaging.notify.DeviceSignals;
import se.bredvid.platform.AfterCommit;
import se.bredvid.platform.ProblemException;

import java.sql.Connection;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;

/**
 * Stores and hands out envelopes (docs/protocol.md §5, §7). The server sees only ciphertext and the
 * routing header; it checks the header, membership and sizes, numbers each envelope in its recipient's
 * queue, and acknowledges only after the commit. Live sockets (on this and other instances) are woken
 * after the commit.
 */
@Singleton
@Published
public class EnvelopeService {

    /** The server's acknowledgement of one envelope: where it sits in its recipient's queue. */
    @Serdeable
    public record Receipt(UUID messageId, UUID recipientDeviceId, long seq) {
    }

    /** One page of a device's queue; {@code more} says whether to ask again from the last {@code seq}. */
    @Serdeable
    @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.ALWAYS)
    public record Page(List<Delivered> envelopes, boolean more) {
    }

    private final EnvelopeStore store;
    private final EnvelopeWriter writer;
    private final MemberDevices memberDevices;
    private final ConversationDirectory conversations;
    private final DeviceSignals signals;
    private final EnvelopeConfig config;
    private final Clock clock;
    private final TransactionOperations<Connection> transactions;
    private final AfterCommit afterCommit;

    EnvelopeService(EnvelopeStore store, EnvelopeWriter writer, MemberDevices memberDevices,
                    ConversationDirectory conversations, DeviceSignals signals, EnvelopeConfig config, Clock clock,
                    TransactionOperations<Connection> transactions, AfterCommit afterCommit) {
        this.afterCommit = afterCommit;
        this.store = store;
        this.writer = writer;
        this.memberDevices = memberDevices;
        this.conversations = conversations;
        this.signals = signals;
        this.config = config;
        this.clock = clock;
        this.transactions = transactions;
    }

    /**
     * Stores a batch of envelopes from the calling device into a conversation: one per recipient device
     * (the peer's devices and the sender's own other devices). Returns after the commit.
     *
     * <p>A well-formed batch to devices the conversation is known to have is committed together with other
     * sends waiting at the same time ({@link EnvelopeWriter}), in one statement that also checks the
     * conversation. Everything else, and a send that statement refuses, takes the checked path, which reads
     * membership first and answers exactly why. Called inside a transaction (a check-in's answer), the send
     * takes the checked path in that transaction, so that it commits or rolls back with the rest.
     *
     * @throws ProblemException 400 for a malformed batch, 404 if the caller is no member, 409 if the
     *                          conversation is closed or a recipient is not (any more) one of its devices
     */
    public List<Receipt> post(Caller caller, UUID conversationId, List<WireEnvelope> batch) {
        boolean inTransaction = transactions.findTransactionStatus().filter(t -> !t.isCompleted()).isPresent();
        EnvelopeStore.Send send = inTransaction ? null : fastSend(caller, conversationId, batch, true);
        if (send != null) {
            Map<EnvelopeStore.Key, Long> seqs = writer.write(send);
            if (seqs != null) {
                return receipts(send.envelopes(), seqs);
            }
        }
        return transactions.executeWrite(status -> checkedPost(caller, conversationId, batch));
    }

    /**
     * As {@link #post}, without holding a thread while the group commits: for the socket and HTTP handlers on
     * the event loop. A send the remembered members allow goes to the writer from the calling thread (nothing
     * here blocks); everything else, and a send the statement refused, runs {@link #post}'s checked path on
     * {@code blocking}. Completes with the receipts, or with the {@link ProblemException} (or other failure)
     * itself, never wrapped.
     */
    public CompletableFuture<List<Receipt>> postAsync(Caller caller, UUID conversationId, List<WireEnvelope> batch,
                                                      Executor blocking) {
        CompletableFuture<List<Receipt>> out = new CompletableFuture<>();
        EnvelopeStore.Send send = fastSend(caller, conversationId, batch, false);
        if (send == null) {
            onBlocking(out, blocking, () -> post(caller, conversationId, batch));
            return out;
        }
        writer.submit(send).whenComplete((seqs, failed) -> {
            if (failed != null) {
                out.completeExceptionally(failed);
            } else if (seqs != null) {
                out.complete(receipts(send.envelopes(), seqs));
            } else {
                onBlocking(out, blocking, () -> transactions.executeWrite(status -> checkedPost(caller, conversationId, batch)));
            }
        });
        return out;
    }

    private static <T> void onBlocking(CompletableFuture<T> out, Executor blocking, Supplier<T> work) {
        try {
            blocking.execute(() -> {
                try {
                    out.complete(work.get());
                } catch (RuntimeException e) {
                    out.completeExceptionally(e);
                }
            });
        } catch (RejectedExecutionException stopping) {
            out.completeExceptionally(ProblemException.unavailable("Nothing was stored; try again shortly."));
        }
    }

    /** The send, if it is well formed and the remembered members allow it; otherwise null. */
    private EnvelopeStore.Send fastSend(Caller caller, UUID conversationId, List<WireEnvelope> batch, boolean mayLoad) {
        var kind = ConversationDirectory.deviceKind(caller);
        if (kind.isEmpty() || caller.organisationId() == null) {
            return null;
        }
        List<WireEnvelope.Checked> checked;
        try {
            checked = validate(caller, conversationId, batch);
        } catch (ProblemException malformed) {
            return null;
        }
        Set<UUID> recipients = new HashSet<>();
        checked.forEach(e -> recipients.add(e.header().recipientDeviceId()));
        if (!memberDevices.allows(conversationId, caller.organisationId(), kind.get(), caller.subjectId(), caller.id(),
                recipients, mayLoad)) {
            return null;
        }
        return new EnvelopeStore.Send(conversationId, caller.organisationId(), caller.id(), kind.get(),
                caller.subjectId(), checked);
    }

    private List<Receipt> checkedPost(Caller caller, UUID conversationId, List<WireEnvelope> batch) {
        // Membership first: a stranger learns nothing, not even whether its batch was well formed.
        var members = conversations.requireMember(caller, conversationId, Access.WRITE);
        memberDevices.remember(members.conversation(), members.devices());
        List<WireEnvelope.Checked> checked = validate(caller, conversationId, batch);
        Set<UUID> allowed = new HashSet<>(members.deviceIds());
        allowed.remove(caller.id());
        Set<UUID> recipients = new LinkedHashSet<>();
        for (WireEnvelope.Checked e : checked) {
            if (!allowed.contains(e.header().recipientDeviceId())) {
                throw ProblemException.conflict("devices-changed", "A recipient is not a current device of this "
                        + "conversation. Fetch the conversation's devices again and re-encrypt.");
            }
            recipients.add(e.header().recipientDeviceId());
        }
        var send = new EnvelopeStore.Send(conversationId, caller.requireOrganisation(), caller.id(),
                members.callerKind(), caller.subjectId(), checked);
        Map<EnvelopeStore.Key, Long> seqs = store.storeInTransaction(send, clock.instant());
        if (seqs == null) {
            // requireMember holds the conversation's share lock, so the statement sees what it saw.
            throw new IllegalStateException("the checked conversation refused the send");
        }
        signals.envelopesStored(recipients);
        Instant at = clock.instant();
        afterCommit.run(() -> writer.messagesAt(Set.of(conversationId), at));
        return receipts(checked, seqs);
    }

    private static List<Receipt> receipts(List<WireEnvelope.Checked> checked, Map<EnvelopeStore.Key, Long> seqs) {
        List<Receipt> receipts = new ArrayList<>(checked.size());
        for (WireEnvelope.Checked e : checked) {
            UUID recipient = e.header().recipientDeviceId();
            receipts.add(new Receipt(e.header().messageId(), recipient,
                    seqs.get(new EnvelopeStore.Key(e.header().messageId(), recipient))));
        }
        return receipts;
    }

    private List<WireEnvelope.Checked> validate(Caller caller, UUID conversationId, List<WireEnvelope> batch) {
        if (batch == null || batch.isEmpty() || batch.size() > config.maxBatch()) {
            throw ProblemException.invalid("envelopes", "must hold 1 to " + config.maxBatch() + " envelopes");
        }
        List<WireEnvelope.Checked> checked = new ArrayList<>(batch.size());
        Set<EnvelopeStore.Key> seen = new HashSet<>();
        for (int i = 0; i < batch.size(); i++) {
            String at = "envelopes[" + i + "]";
            WireEnvelope.Checked e;
            try {
                if (batch.get(i) == null) {
                    throw new InvalidCryptoInputException("v", "must be 1");
                }
                e = batch.get(i).check();
            } catch (InvalidCryptoInputException bad) {
                String message = bad.toProblem().violations().get(0).message();
                throw ProblemException.invalid(at + "." + bad.field(), message);
            }
            if (!e.header().conversationId().equals(conversationId)) {
                throw ProblemException.invalid(at + ".conversationId", "must be the conversation of the request path");
            }
            if (!e.header().senderDeviceId().equals(caller.id())) {
                throw ProblemException.invalid(at + ".senderDeviceId", "must be the sending device");
            }
            if (e.blocks() > config.maxBlocks()) {
                throw ProblemException.invalid(at + ".ct", "is longer than this server accepts ("
                        + config.maxBlocks() + " blocks of 256 bytes)");
            }
            if (!seen.add(new EnvelopeStore.Key(e.header().messageId(), e.header().recipientDeviceId()))) {
                throw ProblemException.invalid(at, "repeats a messageId for the same recipient device");
            }
            checked.add(e);
        }
        return checked;
    }

    /** The calling device's queue after {@code since}. */
    public Page sync(Caller caller, long since, int limit) {
        if (since < 0) {
            throw ProblemException.invalid("since", "must not be negative");
        }
        if (limit < 1 || limit > config.maxPage()) {
            throw ProblemException.invalid("limit", "must be 1 to " + config.maxPage());
        }
        List<Delivered> page = store.since(caller.id(), since, limit + 1);
        boolean more = page.size() > limit;
        return new Page(more ? page.subList(0, limit) : page, more);
    }

    /** The calling device has processed its queue up to {@code upTo}; those envelopes may now be deleted. */
    public void ack(Caller caller, long upTo) {
        if (upTo < 0) {
            throw ProblemException.invalid("upTo", "must not be negative");
        }
        if (!store.ack(caller.id(), upTo, clock.instant())) {
            throw ProblemException.invalid("upTo", "is beyond the last envelope of this device");
        }
    }

    /** Acknowledgements gathered from live sockets, written in one statement. */
    public void ackAll(Map<UUID, Long> upTo) {
        store.ackAll(upTo, clock.instant());
    }

    /** Live delivery: the queues of many devices after their cursors. */
    public Map<UUID, List<Delivered>> pending(Map<UUID, Long> cursors) {
        return store.since(cursors, config.maxPage());
    }

    /** Retention counts of one run. */
    public record Deleted(int acknowledged, int expired, int ofClosedConversations) {
    }

    /**
     * Retention: deletes envelopes their recipient has acknowledged, envelopes of closed conversations,
     * and every envelope received before {@code expiredBefore}, delivered or not.
     */
    public Deleted deleteRetired(java.time.Instant expiredBefore) {
        return new Deleted(store.deleteAcknowledged(), store.deleteReceivedBefore(expiredBefore),
                store.deleteOfClosedConversations());
    }

    public int maxPage() {
        return config.maxPage();
    }
}
