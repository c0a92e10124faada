package se.bredvid.recruiting;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VolunteerStateTest {

    /** The lifecycle as the issue states it, written out independently of the enum's table. */
    private static final Set<String> LEGAL = Set.of(
            "APPLIED>INTERVIEW_BOOKED", "APPLIED>WITHDRAWN", "APPLIED>NOT_SUITABLE",
            "INTERVIEW_BOOKED>INTERVIEWED", "INTERVIEW_BOOKED>WITHDRAWN", "INTERVIEW_BOOKED>NOT_SUITABLE",
            "INTERVIEWED>IN_TRAINING", "INTERVIEWED>WITHDRAWN", "INTERVIEWED>NOT_SUITABLE",
            "IN_TRAINING>TRAINED", "IN_TRAINING>WITHDRAWN", "IN_TRAINING>NOT_SUITABLE",
            "TRAINED>APPROVED", "TRAINED>WITHDRAWN", "TRAINED>NOT_SUITABLE",
            "APPROVED>ACTIVE", "APPROVED>PAUSED", "APPROVED>ENDED",
            "ACTIVE>PAUSED", "ACTIVE>APPROVED", "ACTIVE>ENDED",
            "PAUSED>ACTIVE", "PAUSED>APPROVED", "PAUSED>ENDED");

    @TestFactory
    List<DynamicTest> everyPairOfStatesIsLegalExactlyWhenTheLifecycleSaysSo() {
        List<DynamicTest> tests = new ArrayList<>();
        for (VolunteerState from : VolunteerState.values()) {
            for (VolunteerState to : VolunteerState.values()) {
                boolean legal = LEGAL.contains(from + ">" + to);
                tests.add(DynamicTest.dynamicTest(from + " -> " + to + (legal ? " is legal" : " is illegal"),
                        () -> assertEquals(legal, from.mayGoTo(to))));
            }
        }
        return tests;
    }

    @Test
    void nextListsExactlyTheLegalTargets() {
        for (VolunteerState from : VolunteerState.values()) {
            Set<VolunteerState> expected = EnumSet.noneOf(VolunteerState.class);
            for (VolunteerState to : VolunteerState.values()) {
                if (LEGAL.contains(from + ">" + to)) {
                    expected.add(to);
                }
            }
            assertEquals(expected, from.next(), from.name());
        }
    }

    @Test
    void noStateMayStayWhereItIs() {
        for (VolunteerState s : VolunteerState.values()) {
            assertFalse(s.mayGoTo(s), s.name());
        }
    }

    @Test
    void nothingLeadsBackToApplied() {
        for (VolunteerState s : VolunteerState.values()) {
            assertFalse(s.mayGoTo(VolunteerState.APPLIED), s.name());
        }
    }

    @Test
    void onlyEndedWithdrawnAndNotSuitableAreTerminal() {
        Set<VolunteerState> terminal = EnumSet.noneOf(VolunteerState.class);
        for (VolunteerState s : VolunteerState.values()) {
            if (s.isTerminal()) {
                terminal.add(s);
            }
        }
        assertEquals(EnumSet.of(VolunteerState.ENDED, VolunteerState.WITHDRAWN, VolunteerState.NOT_SUITABLE), terminal);
    }

    @Test
    void everyNonTerminalStateCanReachATerminalOne() {
        for (VolunteerState s : VolunteerState.values()) {
            Set<VolunteerState> seen = EnumSet.of(s);
            List<VolunteerState> queue = new ArrayList<>(List.of(s));
            boolean reachesEnd = s.isTerminal();
            while (!queue.isEmpty() && !reachesEnd) {
                for (VolunteerState n : queue.remove(0).next()) {
                    reachesEnd |= n.isTerminal();
                    if (seen.add(n)) {
                        queue.add(n);
                    }
                }
            }
            assertTrue(reachesEnd, s.name());
        }
    }

    @Test
    void onlyApprovedActiveAndPausedVolunteersAreInTheRole() {
        for (VolunteerState s : VolunteerState.values()) {
            assertEquals(s == VolunteerState.APPROVED || s == VolunteerState.ACTIVE || s == VolunteerState.PAUSED,
                    s.isInRole(), s.name());
        }
    }

    @Test
    void aPausedVolunteerIsNotAvailableForNewClients() {
        assertFalse(VolunteerState.PAUSED.isAvailable());
        assertTrue(VolunteerState.APPROVED.isAvailable());
        assertTrue(VolunteerState.ACTIVE.isAvailable());
    }
}
