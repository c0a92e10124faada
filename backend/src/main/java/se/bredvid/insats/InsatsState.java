package se.bredvid.insats;

import se.bredvid.platform.StateMachine;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Where an insats stands between the two parties. The one place that answers "may it go from X to Y?".
 * An organisation's proposal waits for the client's consent before the municipality sees it (003:755); a
 * municipality's request waits for the organisation to propose a volunteer.
 */
public enum InsatsState implements StateMachine<InsatsState> {
    /** A handläggare asked the organisation for a kontaktperson; no volunteer proposed yet. */
    REQUESTED,
    /** The organisation drafted a proposal; the municipality sees nothing until the client consents. */
    AWAITING_CONSENT,
    /** A volunteer is proposed; the handläggare investigates and decides. */
    PROPOSED,
    GRANTED,
    REFUSED,
    WITHDRAWN,
    ENDED;

    private static final Map<InsatsState, Set<InsatsState>> NEXT = new EnumMap<>(InsatsState.class);

    static {
        NEXT.put(REQUESTED, EnumSet.of(PROPOSED, WITHDRAWN));
        NEXT.put(AWAITING_CONSENT, EnumSet.of(PROPOSED, WITHDRAWN));
        // Back to REQUESTED: the organisation took back the volunteer it proposed for a municipality's request.
        NEXT.put(PROPOSED, EnumSet.of(GRANTED, REFUSED, WITHDRAWN, REQUESTED));
        NEXT.put(GRANTED, EnumSet.of(ENDED));
        NEXT.put(REFUSED, EnumSet.noneOf(InsatsState.class));
        NEXT.put(WITHDRAWN, EnumSet.noneOf(InsatsState.class));
        NEXT.put(ENDED, EnumSet.noneOf(InsatsState.class));
    }

    @Override
    public boolean mayGoTo(InsatsState to) {
        return NEXT.get(this).contains(to);
    }
}
