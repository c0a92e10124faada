package se.bredvid.platform;

import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * The one convention for a {@code toString()} of a type that holds personal data or a secret, so that a log line,
 * an exception message or a debugger never shows it (threat model 2): the type's name and {@code [REDACTED]}, or
 * the type's name and only the values that are safe to log (ids, states, kinds).
 * <pre>{@code
 *   public String toString() { return Redacted.of(this); }                 // LoginRequest[REDACTED]
 *   public String toString() { return Redacted.keeping(this, id, state); } // Volunteer[<id>, ACTIVE]
 * }</pre>
 */
public final class Redacted {

    /** What stands where a value is left out. */
    public static final String MARK = "[REDACTED]";

    private Redacted() {
    }

    /** {@code Name[REDACTED]}. */
    public static String of(Object self) {
        return self.getClass().getSimpleName() + MARK;
    }

    /** {@code Name[a, b]}: only the given values, which must be safe to log. */
    public static String keeping(Object self, Object... safe) {
        return self.getClass().getSimpleName()
                + Arrays.stream(safe).map(String::valueOf).collect(Collectors.joining(", ", "[", "]"));
    }
}
