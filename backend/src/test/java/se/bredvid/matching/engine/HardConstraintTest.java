package se.bredvid.matching.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static se.bredvid.matching.engine.Profiles.client;
import static se.bredvid.matching.engine.Profiles.volunteer;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * One test per hard constraint: the default pair is feasible, and changing one fact breaks exactly that
 * constraint, so the volunteer is neither suggested nor assigned.
 */
class HardConstraintTest {

    private final MatchingEngine engine = new MatchingEngine(MatchingWeights.DEFAULTS);

    private void assertOnlyConflict(HardConstraint expected, ClientProfile client, VolunteerProfile volunteer,
            EndedForCause ended) {
        assertEquals(Set.of(expected), engine.evaluate(client, volunteer, ended).conflicts());
        assertTrue(engine.suggest(client, List.of(volunteer), ended, 10).isEmpty(), "must not be suggested");
        BatchResult batch = engine.assignBatch(List.of(client), List.of(volunteer), ended);
        assertTrue(batch.matches().isEmpty(), "must not be assigned");
        assertEquals(UnmatchedClient.Reason.NO_FEASIBLE_VOLUNTEER, batch.unmatched().get(0).reason());
    }

    private void assertOnlyConflict(HardConstraint expected, ClientProfile client, VolunteerProfile volunteer) {
        assertOnlyConflict(expected, client, volunteer, EndedForCause.none());
    }

    @Test
    void defaultPairIsFeasibleSoEachTestBelowChangesOnlyOneFact() {
        Evaluation evaluation = engine.evaluate(client().build(), volunteer().build(), EndedForCause.none());
        assertTrue(evaluation.feasible());
        assertEquals(1, engine.suggest(client().build(), List.of(volunteer().build()), EndedForCause.none(), 1).size());
    }

    @Test
    void volunteerWhoIsNotApprovedIsNeverProposed() {
        assertOnlyConflict(HardConstraint.NOT_APPROVED, client().build(), volunteer().approved(false).build());
    }

    @Test
    void volunteerWhoHasNotCompletedTrainingIsNeverProposed() {
        assertOnlyConflict(HardConstraint.NOT_TRAINED, client().build(), volunteer().trained(false).build());
    }

    @Test
    void volunteerWhoseLoadHasReachedCapacityIsNeverProposed() {
        assertOnlyConflict(HardConstraint.NO_FREE_CAPACITY, client().build(),
                volunteer().capacity(2).currentLoad(2).build());
    }

    @Test
    void volunteerTheClientExcludedByNameIsNeverProposed() {
        VolunteerProfile named = volunteer().build();
        assertOnlyConflict(HardConstraint.EXCLUDED_VOLUNTEER, client().excludedVolunteers(named.id()).build(), named);
    }

    @Test
    void volunteerFromAnExcludedCommunityIsNeverProposed() {
        assertOnlyConflict(HardConstraint.EXCLUDED_COMMUNITY, client().excludedCommunities("c1").build(),
                volunteer().communities("c1", "c2").build());
    }

    @Test
    void volunteerLivingInAnExcludedPlaceIsNeverProposedEvenForDigitalSupport() {
        assertOnlyConflict(HardConstraint.EXCLUDED_PLACE,
                client().meetingMode(MeetingMode.DIGITAL).excludedPlaces("0581").build(),
                volunteer().homeRegion("0581").build());
    }

    @Test
    void volunteerSpeakingAnExcludedLanguageIsNeverProposed() {
        assertOnlyConflict(HardConstraint.EXCLUDED_LANGUAGE, client().excludedLanguages("ku").build(),
                volunteer().languages("sv", "ku").build());
    }

    @Test
    void volunteerWhoseEarlierContactWithTheClientEndedForCauseIsNeverProposedAgain() {
        ClientProfile client = client().build();
        VolunteerProfile volunteer = volunteer().build();
        EndedForCause ended = EndedForCause.of(List.of(new EndedForCause.Pair(client.id(), volunteer.id())));
        assertOnlyConflict(HardConstraint.ENDED_FOR_CAUSE, client, volunteer, ended);
    }

