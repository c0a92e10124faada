package se.bredvid.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static se.bredvid.matching.engine.Profiles.client;
import static se.bredvid.matching.engine.Profiles.volunteer;

import java.time.DayOfWeek;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ScoringTest {

    private static final MatchingWeights W = MatchingWeights.DEFAULTS;
    private final MatchingEngine engine = new MatchingEngine(W);

    private CriterionResult line(Profiles.ClientBuilder client, Profiles.VolunteerBuilder volunteer,
            Criterion criterion) {
        return engine.evaluate(client.build(), volunteer.build(), EndedForCause.none()).explanation().of(criterion);
    }

    @Test
    void explanationListsEveryCriterionOnceInOrder() {
        Explanation explanation = engine.evaluate(client().build(), volunteer().build(), EndedForCause.none())
                .explanation();
        assertEquals(Arrays.asList(Criterion.values()),
                explanation.criteria().stream().map(CriterionResult::criterion).toList());
    }

    @Test
    void clientWithoutWishesGivesEveryVolunteerTheMaximumScore() {
        Evaluation evaluation = engine.evaluate(client().build(), volunteer().digitalWilling(true).build(),
                EndedForCause.none());
        assertEquals(W.maxScore(), evaluation.score());
    }

    @Test
    void scoreIsTheSumOfTheExplainedPoints() {
        Evaluation evaluation = engine.evaluate(
                client().preferredLanguage("ar").gender(Gender.WOMAN, false).interests("music", "art")
                        .needs(Need.HOUSING, Need.STUDIES_AND_WORK).build(),
                volunteer().languages("sv", "ar").gender(Gender.MAN).interests("music").supportAreas(Need.HOUSING)
                        .build(),
                EndedForCause.none());
        assertEquals(evaluation.explanation().totalPoints(), evaluation.score());
    }

    @Test
    void preferredLanguageScoresOnlyWhenTheVolunteerSpeaksIt() {
        assertEquals(new CriterionResult(Criterion.PREFERRED_LANGUAGE, Outcome.MATCHED, 30, 30),
                line(client().preferredLanguage("ar"), volunteer().languages("ar"), Criterion.PREFERRED_LANGUAGE));
        assertEquals(new CriterionResult(Criterion.PREFERRED_LANGUAGE, Outcome.NOT_MATCHED, 0, 30),
                line(client().preferredLanguage("ar"), volunteer().languages("sv"), Criterion.PREFERRED_LANGUAGE));
    }

    @Test
    void commonLanguageScoresWhenAnyClientLanguageIsShared() {
        assertEquals(Outcome.MATCHED,
                line(client().languages("so", "sv"), volunteer().languages("sv"), Criterion.COMMON_LANGUAGE).outcome());
        assertEquals(0, line(client().languages("so"), volunteer().languages("sv"), Criterion.COMMON_LANGUAGE).points());
    }

    @Test
    void wishedGenderScoresAndAnotherGenderDoesNot() {
        assertEquals(20, line(client().gender(Gender.WOMAN, false), volunteer().gender(Gender.WOMAN), Criterion.GENDER)
                .points());
        assertEquals(Outcome.NOT_MATCHED,
                line(client().gender(Gender.WOMAN, false), volunteer().gender(Gender.MAN), Criterion.GENDER).outcome());
    }

    @Test
    void ageWithinTheWishedRangeScores() {
        assertEquals(Outcome.MATCHED,
                line(client().ageRange(new AgeRange(30, 40), false), volunteer().age(40), Criterion.AGE).outcome());
        assertEquals(Outcome.NOT_MATCHED,
                line(client().ageRange(new AgeRange(30, 40), false), volunteer().age(41), Criterion.AGE).outcome());
    }

    @Test
    void wantedSharedBackgroundScoresOnlyForASharedCommunity() {
        Profiles.ClientBuilder wants = client().communities("c1").sharedBackground(SharedBackground.WANTED);
        assertEquals(20, line(wants, volunteer().communities("c1"), Criterion.SHARED_BACKGROUND).points());
        assertEquals(0, line(wants, volunteer().communities("c2"), Criterion.SHARED_BACKGROUND).points());
    }

    @Test
    void sharedInterestsScorePerInterestUpToTheCap() {
        Profiles.ClientBuilder client = client().interests("music", "art", "games", "cooking");
        assertEquals(new CriterionResult(Criterion.INTERESTS, Outcome.PARTLY_MATCHED, 10, 15),
                line(client, volunteer().interests("music", "art"), Criterion.INTERESTS));
        assertEquals(new CriterionResult(Criterion.INTERESTS, Outcome.MATCHED, 15, 15),
                line(client, volunteer().interests("music", "art", "games", "cooking"), Criterion.INTERESTS));
        assertEquals(new CriterionResult(Criterion.INTERESTS, Outcome.NOT_MATCHED, 0, 15),
                line(client, volunteer().interests("football"), Criterion.INTERESTS));
    }

    @Test
    void needsScorePartlyForTheShareTheVolunteerCanSupport() {
        Profiles.ClientBuilder client = client().needs(Need.HOUSING, Need.STUDIES_AND_WORK, Need.EMOTIONAL_SUPPORT);
        assertEquals(new CriterionResult(Criterion.NEEDS, Outcome.PARTLY_MATCHED, 13, 20),
                line(client, volunteer().supportAreas(Need.HOUSING, Need.EMOTIONAL_SUPPORT), Criterion.NEEDS));
        assertEquals(Outcome.MATCHED, line(client,
                volunteer().supportAreas(Need.HOUSING, Need.STUDIES_AND_WORK, Need.EMOTIONAL_SUPPORT), Criterion.NEEDS)
                .outcome());
    }

    @Test
    void clientOpenToBothMeetingModesScoresHalfForAVolunteerWhoOffersOnlyOne() {
        assertEquals(new CriterionResult(Criterion.MEETING_MODE, Outcome.PARTLY_MATCHED, 5, 10),
                line(client().region("0180"), volunteer().homeRegion("2580").digitalWilling(true),
                        Criterion.MEETING_MODE));
        assertEquals(Outcome.MATCHED, line(client().region("0180"),
                volunteer().homeRegion("0180").digitalWilling(true), Criterion.MEETING_MODE).outcome());
    }

    @Test
    void sharedWeeklySlotScoresForAvailability() {
        TimeSlot thursdayEvening = new TimeSlot(DayOfWeek.THURSDAY, DayPart.EVENING);
        TimeSlot mondayMorning = new TimeSlot(DayOfWeek.MONDAY, DayPart.MORNING);
        assertEquals(15, line(client().availability(thursdayEvening),
                volunteer().availability(mondayMorning, thursdayEvening), Criterion.AVAILABILITY).points());
        assertEquals(0, line(client().availability(thursdayEvening), volunteer().availability(mondayMorning),
                Criterion.AVAILABILITY).points());
    }

    @Test
    void missingWishGivesFullPointsMarkedAsNoPreference() {
        assertEquals(new CriterionResult(Criterion.GENDER, Outcome.NO_PREFERENCE, 20, 20),
                line(client(), volunteer().gender(Gender.MAN), Criterion.GENDER));
    }

    @Test
    void languageCannotBeBothRequiredAndExcluded() {
        assertThrows(IllegalArgumentException.class,
                () -> client().requiredLanguages("ar").excludedLanguages("ar").build());
    }

    @Test
    void inPersonClientMustHaveARegion() {
        assertThrows(IllegalArgumentException.class,
                () -> client().meetingMode(MeetingMode.IN_PERSON).region(null).build());
    }

    @Test
    void negativeWeightsAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> new MatchingWeights(-1, 0, 0, 0, 0, 0, 0, 0, 0, 0));
    }

    @Test
    void clientLanguagesAlwaysIncludePreferredAndRequiredOnes() {
        assertEquals(Set.of("sv", "ar", "so"),
                client().languages("sv").preferredLanguage("ar").requiredLanguages("so").build().languages());
    }
}
