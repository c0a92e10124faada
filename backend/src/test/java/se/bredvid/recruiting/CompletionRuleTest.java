package se.bredvid.recruiting;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompletionRuleTest {

    private static final CompletionRule SEVEN_OF_EIGHT = new CompletionRule(7, true);

    /** Eight themes; themes 0, 2 and 3 are mandatory, like the default curriculum. */
    private static final List<CompletionRule.Theme> CURRICULUM = curriculum(8, Set.of(0, 2, 3));

    private static List<CompletionRule.Theme> curriculum(int n, Set<Integer> mandatory) {
        List<CompletionRule.Theme> themes = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            themes.add(new CompletionRule.Theme(UUID.randomUUID(), mandatory.contains(i)));
        }
        return themes;
    }

    private static Set<UUID> attendedAllBut(List<CompletionRule.Theme> curriculum, Integer... missed) {
        Set<UUID> ids = new HashSet<>();
        Set<Integer> skip = Set.of(missed);
        for (int i = 0; i < curriculum.size(); i++) {
            if (!skip.contains(i)) {
                ids.add(curriculum.get(i).id());
            }
        }
        return ids;
    }

    @Test
    void allEightThemesComplete() {
        assertTrue(SEVEN_OF_EIGHT.evaluate(CURRICULUM, attendedAllBut(CURRICULUM)).complete());
    }

    @Test
    void sevenOfEightCompleteWhenTheMissedThemeIsOptional() {
        var outcome = SEVEN_OF_EIGHT.evaluate(CURRICULUM, attendedAllBut(CURRICULUM, 1));
        assertTrue(outcome.complete());
        assertEquals(7, outcome.covered());
        assertEquals(7, outcome.required());
    }

    @Test
    void sevenOfEightAreNotEnoughWhenTheMissedThemeIsMandatory() {
        var outcome = SEVEN_OF_EIGHT.evaluate(CURRICULUM, attendedAllBut(CURRICULUM, 2));
        assertFalse(outcome.complete());
        assertEquals(List.of(CURRICULUM.get(2).id()), outcome.missingMandatory());
    }

    @Test
    void sixOfEightAreNotEnoughEvenWithEveryMandatoryTheme() {
        var outcome = SEVEN_OF_EIGHT.evaluate(CURRICULUM, attendedAllBut(CURRICULUM, 1, 4));
        assertFalse(outcome.complete());
        assertTrue(outcome.missingMandatory().isEmpty());
        assertEquals(6, outcome.covered());
    }

    @Test
    void nothingAttendedIsNotComplete() {
        var outcome = SEVEN_OF_EIGHT.evaluate(CURRICULUM, Set.of());
        assertFalse(outcome.complete());
        assertEquals(3, outcome.missingMandatory().size());
    }

    @Test
    void themesOutsideTheCurriculumDoNotCount() {
        Set<UUID> attended = attendedAllBut(CURRICULUM, 1, 4);
        attended.add(UUID.randomUUID());
        attended.add(UUID.randomUUID());
        assertFalse(SEVEN_OF_EIGHT.evaluate(CURRICULUM, attended).complete());
    }

    @Test
    void mandatoryThemesMayBeMissedWhenTheRuleDoesNotRequireThem() {
        var lenient = new CompletionRule(7, false);
        assertTrue(lenient.evaluate(CURRICULUM, attendedAllBut(CURRICULUM, 2)).complete());
    }

    @Test
    void aStricterRuleAsksForEveryTheme() {
        var all = new CompletionRule(8, true);
        assertFalse(all.evaluate(CURRICULUM, attendedAllBut(CURRICULUM, 1)).complete());
        assertTrue(all.evaluate(CURRICULUM, attendedAllBut(CURRICULUM)).complete());
    }

    @Test
    void aCurriculumShorterThanTheMinimumAsksForAllItsThemes() {
        var five = curriculum(5, Set.of());
        var outcome = SEVEN_OF_EIGHT.evaluate(five, attendedAllBut(five));
        assertTrue(outcome.complete());
        assertEquals(5, outcome.required());
        assertFalse(SEVEN_OF_EIGHT.evaluate(five, attendedAllBut(five, 0)).complete());
    }

    @Test
    void anEmptyCurriculumIsNeverComplete() {
        assertFalse(SEVEN_OF_EIGHT.evaluate(List.of(), Set.of()).complete());
    }

    @Test
    void aRuleAskingForNoSessionIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CompletionRule(0, true));
    }
}