    @Test
    void endedForCauseWithAnotherClientDoesNotExcludeTheVolunteer() {
        ClientProfile client = client().build();
        VolunteerProfile volunteer = volunteer().build();
        EndedForCause ended = EndedForCause.of(List.of(new EndedForCause.Pair(Profiles.id(99), volunteer.id())));
        assertTrue(engine.evaluate(client, volunteer, ended).feasible());
    }

    @Test
    void inPersonClientIsNeverProposedAVolunteerWhoCannotReachTheirRegion() {
        assertOnlyConflict(HardConstraint.CANNOT_MEET_IN_PERSON,
                client().meetingMode(MeetingMode.IN_PERSON).region("2580").build(),
                volunteer().homeRegion("0180").reachableRegions("0581").build());
    }

    @Test
    void inPersonClientMayBeProposedAVolunteerWhoTravelsToTheirRegion() {
        Evaluation evaluation = engine.evaluate(client().meetingMode(MeetingMode.IN_PERSON).region("2580").build(),
                volunteer().homeRegion("0180").reachableRegions("2580").digitalWilling(false).build(),
                EndedForCause.none());
        assertTrue(evaluation.feasible());
    }

    @Test
    void digitalClientIsNeverProposedAVolunteerWhoDoesNotGiveDigitalSupport() {
        assertOnlyConflict(HardConstraint.NOT_WILLING_DIGITAL, client().meetingMode(MeetingMode.DIGITAL).build(),
                volunteer().digitalWilling(false).build());
    }

    @Test
    void clientOpenToBothIsNeverProposedAVolunteerWhoCanDoNeither() {
        assertOnlyConflict(HardConstraint.NO_COMMON_MEETING_MODE, client().region(null).build(),
                volunteer().digitalWilling(false).build());
    }

    @Test
    void volunteerWhoLacksARequiredLanguageIsNeverProposed() {
        assertOnlyConflict(HardConstraint.REQUIRED_LANGUAGE_MISSING, client().requiredLanguages("sv", "ar").build(),
                volunteer().languages("sv").build());
    }

    @Test
    void requiredLanguageNoVolunteerSpeaksMakesEveryoneInfeasible() {
        assertOnlyConflict(HardConstraint.REQUIRED_LANGUAGE_MISSING, client().requiredLanguages("ti").build(),
                volunteer().languages("sv").build());
    }

    @Test
    void compatriotIsNeverProposedWhenTheClientDoesNotWantASharedBackground() {
        assertOnlyConflict(HardConstraint.SHARED_BACKGROUND_NOT_WANTED,
                client().communities("c1").sharedBackground(SharedBackground.NOT_WANTED).build(),
                volunteer().communities("c1").build());
    }

    @Test
    void volunteerOfAnotherGenderIsNeverProposedWhenTheClientMadeGenderARule() {
        assertOnlyConflict(HardConstraint.REQUIRED_GENDER_MISMATCH, client().gender(Gender.WOMAN, true).build(),
                volunteer().gender(Gender.MAN).build());
    }

    @Test
    void volunteerOfAnotherGenderIsStillProposedWhenGenderIsOnlyAWish() {
        assertTrue(engine.evaluate(client().gender(Gender.WOMAN, false).build(), volunteer().gender(Gender.MAN).build(),
                EndedForCause.none()).feasible());
    }

    @Test
    void volunteerOutsideARequiredAgeRangeIsNeverProposed() {
        assertOnlyConflict(HardConstraint.REQUIRED_AGE_MISMATCH,
                client().ageRange(new AgeRange(20, 30), true).build(), volunteer().age(45).build());
    }

    @Test
    void everyBrokenConstraintIsReportedNotOnlyTheFirst() {
        Evaluation evaluation = engine.evaluate(client().excludedLanguages("ku").build(),
                volunteer().approved(false).trained(false).languages("sv", "ku").build(), EndedForCause.none());
        assertEquals(Set.of(HardConstraint.NOT_APPROVED, HardConstraint.NOT_TRAINED, HardConstraint.EXCLUDED_LANGUAGE),
                evaluation.conflicts());
    }

    @Test
    void everyConstraintHasAReasonSentence() {
        for (HardConstraint constraint : HardConstraint.values()) {
            assertTrue(constraint.reason().endsWith("."), constraint.name());
        }
    }
}
