package se.bredvid.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.bredvid.matching.engine.Profiles.client;
import static se.bredvid.matching.engine.Profiles.id;
import static se.bredvid.matching.engine.Profiles.volunteer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

class SuggestTest {

    private final MatchingEngine engine = new MatchingEngine(MatchingWeights.DEFAULTS);

    @Test
    void candidatesComeBestScoreFirst() {
        ClientProfile client = client().preferredLanguage("ar").interests("music").build();
        VolunteerProfile both = volunteer().id(id(3)).languages("ar").interests("music").build();
        VolunteerProfile language = volunteer().id(id(2)).languages("ar").build();
        VolunteerProfile neither = volunteer().id(id(1)).languages("sv").build();
        List<Candidate> candidates = engine.suggest(client, List.of(neither, both, language), EndedForCause.none(), 3);
        assertEquals(List.of(both.id(), language.id(), neither.id()),
                candidates.stream().map(Candidate::volunteerId).toList());
    }

    @Test
    void equalScoresAreOrderedByVolunteerId() {
        List<VolunteerProfile> volunteers = new ArrayList<>();
        for (int n = 10; n > 0; n--) {
            volunteers.add(volunteer().id(id(n)).build());
        }
        List<Candidate> candidates = engine.suggest(client().build(), volunteers, EndedForCause.none(), 4);
        assertEquals(List.of(id(1), id(2), id(3), id(4)), candidates.stream().map(Candidate::volunteerId).toList());
    }

    @Test
    void fewerFeasibleVolunteersThanAskedForGivesThemAll() {
        List<VolunteerProfile> volunteers = List.of(volunteer().id(id(1)).build(),
                volunteer().id(id(2)).approved(false).build());
        assertEquals(1, engine.suggest(client().build(), volunteers, EndedForCause.none(), 5).size());
    }

    @Test
    void askingForNoCandidatesGivesNone() {
        assertTrue(engine.suggest(client().build(), List.of(volunteer().build()), EndedForCause.none(), 0).isEmpty());
    }

    @Test
    void negativeCountIsRejected() {
        assertThrows(IllegalArgumentException.class,
                () -> engine.suggest(client().build(), List.of(volunteer().build()), EndedForCause.none(), -1));
    }

    @Test
    void duplicateVolunteerIdsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> engine.suggest(client().build(),
                List.of(volunteer().id(id(1)).build(), volunteer().id(id(1)).build()), EndedForCause.none(), 1));
    }

    @Test
    void inputOrderDoesNotChangeTheSuggestions() {
        RandomInstances.Instance instance = new RandomInstances(7).instance(1, 60);
        List<VolunteerProfile> shuffled = new ArrayList<>(instance.volunteers());
        Collections.shuffle(shuffled, new java.util.Random(1));
        MatchingEngine random = new MatchingEngine(instance.weights());
        ClientProfile client = instance.clients().get(0);
        assertEquals(random.suggest(client, instance.volunteers(), instance.ended(), 10),
                random.suggest(client, shuffled, instance.ended(), 10));
    }

    @Test
    void preparedPoolGivesTheSameSuggestionsAsAList() {
        RandomInstances.Instance instance = new RandomInstances(8).instance(1, 60);
        MatchingEngine random = new MatchingEngine(instance.weights());
        ClientProfile client = instance.clients().get(0);
        assertEquals(random.suggest(client, instance.volunteers(), instance.ended(), 10),
                random.suggest(client, VolunteerPool.of(instance.volunteers()), instance.ended(), 10));
    }
}
