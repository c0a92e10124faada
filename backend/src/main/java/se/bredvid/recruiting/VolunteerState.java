package se.bredvid.recruiting;

import se.bredvid.platform.Published;
import se.bredvid.platform.StateMachine;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where a volunteer stands, from application to end (the Tjejer till tjejer model, seed 001:417): apply,
 * be interviewed, be trained in a group, be approved, take assignments, be supported in the role. The one
 * place that answers "may a volunteer go from X to Y?" is {@link #NEXT}; the service adds the guards that
 * need data (an interview held, training completed, a recent background check).
 */
@Published
public enum VolunteerState implements StateMachine<VolunteerState> {
    APPLIED,
    INTERVIEW_BOOKED,
    INTERVIEWED,
    IN_TRAINING,
    TRAINED,
    /** Trained, checked and approved: available for an assignment. */
    APPROVED,
    /** Has at least one assignment. */
    ACTIVE,
    /** Temporarily takes no new client (a semester abroad, illness); keeps the role. */
    PAUSED,
    /** Left the role after approval. */
    ENDED,
    /** Left on their own before approval (many do, seed 001:417). */
    WITHDRAWN,
    /** Judged unsuitable by the organisation before approval. */
    NOT_SUITABLE;

    private static final Map<VolunteerState, Set<VolunteerState>> NEXT = new EnumMap<>(VolunteerState.class);

    static {
        // Early states: forward one step, or out (withdrawn / not suitable).
        NEXT.put(APPLIED, EnumSet.of(INTERVIEW_BOOKED, WITHDRAWN, NOT_SUITABLE));
        NEXT.put(INTERVIEW_BOOKED, EnumSet.of(INTERVIEWED, WITHDRAWN, NOT_SUITABLE));
        NEXT.put(INTERVIEWED, EnumSet.of(IN_TRAINING, WITHDRAWN, NOT_SUITABLE));
        NEXT.put(IN_TRAINING, EnumSet.of(TRAINED, WITHDRAWN, NOT_SUITABLE));
        NEXT.put(TRAINED, EnumSet.of(APPROVED, WITHDRAWN, NOT_SUITABLE));
        // In the role: available, with assignments, or paused, until the role ends.
        NEXT.put(APPROVED, EnumSet.of(ACTIVE, PAUSED, ENDED));
        NEXT.put(ACTIVE, EnumSet.of(APPROVED, PAUSED, ENDED));
        NEXT.put(PAUSED, EnumSet.of(ACTIVE, APPROVED, ENDED));
        // Terminal: a person who comes back applies again.
        NEXT.put(ENDED, EnumSet.noneOf(VolunteerState.class));
        NEXT.put(WITHDRAWN, EnumSet.noneOf(VolunteerState.class));
        NEXT.put(NOT_SUITABLE, EnumSet.noneOf(VolunteerState.class));
    }

    @Override
    public boolean mayGoTo(VolunteerState target) {
        return NEXT.get(this).contains(target);
    }

    public Set<VolunteerState> next() {
        return Collections.unmodifiableSet(NEXT.get(this));
    }

    public boolean isTerminal() {
        return NEXT.get(this).isEmpty();
    }

    /** Approved and not ended: may hold a paired device and be supervised. */
    public boolean isInRole() {
        return this == APPROVED || this == ACTIVE || this == PAUSED;
    }

    /** May take a client now. */
    public boolean isAvailable() {
        return this == APPROVED || this == ACTIVE;
    }
}
