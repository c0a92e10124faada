package se.bredvid.insats;

import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import se.bredvid.matching.AssignmentEvent;

/**
 * When the organisation's assignment ends on its own side (the client ends the contact, a safety stop), the
 * insats learns of it in the same transaction: a pending proposal is withdrawn, and for a granted insats the
 * municipality is told, since only the municipality ends an insats.
 */
@Singleton
final class AssignmentClosedListener {

    private final InsatsService insatser;

    AssignmentClosedListener(InsatsService insatser) {
        this.insatser = insatser;
    }

    @EventListener
    void on(AssignmentEvent event) {
        if (event.type() == AssignmentEvent.Type.CLOSED) {
            insatser.assignmentClosed(event.assignmentId());
        }
    }
}
