package se.bredvid.matching;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
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

    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

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

    private final JdbcOperations jdbc;
    private final Clock clock;

    MatchingOverview(JdbcOperations jdbc, Clock clock) {
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Transactional(readOnly = true)
    public Overview overview(UUID org) {
        Instant now = clock.instant();
        YearMonth current = YearMonth.from(LocalDate.ofInstant(now, ZONE));
        List<ActiveAt> months = new ArrayList<>();
        for (int back = 11; back >= 0; back--) {
            YearMonth m = current.minusMonths(back);
            Instant at = back == 0 ? now : m.plusMonths(1).atDay(1).atStartOfDay(ZONE).toInstant();
            long active = jdbc.prepareStatement("""
                    select count(*) from assignment where organisation_id = ? and activated_at is not null
                    and activated_at <= ? and (ended_at is null or ended_at > ?)""", ps -> {
                ps.setObject(1, org);
                ps.setTimestamp(2, Timestamp.from(at));
                ps.setTimestamp(3, Timestamp.from(at));
                ResultSet rs = ps.executeQuery();
                rs.next();
                return rs.getLong(1);
            });
            months.add(new ActiveAt(m.toString(), active));
        }
        List<Long> days = jdbc.prepareStatement(
                "select waiting_since from client where organisation_id = ? and status = 'WAITING' order by waiting_since desc", ps -> {
                    ps.setObject(1, org);
                    ResultSet rs = ps.executeQuery();
                    List<Long> out = new ArrayList<>();
                    while (rs.next()) {
                        // Whole seconds: the database may round a stored time a microsecond past the clock's.
                        out.add(Math.max(0, Duration.between(rs.getTimestamp(1).toInstant().truncatedTo(ChronoUnit.SECONDS), now).toDays()));
                    }
                    return out;
                });
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
