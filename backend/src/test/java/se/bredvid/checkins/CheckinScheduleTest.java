package se.bredvid.checkins;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckinScheduleTest {

    private static final ZoneId STOCKHOLM = ZoneId.of("Europe/Stockholm");
    private static final Duration GRACE = Duration.ofHours(2);

    private static Instant at(int y, int m, int d, int h, int min) {
        return ZonedDateTime.of(y, m, d, h, min, 0, 0, STOCKHOLM).toInstant();
    }

    private static CheckinSchedule weekly(DayOfWeek day, String time) {
        return new CheckinSchedule(CheckinSchedule.Kind.WEEKLY, day, null, LocalTime.parse(time), STOCKHOLM,
                LocalDate.of(2026, 1, 1), GRACE);
    }

    @Test
    void aWeeklyCheckinFallsDueOnTheNextMatchingDayAndTime() {
        // 2026-03-04 is a Wednesday
        assertEquals(at(2026, 3, 9, 18, 0), weekly(DayOfWeek.MONDAY, "18:00").nextDueAfter(at(2026, 3, 4, 12, 0)));
    }

    @Test
    void aWeeklyCheckinLaterTheSameDayIsThatDay() {
        assertEquals(at(2026, 3, 9, 18, 0), weekly(DayOfWeek.MONDAY, "18:00").nextDueAfter(at(2026, 3, 9, 17, 59)));
    }

    @Test
    void theDueTimeItselfIsNotAfterItself() {
        assertEquals(at(2026, 3, 16, 18, 0), weekly(DayOfWeek.MONDAY, "18:00").nextDueAfter(at(2026, 3, 9, 18, 0)));
    }

    @Test
    void theLocalTimeHoldsAcrossTheChangeToSummerTime() {
        // Sweden moves its clocks forward on 2026-03-29.
        Instant before = weekly(DayOfWeek.SUNDAY, "18:00").nextDueAfter(at(2026, 3, 21, 0, 0));
        Instant after = weekly(DayOfWeek.SUNDAY, "18:00").nextDueAfter(before);
        assertEquals(Duration.ofHours(7 * 24 - 1), Duration.between(before, after));
        assertEquals(18, after.atZone(STOCKHOLM).getHour());
    }

    @Test
    void everyNDaysCountsFromTheStartDate() {
        var every3 = new CheckinSchedule(CheckinSchedule.Kind.EVERY_N_DAYS, null, 3, LocalTime.of(9, 30), STOCKHOLM,
                LocalDate.of(2026, 3, 1), GRACE);
        assertEquals(at(2026, 3, 1, 9, 30), every3.nextDueAfter(at(2026, 2, 20, 0, 0)));
        assertEquals(at(2026, 3, 4, 9, 30), every3.nextDueAfter(at(2026, 3, 1, 9, 30)));
        assertEquals(at(2026, 3, 7, 9, 30), every3.nextDueAfter(at(2026, 3, 5, 8, 0)));
    }

    @Test
    void afterAnOutageOnlyTheLatestMissedOccurrenceIsAskedFor() {
        var schedule = weekly(DayOfWeek.MONDAY, "18:00");
        var latest = schedule.latestDueBetween(at(2026, 3, 1, 0, 0), at(2026, 3, 25, 0, 0));
        assertEquals(at(2026, 3, 23, 18, 0), latest.orElseThrow());
        assertTrue(schedule.latestDueBetween(at(2026, 3, 23, 18, 0), at(2026, 3, 25, 0, 0)).isEmpty());
    }

    @Test
    void inconsistentSchedulesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new CheckinSchedule(CheckinSchedule.Kind.WEEKLY, null, null,
                LocalTime.NOON, STOCKHOLM, LocalDate.of(2026, 1, 1), GRACE));
        assertThrows(IllegalArgumentException.class, () -> new CheckinSchedule(CheckinSchedule.Kind.EVERY_N_DAYS, null, 0,
                LocalTime.NOON, STOCKHOLM, LocalDate.of(2026, 1, 1), GRACE));
        assertThrows(IllegalArgumentException.class, () -> new CheckinSchedule(CheckinSchedule.Kind.WEEKLY, DayOfWeek.MONDAY,
                null, LocalTime.NOON, STOCKHOLM, LocalDate.of(2026, 1, 1), Duration.ofMinutes(1)));
    }

    @Test
    void onlyTheOtherSideAgreesToAProposal() {
        assertTrue(ScheduleState.PROPOSED.mayAgree(se.bredvid.identity.SubjectKind.VOLUNTEER, se.bredvid.identity.SubjectKind.CLIENT));
        assertTrue(!ScheduleState.PROPOSED.mayAgree(se.bredvid.identity.SubjectKind.CLIENT, se.bredvid.identity.SubjectKind.CLIENT));
        assertTrue(!ScheduleState.AGREED.mayAgree(se.bredvid.identity.SubjectKind.VOLUNTEER, se.bredvid.identity.SubjectKind.CLIENT));
    }
}
