package se.bredvid.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.bredvid.matching.engine.Profiles.client;
import static se.bredvid.matching.engine.Profiles.id;
import static se.bredvid.matching.engine.Profiles.volunteer;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class AssignBatchTest {

    private final MatchingEngine engine = new MatchingEngine(MatchingWeights.DEFAULTS);

    private static Map<java.util.UUID, java.util.UUID> pairs(BatchResult result) {
        return result.matches().stream().collect(Collectors.toMap(ProposedMatch::clientId, ProposedMatch::volunteerId));
    }

    @Test
    void matchingMoreClientsWinsOverAHigherTotalScore() {
        // Only the preferred language scores. A alone with X scores 100; A with Y and B with X score 0 + 0,
        // but match two clients, which a waiting list values more.
        MatchingEngine languageOnly = new MatchingEngine(new MatchingWeights(100, 0, 0, 0, 0, 0, 0, 0, 0, 0));
        ClientProfile a = client().id(id(1)).preferredLanguage("ar").build();
        ClientProfile b = client().id(id(2)).requiredLanguages("ar").preferredLanguage("so").build();
        VolunteerProfile x = volunteer().id(id(11)).languages("sv", "ar").build();
        VolunteerProfile y = volunteer().id(id(12)).languages("sv").build();
        BatchResult result = languageOnly.assignBatch(List.of(a, b), List.of(x, y), EndedForCause.none());
        assertEquals(Map.of(a.id(), y.id(), b.id(), x.id()), pairs(result));
        assertEquals(0, result.totalScore());
        assertTrue(result.certificate().certified());
    }

    @Test
    void volunteerTakesNoMoreClientsThanItsFreePlaces() {
        VolunteerProfile volunteer = volunteer().capacity(3).currentLoad(1).build();
        List<ClientProfile> clients = List.of(client().id(id(1)).build(), client().id(id(2)).build(),
                client().id(id(3)).build());
        BatchResult result = engine.assignBatch(clients, List.of(volunteer), EndedForCause.none());
        assertEquals(2, result.matches().size());
        assertEquals(List.of(new UnmatchedClient(id(3), UnmatchedClient.Reason.CAPACITY_TAKEN)), result.unmatched());
    }

    @Test
    void clientWithoutAnyFeasibleVolunteerIsListedWithThatReason() {
        ClientProfile client = client().requiredLanguages("ti").build();
        BatchResult result = engine.assignBatch(List.of(client), List.of(volunteer().build()), EndedForCause.none());
        assertEquals(List.of(new UnmatchedClient(client.id(), UnmatchedClient.Reason.NO_FEASIBLE_VOLUNTEER)),
                result.unmatched());
        assertTrue(result.certificate().certified());
    }

    @Test
    void scoreDecidesWhenTheNumberOfMatchesIsEqual() {
        ClientProfile client = client().preferredLanguage("ar").build();
        VolunteerProfile speaks = volunteer().id(id(12)).languages("ar").build();
        VolunteerProfile doesNot = volunteer().id(id(11)).languages("sv").build();
        BatchResult result = engine.assignBatch(List.of(client), List.of(doesNot, speaks), EndedForCause.none());
        assertEquals(Map.of(client.id(), speaks.id()), pairs(result));
        assertEquals(MatchingWeights.DEFAULTS.maxScore(), result.totalScore());
    }

    @Test
    void columnGenerationFindsAPairThePrunedListLeftOut() {
        // With one candidate each, both clients first see only the best volunteer X; certifying the
        // optimum needs the left-out pair with Y.
        MatchingEngine oneCandidate = new MatchingEngine(MatchingWeights.DEFAULTS, new MatchingOptions(1, false));
        ClientProfile a = client().id(id(1)).preferredLanguage("ar").build();
        ClientProfile b = client().id(id(2)).preferredLanguage("ar").build();
        VolunteerProfile x = volunteer().id(id(11)).languages("sv", "ar").build();
        VolunteerProfile y = volunteer().id(id(12)).languages("sv").build();
        BatchResult result = oneCandidate.assignBatch(List.of(a, b), List.of(x, y), EndedForCause.none());
        assertEquals(2, result.matches().size());
        assertTrue(result.certificate().certified());
        assertTrue(result.certificate().columnGenerationRounds() >= 1);
        assertTrue(result.certificate().addedEdges() >= 1);
    }

    @Test
    void certificateValuesAreEqualForAnOptimalBatch() {
        RandomInstances.Instance instance = new RandomInstances(3).instance(30, 20);
        BatchResult result = new MatchingEngine(instance.weights())
                .assignBatch(instance.clients(), instance.volunteers(), instance.ended());
        assertTrue(result.certificate().certified());
        assertEquals(result.certificate().primalValue(), result.certificate().dualValue());
        assertEquals(result.totalScore() + result.matches().size() * result.certificate().matchBonus(),
                result.certificate().primalValue());
    }

    @Test
    void explanationsOfMatchesAddUpToTheirScores() {
        RandomInstances.Instance instance = new RandomInstances(4).instance(30, 20);
        BatchResult result = new MatchingEngine(instance.weights())
                .assignBatch(instance.clients(), instance.volunteers(), instance.ended());
        for (ProposedMatch match : result.matches()) {
            assertEquals(match.score(), match.explanation().totalPoints());
        }
    }

    @Test
    void duplicateClientIdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> engine.assignBatch(
                List.of(client().id(id(1)).build(), client().id(id(1)).build()), List.of(volunteer().build()),
                EndedForCause.none()));
    }

    @Test
    void emptyWaitingListGivesAnEmptyCertifiedBatch() {
        BatchResult result = engine.assignBatch(List.of(), List.of(volunteer().build()), EndedForCause.none());
        assertTrue(result.matches().isEmpty());
        assertTrue(result.certificate().certified());
    }
}
