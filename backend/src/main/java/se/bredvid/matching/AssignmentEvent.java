package se.bredvid.matching;

import se.bredvid.platform.Published;

import java.util.UUID;

/**
 * Published synchronously, inside the transaction, when an assignment opens (ACTIVE) or closes (ENDED): the messaging module opens or closes the pair's conversation in the same transaction, so that
 * ending an assignment removes the volunteer's access at once.
 */
@Published
public record AssignmentEvent(Type type, UUID assignmentId, UUID organisationId, UUID clientId, UUID volunteerId) {

    public enum Type { OPENED, CLOSED }
}
