package se.bredvid.checkins;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.matching.PairActivity;
import se.bredvid.messaging.conversations.ConversationActivity;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * What the coordinator's match support may know of a pair's check-ins: when the client last answered one and
 * how many were missed. Times and counts only; never an answer (threat model 2).
 */
@Singleton
class CheckinActivity implements PairActivity {

    private final CheckinStore store;
    private final ConversationActivity conversations;

    CheckinActivity(CheckinStore store, ConversationActivity conversations) {
        this.store = store;
        this.conversations = conversations;
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Facts> facts(UUID organisationId) {
        Map<UUID, UUID> assignmentOf = new HashMap<>();
        conversations.openByAssignment(organisationId).forEach((assignment, a) -> assignmentOf.put(a.conversationId(), assignment));
        if (assignmentOf.isEmpty()) {
            return Map.of();
        }
        Map<UUID, Facts> out = new HashMap<>();
        store.answeredAndMissed(assignmentOf.keySet()).forEach((conversation, s) ->
                out.put(assignmentOf.get(conversation), new Facts(null, s.lastAnsweredAt(), s.missed())));
        return out;
    }
}
