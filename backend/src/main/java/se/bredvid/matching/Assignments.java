package se.bredvid.matching;

import se.bredvid.platform.StateMachine;
import se.bredvid.platform.Published;

import io.micronaut.serde.annotation.Serdeable;
import se.bredvid.audit.AuditLog;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * What other modules (insats, messaging, check-ins) may know and do about clients and assignments. They
 * never read this module's tables. Every method is scoped by the organisation given; an id of another
 * organisation is "not found".
 */
@Published
public interface Assignments {

    enum Kind {
        /** Arranged by the organisation without a municipal decision. */
        IDEELL,
        /** A kontaktperson insats: requires a handläggare's decision before it becomes ACTIVE. */
        INSATS
    }

    enum State implements StateMachine<State> {
        PROPOSED, AWAITING_DECISION, ACTIVE, PAUSED, ENDED;

        /** The table alone; what also depends on the kind and on who asks is {@code AssignmentLifecycle}'s. */
        @Override
        public boolean mayGoTo(State to) {
            return AssignmentLifecycle.mayGoTo(this, to);
        }
    }

    enum EndReason { GOAL_REACHED, CLIENT_ENDED, VOLUNTEER_ENDED, SAFETY, MOVED, DECISION_REFUSED, OTHER }

    @Serdeable
    record AssignmentView(UUID id, UUID organisationId, UUID clientId, String clientPseudonym, UUID volunteerId,
                          Kind kind, State state, EndReason endReason, Instant createdAt, Instant activatedAt,
                          Instant endedAt) {
    }

    /** A client as another module may see it: the pseudonym, never more. */
    @Serdeable
    record ClientSummary(UUID id, UUID organisationId, String pseudonym, ProtectionLevel protectionLevel,
                         UUID municipalityId) {
    }

    /** What a handläggare's referral says about a person they investigated (insats issue, path b). */
    @Serdeable
    record Referral(UUID municipalityId, String ageBand, Set<String> languages, String region,
                    boolean digitalOnly, Set<String> needs, ProtectionLevel protectionLevel) {
    }

    Optional<AssignmentView> find(UUID organisationId, UUID assignmentId);

    Optional<ClientSummary> client(UUID organisationId, UUID clientId);

    /** Creates a client intake (under a new generated pseudonym) from a municipality's referral. */
    ClientSummary intakeFromReferral(AuditLog.Actor actor, UUID organisationId, Referral referral);

    /** An INSATS assignment waits for the decision: PROPOSED → AWAITING_DECISION. */
    AssignmentView awaitDecision(AuditLog.Actor actor, UUID organisationId, UUID assignmentId);

    /** The decision was to grant: AWAITING_DECISION → ACTIVE (opens the conversation). */
    AssignmentView activateByDecision(AuditLog.Actor actor, UUID organisationId, UUID assignmentId);

    /** Ends the assignment at once; the volunteer loses access to the client (chat, check-ins). */
    AssignmentView end(AuditLog.Actor actor, UUID organisationId, UUID assignmentId, EndReason reason);

    /**
     * Closes a client intake that has no open assignment (e.g. a municipality's request that ended without a
     * kontaktperson): it leaves the waiting list. Does nothing to a client with an open assignment.
     */
    void closeIntake(AuditLog.Actor actor, UUID organisationId, UUID clientId);

    /** ACTIVE assignments of a volunteer, e.g. for time reports. */
    List<AssignmentView> activeOfVolunteer(UUID organisationId, UUID volunteerId);
}
