package se.bredvid.messaging.conversations;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.matching.PairActivity;
import se.bredvid.platform.Published;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * When the two sides of each open conversation last wrote: the time of the last message, never who wrote
 * what. Kept in its own row (not on the conversation, which writers hold a share lock on) so that recording it
 * never makes two writers of one conversation wait for each other. The statement that stores envelopes
 * writes it (EnvelopeStore, in the same commit), at most every ten minutes per conversation. Matching's match support reads it as a
 * {@link PairActivity}; check-ins map their conversations to assignments through {@link #openByAssignment}.
 */
@Singleton
@Published
public class ConversationActivity implements PairActivity {

    /** An open conversation of an assignment and when its last message arrived (null: none yet). */
    public record Activity(UUID assignmentId, UUID conversationId, Instant openedAt, Instant lastMessageAt) {
    }

    private final ConversationStore store;

    ConversationActivity(ConversationStore store) {
        this.store = store;
    }

    /** The organisation's open conversations by assignment. */
    @Transactional(readOnly = true)
    public Map<UUID, Activity> openByAssignment(UUID organisationId) {
        return store.openActivity(organisationId);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Facts> facts(UUID organisationId) {
        Map<UUID, Facts> out = new HashMap<>();
        openByAssignment(organisationId).forEach((assignment, a) -> out.put(assignment, new Facts(a.lastMessageAt(), null, 0)));
        return out;
    }
}
