package se.bredvid.matching;

import io.micronaut.serde.annotation.Serdeable;

import se.bredvid.platform.Redacted;
import se.bredvid.matching.engine.AgeBand;
import se.bredvid.matching.engine.Need;

import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Responses of the matching API. */
final class MatchingViews {

    private MatchingViews() {
    }

    @Serdeable
    record ClientView(UUID id, String pseudonym, String status, Instant waitingSince, boolean protectedIdentity,
                      UUID municipalityId, Instant createdAt, ProtectionLevel protectionLevel,
                      /* the organisation's rule for a client aged 13-17; null for an adult */
                      MinorRules.View minorRule) {
    }

    @Serdeable
    record ClientDetail(ClientView client, ClientIntake intake) {
    }

    /**
     * A client in a list: the matching facts a coordinator filters by (from the sealed intake), never more.
     * A superset of {@link ClientView}, so that callers of the list from before paging keep working.
     */
    @Serdeable
    record ClientListItem(UUID id, String pseudonym, String status, Instant waitingSince, Long waitingDays,
                          boolean protectedIdentity, UUID municipalityId, Instant createdAt, AgeBand ageBand,
                          String region, Set<String> languages, Set<Need> needs, ProtectionLevel protectionLevel) {
    }

    @Serdeable
    record WaitingClient(UUID id, String pseudonym, Instant waitingSince, long waitingDays, AgeBand ageBand,
                         String region, Set<String> languages) {
    }

    /**
     * The waiting list (filtered, one page of it when asked). Median and the count over the threshold are
     * over every client the filter matched; total is their number.
     */
    @Serdeable
    record WaitingList(List<WaitingClient> clients, double medianWaitingDays, int thresholdDays,
                       int overThreshold, long total) {
    }

    @Serdeable
    record Criterion(String criterion, String outcome, int points, int maxPoints) {
    }

    @Serdeable
    record Suggestion(UUID volunteerId, int score, int maxScore, List<Criterion> explanation) {
    }

    /** An available volunteer the engine may not propose for this client, with every rule the pair breaks. */
    @Serdeable
    record Excluded(UUID volunteerId, List<Conflict> conflicts) {
    }

    @Serdeable
    record Suggestions(UUID clientId, List<Suggestion> candidates, int volunteersConsidered,
                       int volunteersWithoutMatchingProfile, List<Excluded> excluded) {
    }

    @Serdeable
    record Proposal(UUID clientId, String pseudonym, UUID volunteerId, int score, List<Criterion> explanation) {
    }

    @Serdeable
    record Unmatched(UUID clientId, String pseudonym, String reason) {
    }

    @Serdeable
    record Batch(List<Proposal> proposals, List<Unmatched> unmatched, long totalScore, boolean optimalityCertified) {
    }

    @Serdeable
    record Conflict(String constraint, String reason) {
    }

    @Serdeable
    record Report(UUID id, UUID clientId, String pseudonym, UUID assignmentId, String text, Instant createdAt) {
        @Override
        public String toString() {
            return Redacted.keeping(this, id);
        }
    }

    /** What a volunteer's device sees of one client: the pseudonym, never more. */
    @Serdeable
    record MyClient(UUID assignmentId, UUID clientId, String pseudonym, String state) {
    }

    /** What a client's device sees of its contact. */
    @Serdeable
    record MyContact(UUID assignmentId, String state, Instant activatedAt) {
    }
}
