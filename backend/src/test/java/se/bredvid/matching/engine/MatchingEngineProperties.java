package se.bredvid.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * Properties over thousands of random instances (see {@link RandomInstances}); the oracles are
 * {@link ReferenceRules} (hard constraints on the records) and {@link BruteForce} (the batch optimum).
 */
class MatchingEngineProperties {

    @Property(tries = 1000)
    void engineConflictsAgreeWithTheReferenceRules(@ForAll long seed) {
        RandomInstances.Instance instance = new RandomInstances(seed).instance(4, 12);
        MatchingEngine engine = new MatchingEngine(instance.weights());
        for (ClientProfile client : instance.clients()) {
            for (VolunteerProfile volunteer : instance.volunteers()) {
                assertEquals(ReferenceRules.conflicts(client, volunteer, instance.ended()),
                        engine.evaluate(client, volunteer, instance.ended()).conflicts());
            }
        }
    }

    @Property(tries = 1000)
    void suggestionsNeverBreakAHardConstraint(@ForAll long seed, @ForAll @IntRange(min = 0, max = 8) int k) {
        RandomInstances.Instance instance = new RandomInstances(seed).instance(5, 30);
        MatchingEngine engine = new MatchingEngine(instance.weights());
        Map<UUID, VolunteerProfile> byId = byId(instance.volunteers());
        for (ClientProfile client : instance.clients()) {
            for (Candidate candidate : engine.suggest(client, instance.volunteers(), instance.ended(), k)) {
                assertTrue(ReferenceRules.feasible(client, byId.get(candidate.volunteerId()), instance.ended()));
            }
        }
    }

    @Property(tries = 1000)
    void suggestionsAreTheKBestFeasibleByScoreThenId(@ForAll long seed, @ForAll @IntRange(min = 0, max = 8) int k) {
        RandomInstances.Instance instance = new RandomInstances(seed).instance(3, 30);
        MatchingEngine engine = new MatchingEngine(instance.weights());
        for (ClientProfile client : instance.clients()) {
            List<Candidate> expected = new ArrayList<>();
            for (VolunteerProfile volunteer : instance.volunteers()) {
                if (ReferenceRules.feasible(client, volunteer, instance.ended())) {
                    Evaluation evaluation = engine.evaluate(client, volunteer, instance.ended());
                    expected.add(new Candidate(volunteer.id(), evaluation.score(), evaluation.explanation()));
                }
            }
            expected.sort(Comparator.comparingInt(Candidate::score).reversed()
                    .thenComparing(Candidate::volunteerId));
            assertEquals(expected.subList(0, Math.min(k, expected.size())),
                    engine.suggest(client, instance.volunteers(), instance.ended(), k));
        }
    }

    @Property(tries = 500)
    void preparedPoolAndPlainListGiveTheSameSuggestions(@ForAll long seed, @ForAll @IntRange(min = 0, max = 8) int k) {
        RandomInstances.Instance instance = new RandomInstances(seed).instance(3, 30);
        MatchingEngine engine = new MatchingEngine(instance.weights());
        VolunteerPool pool = VolunteerPool.of(instance.volunteers());
        for (ClientProfile client : instance.clients()) {
            assertEquals(engine.suggest(client, instance.volunteers(), instance.ended(), k),
                    engine.suggest(client, pool, instance.ended(), k));
        }
    }

    @Property(tries = 1000)
    void explanationsAddUpToTheScore(@ForAll long seed) {
        RandomInstances.Instance instance = new RandomInstances(seed).instance(3, 20);
        MatchingEngine engine = new MatchingEngine(instance.weights());
        for (ClientProfile client : instance.clients()) {
            for (Candidate candidate : engine.suggest(client, instance.volunteers(), instance.ended(), 20)) {
                assertEquals(candidate.score(), candidate.explanation().totalPoints());
                assertTrue(candidate.score() <= instance.weights().maxScore());
            }
            for (VolunteerProfile volunteer : instance.volunteers()) {
                Evaluation evaluation = engine.evaluate(client, volunteer, instance.ended());
                assertEquals(evaluation.score(), evaluation.explanation().totalPoints());
            }
        }
    }

