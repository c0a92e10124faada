package se.bredvid.matching;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Responses of the matching API. */
final class MatchingViews {

    private MatchingViews() {
    }

    @Serdeable
    record ClientView(UUID id, String pseudonym, String status, Instant waitingSince, boolean protectedIdentity,
                      UUID municipalityId, Instant createdAt) {
    }

    @Serdeable
    record ClientDetail(ClientView client, ClientIntake intake) {
    }

    @Serdeable
    record WaitingClient(UUID id, String pseudonym, Instant waitingSince, long waitingDays) {
    }

    @Serdeable
    record WaitingList(List<WaitingClient> clients, double medianWaitingDays, int thresholdDays,
                       int overThreshold) {
    }

    @Serdeable
    record Criterion(String criterion, String outcome, int points, int maxPoints) {
    }

    @Serdeable
    record Suggestion(UUID volunteerId, int score, int maxScore, List<Criterion> explanation) {
    }

    @Serdeable
    record Suggestions(UUID clientId, List<Suggestion> candidates, int volunteersConsidered,
                       int volunteersWithoutMatchingProfile) {
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
            return "Report[" + id + "]";
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
