package se.bredvid.recruiting;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * When a volunteer's training counts as completed: at least {@code minSessions} distinct themes of the
 * curriculum attended (in their cohort or at a make-up session), and, if {@code requireAllMandatory}, every
 * mandatory theme among them. Attending one theme twice counts once. A curriculum shorter than
 * {@code minSessions} asks for all its themes. An empty curriculum is never completed.
 */
public record CompletionRule(int minSessions, boolean requireAllMandatory) {

    public CompletionRule {
        if (minSessions < 1) {
            throw new IllegalArgumentException("minSessions must be at least 1");
        }
    }

    public record Theme(UUID id, boolean mandatory) {
    }

    /**
     * @param covered          curriculum themes attended
     * @param required         themes that must be attended
     * @param total            themes in the curriculum
     * @param missingMandatory mandatory themes not attended (in curriculum order)
     * @param complete         whether the rule is met
     */
    public record Outcome(int covered, int required, int total, List<UUID> missingMandatory, boolean complete) {
    }

    public Outcome evaluate(List<Theme> curriculum, Set<UUID> attendedThemes) {
        int covered = 0;
        List<UUID> missing = new ArrayList<>();
        for (Theme theme : curriculum) {
            if (attendedThemes.contains(theme.id())) {
                covered++;
            } else if (theme.mandatory()) {
                missing.add(theme.id());
            }
        }
        int required = Math.min(minSessions, curriculum.size());
        boolean complete = !curriculum.isEmpty() && covered >= required
                && (!requireAllMandatory || missing.isEmpty());
        return new Outcome(covered, required, curriculum.size(), List.copyOf(missing), complete);
    }
}
