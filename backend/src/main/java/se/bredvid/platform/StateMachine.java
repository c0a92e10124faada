package se.bredvid.platform;

/**
 * A state enum with its transition table: the one place that answers "may X go to Y?". A store's
 * {@code transition(id, from, to, ...)} asks it through {@link #require} before it writes
 * {@code ... where id = ? and state = ?}, and reports a row that moved on meanwhile through {@link #changed}
 * (docs/architecture.md, "How a state changes").
 */
public interface StateMachine<S extends Enum<S> & StateMachine<S>> {

    boolean mayGoTo(S to);

    /** A 409 problem unless the table allows {@code from} to go to {@code to}. */
    static <S extends Enum<S> & StateMachine<S>> void require(S from, S to, String what) {
        if (!from.mayGoTo(to)) {
            throw ProblemException.conflict("illegal-transition", what + " that is " + from + " cannot become " + to + ".");
        }
    }

    /** A 409 problem when the guarded update found no row still in its expected state. */
    static void changed(int rows, String what) {
        if (rows == 0) {
            throw ProblemException.conflict("changed-meanwhile", what + " changed meanwhile; reload and try again.");
        }
    }
}
