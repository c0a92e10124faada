package se.bredvid.matching.engine;

import java.util.UUID;

/** A client the batch left without a volunteer, and why. */
public record UnmatchedClient(UUID clientId, Reason reason) {

    public enum Reason {
        /** Every volunteer breaks at least one hard constraint for this client. */
        NO_FEASIBLE_VOLUNTEER,
        /** Feasible volunteers exist, but an optimal batch gives their free places to other clients. */
        CAPACITY_TAKEN
    }
}