    @Property(tries = 1000)
    void batchNeverBreaksAHardConstraintOrACapacity(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 4) int candidatesPerClient) {
        RandomInstances.Instance instance = new RandomInstances(seed).instance(40, 30);
        MatchingEngine engine = new MatchingEngine(instance.weights(), new MatchingOptions(candidatesPerClient, false));
        BatchResult result = engine.assignBatch(instance.clients(), instance.volunteers(), instance.ended());
        Map<UUID, VolunteerProfile> volunteers = byId(instance.volunteers());
        Map<UUID, ClientProfile> clients = new HashMap<>();
        instance.clients().forEach(client -> clients.put(client.id(), client));
        Map<UUID, Integer> used = new HashMap<>();
        Set<UUID> seen = new HashSet<>();
        for (ProposedMatch match : result.matches()) {
            assertTrue(seen.add(match.clientId()), "a client is matched at most once");
            VolunteerProfile volunteer = volunteers.get(match.volunteerId());
            assertTrue(ReferenceRules.feasible(clients.get(match.clientId()), volunteer, instance.ended()));
            int count = used.merge(volunteer.id(), 1, Integer::sum);
            assertTrue(count <= volunteer.freeCapacity(), "capacity respected");
            assertEquals(match.score(), match.explanation().totalPoints());
        }
        for (UnmatchedClient unmatched : result.unmatched()) {
            assertTrue(seen.add(unmatched.clientId()), "every client is either matched or unmatched");
            boolean anyFeasible = instance.volunteers().stream().anyMatch(
                    v -> ReferenceRules.feasible(clients.get(unmatched.clientId()), v, instance.ended()));
            assertEquals(anyFeasible ? UnmatchedClient.Reason.CAPACITY_TAKEN
                    : UnmatchedClient.Reason.NO_FEASIBLE_VOLUNTEER, unmatched.reason());
        }
        assertEquals(clients.keySet(), seen);
        assertTrue(result.certificate().certified());
    }

    @Property(tries = 2000)
    void batchOptimumEqualsBruteForce(@ForAll long seed, @ForAll @IntRange(min = 1, max = 3) int candidatesPerClient) {
        RandomInstances.Instance instance = new RandomInstances(seed).instance(6, 5);
        MatchingEngine engine = new MatchingEngine(instance.weights(), new MatchingOptions(candidatesPerClient, false));
        BatchResult result = engine.assignBatch(instance.clients(), instance.volunteers(), instance.ended());
        BruteForce.Optimum optimum = BruteForce.solve(instance, engine);
        assertEquals(optimum, new BruteForce.Optimum(result.matches().size(), result.totalScore()));
        assertTrue(result.certificate().certified());
    }

    @Property(tries = 1000)
    void certificateDualsHoldForEveryFeasiblePairAndMatchThePrimal(@ForAll long seed,
            @ForAll @IntRange(min = 1, max = 3) int candidatesPerClient) {
        RandomInstances.Instance instance = new RandomInstances(seed).instance(20, 15);
        MatchingEngine engine = new MatchingEngine(instance.weights(), new MatchingOptions(candidatesPerClient, false));
        BatchResult result = engine.assignBatch(instance.clients(), instance.volunteers(), instance.ended());
        OptimalityCertificate certificate = result.certificate();
        long dual = 0;
        for (ClientProfile client : instance.clients()) {
            long u = certificate.clientDuals().getOrDefault(client.id(), 0L);
            assertTrue(u >= 0);
            dual += u;
            for (VolunteerProfile volunteer : instance.volunteers()) {
                if (ReferenceRules.feasible(client, volunteer, instance.ended())) {
                    long v = certificate.volunteerDuals().getOrDefault(volunteer.id(), 0L);
                    long weight = engine.evaluate(client, volunteer, instance.ended()).score()
                            + certificate.matchBonus();
                    assertTrue(u + v >= weight, "dual constraint of a feasible pair");
                }
            }
        }
        for (VolunteerProfile volunteer : instance.volunteers()) {
            long v = certificate.volunteerDuals().getOrDefault(volunteer.id(), 0L);
            assertTrue(v >= 0);
            dual += v * volunteer.freeCapacity();
        }
        long primal = result.totalScore() + result.matches().size() * certificate.matchBonus();
        assertEquals(primal, dual, "strong duality: the assignment is optimal");
        assertEquals(primal, certificate.primalValue());
        assertEquals(dual, certificate.dualValue());
    }

    @Property(tries = 300)
    void batchIsTheSameWhateverTheInputOrderAndThreading(@ForAll long seed) {
        RandomInstances.Instance instance = new RandomInstances(seed).instance(40, 30);
        BatchResult sequential = new MatchingEngine(instance.weights(), new MatchingOptions(3, false))
                .assignBatch(instance.clients(), instance.volunteers(), instance.ended());
        List<ClientProfile> clients = new ArrayList<>(instance.clients());
        List<VolunteerProfile> volunteers = new ArrayList<>(instance.volunteers());
        Random random = new Random(seed);
        Collections.shuffle(clients, random);
        Collections.shuffle(volunteers, random);
        BatchResult parallel = new MatchingEngine(instance.weights(), new MatchingOptions(3, true))
                .assignBatch(clients, volunteers, instance.ended());
        assertEquals(sequential, parallel);
    }

    @Property(tries = 300)
    void moreCandidatesPerClientNeverChangeTheOptimumValue(@ForAll long seed) {
        RandomInstances.Instance instance = new RandomInstances(seed).instance(40, 30);
        BatchResult pruned = new MatchingEngine(instance.weights(), new MatchingOptions(1, false))
                .assignBatch(instance.clients(), instance.volunteers(), instance.ended());
        BatchResult complete = new MatchingEngine(instance.weights(), new MatchingOptions(1000, false))
                .assignBatch(instance.clients(), instance.volunteers(), instance.ended());
        assertEquals(complete.matches().size(), pruned.matches().size());
        assertEquals(complete.totalScore(), pruned.totalScore());
        assertEquals(1, complete.certificate().solveRounds());
    }

    private static Map<UUID, VolunteerProfile> byId(List<VolunteerProfile> volunteers) {
        Map<UUID, VolunteerProfile> byId = new HashMap<>();
        volunteers.forEach(volunteer -> byId.put(volunteer.id(), volunteer));
        return byId;
    }
}
