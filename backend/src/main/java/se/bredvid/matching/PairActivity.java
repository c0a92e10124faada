package se.bredvid.matching;

import se.bredvid.platform.Published;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * What another module knows of the organisation's open pairs for match support: times and counts only, never
 * content. Implemented by the modules that hold them (messaging: the last message; check-ins: the last
 * answered and the missed check-ins), so that matching reads none of their tables and depends on neither;
 * {@link MatchSupport} merges them. Without an implementation a pair has no activity.
 */
@Published
public interface PairActivity {

    /** Any field may be null (or 0) when the module knows nothing of it. */
    record Facts(Instant lastMessageAt, Instant lastCheckinAt, int missedCheckins) {
    }

    /** Per assignment id, for the organisation's open conversations. */
    Map<UUID, Facts> facts(UUID organisationId);
}
