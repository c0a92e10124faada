package se.bredvid.matching;

import se.bredvid.platform.Calendar;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The matching side of the coordinator's overview (the recruiting side is GET /api/recruiting/overview):
 * active assignments at the end of each of the last twelve months, and the waiting list's waiting times.
 * Counts only, no pseudonyms.
 */
@Singleton
class MatchingOverview {

    /**
     * @param month  the month (yyyy-MM); the count is at its end (or now, for the current month)
     * @param active assignments ACTIVE or PAUSED at that moment (activated, not yet ended)
     */
    @Serdeable
    record ActiveAt(String month, long active) {
    }

    /** Waiting clients whose waiting time in days lies in [fromDays, toDays] (toDays null: no upper end). */
    @Serdeable
    record WaitingBand(int fromDays, Integer toDays, long clients) {
    }

    @Serdeable
    record Overview(Instant asOf, List<ActiveAt> activeByMonth, long waiting, Double medianWaitingDays,
                    Long longestWaitingDays, List<WaitingBand> waitingTimes) {
    }

    private static final int[][] BANDS = {{0, 7}, {8, 30}, {31, 90}, {91, 180}, {181, -1}};

    private final AssignmentStore assignments;
    private final ClientStore clients;
    private final Clock clock;
    private final Calendar calendar;

    MatchingOverview(AssignmentStore assignments, ClientStore clients, Clock clock, Calendar calendar) {
        this.assignments = assignments;
        this.clients = clients;
        this.clock = clock;
        this.calendar = calendar;
    }

    @Transactional(readOnly = true)
    public Overview overview(UUID org) {
        Instant now = clock.instant();
        YearMonth current = YearMonth.from(calendar.date(now));
        List<ActiveAt> months = new ArrayList<>();
        for (int back = 11; back >= 0; back--) {
            YearMonth m = current.minusMonths(back);
            Instant at = back == 0 ? now : m.plusMonths(1).atDay(1).atStartOfDay(calendar.zone()).toInstant();
            long active = assignments.activeAt(org, at);
            months.add(new ActiveAt(m.toString(), active));
        }
        // Whole seconds: the database may round a stored time a microsecond past the clock's.
        List<Long> days = clients.waitingSince(org).stream()
                .map(since -> Math.max(0, Duration.between(since.truncatedTo(ChronoUnit.SECONDS), now).toDays())).toList();
        List<WaitingBand> bands = new ArrayList<>();
        for (int[] b : BANDS) {
            long n = days.stream().filter(d -> d >= b[0] && (b[1] < 0 || d <= b[1])).count();
            bands.add(new WaitingBand(b[0], b[1] < 0 ? null : b[1], n));
        }
        Double median = days.isEmpty() ? null : days.size() % 2 == 1 ? (double) days.get(days.size() / 2)
                : (days.get(days.size() / 2 - 1) + days.get(days.size() / 2)) / 2.0;
        return new Overview(now, months, days.size(), median, days.isEmpty() ? null : days.get(days.size() - 1), bands);
    }
}
