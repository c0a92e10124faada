package se.bredvid.messaging.conversations;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import se.bredvid.matching.AssignmentEvent;

/**
 * A conversation exists exactly while its assignment runs: opened when the assignment becomes ACTIVE,
 * closed when it ends — in the same transaction, so an ended assignment's volunteer loses access at the
 * commit (issue: ending an assignment immediately removes the volunteer's access to that client).
 */
@Singleton
final class AssignmentConversations {

    private final ConversationDirectory directory;

    AssignmentConversations(ConversationDirectory directory) {
        this.directory = directory;
    }

    @EventListener
    void on(AssignmentEvent event) {
        switch (event.type()) {
            case OPENED -> directory.open(event.assignmentId(), event.organisationId(), event.clientId(), event.volunteerId());
            case CLOSED -> directory.close(event.assignmentId());
        }
    }
}
