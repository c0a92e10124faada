package se.bredvid.messaging.envelopes;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import se.bredvid.identity.DevicesRevoked;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.conversations.ConversationClosed;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.messaging.conversations.ConversationDirectory.Conversation;
import se.bredvid.messaging.conversations.ConversationDirectory.MemberDevice;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The member devices of conversations, remembered so that a send costs no device lookups (issue 17). A
 * revoked device is forgotten when identity announces it ({@link DevicesRevoked}: at once on the instance
 * that revoked it, within the revoked-session poll on the others, the bound a revoked token already has);
 * {@code membersTtl} is the safety net. Only a send that everything here agrees with takes the fast path; anything else
 * (unknown conversation, a recipient or sender not remembered, a closed conversation) goes through the
 * checked path, which reads the truth and refreshes this memory. Whether the conversation is open, and
 * whether it is the sender's, is checked again by the statement that stores the envelopes.
 */
@Singleton
class MemberDevices {

    /** The most conversations remembered; past it the memory starts over. */
    static final int MAX_ENTRIES = 50_000;

    private record Entry(Conversation conversation, Set<UUID> devices, long loadedAt) {
    }

    private final ConversationDirectory directory;
    private final long ttlNanos;
    private final Map<UUID, Entry> entries = new ConcurrentHashMap<>();

    MemberDevices(ConversationDirectory directory, EnvelopeConfig config) {
        this.directory = directory;
        this.ttlNanos = config.membersTtl().toNanos();
    }

    /**
     * Whether, as far as this memory knows, the device {@code senderDeviceId} of {@code kind}'s subject
     * {@code subjectId} in {@code organisationId} may send to every one of {@code recipients}.
     */
    boolean allows(UUID conversationId, UUID organisationId, SubjectKind kind, UUID subjectId, UUID senderDeviceId,
                   Set<UUID> recipients) {
        return allows(conversationId, organisationId, kind, subjectId, senderDeviceId, recipients, true);
    }

    /**
     * As above; with {@code mayLoad} false it answers from memory only and never blocks (on an event loop): a
     * conversation not remembered, or remembered too long, is then simply not allowed here.
     */
    boolean allows(UUID conversationId, UUID organisationId, SubjectKind kind, UUID subjectId, UUID senderDeviceId,
                   Set<UUID> recipients, boolean mayLoad) {
        if (ttlNanos <= 0) {
            return false;
        }
        Entry e = entries.get(conversationId);
        if (e == null || System.nanoTime() - e.loadedAt() > ttlNanos) {
            if (!mayLoad) {
                return false;
            }
            e = load(conversationId);
            if (e == null) {
                return false;
            }
        }
        Conversation c = e.conversation();
        return c.isOpen() && c.organisationId().equals(organisationId) && c.subject(kind).equals(subjectId)
                && e.devices().contains(senderDeviceId) && !recipients.contains(senderDeviceId)
                && e.devices().containsAll(recipients);
    }

    /** The checked path read the truth: remember it. */
    void remember(Conversation conversation, Iterable<MemberDevice> devices) {
        put(conversation, devices);
    }

    @EventListener
    void closed(ConversationClosed event) {
        entries.remove(event.conversationId());
    }

    /** Revoked on this instance, or seen revoked by the poll of the others (identity, 1 s): forget them now. */
    @EventListener
    void revoked(DevicesRevoked event) {
        entries.values().removeIf(e -> e.devices().stream().anyMatch(event.deviceIds()::contains));
    }

    private Entry load(UUID conversationId) {
        Conversation c = directory.byId(conversationId).orElse(null);
        if (c == null) {
            return null;
        }
        return put(c, directory.allMemberDevices(c));
    }

    private Entry put(Conversation conversation, Iterable<MemberDevice> devices) {
        Set<UUID> ids = new HashSet<>();
        devices.forEach(d -> ids.add(d.deviceId()));
        Entry e = new Entry(conversation, Set.copyOf(ids), System.nanoTime());
        if (entries.size() >= MAX_ENTRIES) {
            entries.clear();
        }
        entries.put(conversation.id(), e);
        return e;
    }
}
