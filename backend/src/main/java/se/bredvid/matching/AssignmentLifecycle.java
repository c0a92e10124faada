package se.bredvid.matching;

import se.bredvid.matching.Assignments.Kind;
import se.bredvid.matching.Assignments.State;

import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The one place that answers "may an assignment go from X to Y?". An INSATS assignment becomes ACTIVE
 * only through a handläggare's decision (the insats module), never by a coordinator's hand; an IDEELL one
 * never waits for a decision.
 */
final class AssignmentLifecycle {

    /** Who asks for the move: a decision may do what a coordinator may not. */
    enum By { COORDINATOR, DECISION, CLIENT }

    private static final Map<State, Set<State>> NEXT = new EnumMap<>(State.class);

    static {
        NEXT.put(State.PROPOSED, EnumSet.of(State.AWAITING_DECISION, State.ACTIVE, State.ENDED));
        NEXT.put(State.AWAITING_DECISION, EnumSet.of(State.ACTIVE, State.ENDED));
        NEXT.put(State.ACTIVE, EnumSet.of(State.PAUSED, State.ENDED));
        NEXT.put(State.PAUSED, EnumSet.of(State.ACTIVE, State.ENDED));
        NEXT.put(State.ENDED, EnumSet.noneOf(State.class));
    }

    private AssignmentLifecycle() {
    }

    static boolean mayGoTo(State from, State to) {
        return NEXT.get(from).contains(to);
    }

    /** Null when allowed, else why not (for the 409 problem's detail). */
    static String refusal(Kind kind, State from, State to, By by) {
        if (!mayGoTo(from, to)) {
            return "An assignment cannot go from " + from + " to " + to + ".";
        }
        if (to == State.AWAITING_DECISION && kind != Kind.INSATS) {
            return "Only an insats assignment waits for a decision.";
        }
        if (kind == Kind.INSATS && from == State.PROPOSED && to == State.ACTIVE) {
            return "An insats assignment becomes active only through the municipality's decision.";
        }
        if (from == State.AWAITING_DECISION && to == State.ACTIVE && by != By.DECISION) {
            return "An insats assignment becomes active only through the municipality's decision.";
        }
        if (by == By.DECISION && !(from == State.AWAITING_DECISION && to == State.ACTIVE) && to != State.ENDED) {
            return "A decision only activates or ends an assignment.";
        }
        return null;
    }

    static boolean isOpen(State s) {
        return s != State.ENDED;
    }
}
