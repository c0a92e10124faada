package se.bredvid.checkins;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * When check-ins fall due: weekly on a day and time, or every N days from a start date, in the pair's
 * time zone (so 18:00 stays 18:00 across daylight-saving changes). Pure: no clock, no database.
 */
public record CheckinSchedule(Kind kind, DayOfWeek dayOfWeek, Integer everyDays, LocalTime timeOfDay, ZoneId zone,
                              LocalDate startsOn, Duration grace) {

    public enum Kind { WEEKLY, EVERY_N_DAYS }

    public static final Duration MIN_GRACE = Duration.ofMinutes(15);
    public static final Duration MAX_GRACE = Duration.ofDays(7);
    public static final int MAX_EVERY_DAYS = 90;

    public CheckinSchedule {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(timeOfDay, "timeOfDay");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(startsOn, "startsOn");
        Objects.requireNonNull(grace, "grace");
        if (kind == Kind.WEEKLY && (dayOfWeek == null || everyDays != null)) {
            throw new IllegalArgumentException("a weekly schedule has a day of the week and no interval");
        }
        if (kind == Kind.EVERY_N_DAYS && (everyDays == null || dayOfWeek != null || everyDays < 1 || everyDays > MAX_EVERY_DAYS)) {
            throw new IllegalArgumentException("an every-N-days schedule has an interval of 1 to " + MAX_EVERY_DAYS + " days");
        }
        if (grace.compareTo(MIN_GRACE) < 0 || grace.compareTo(MAX_GRACE) > 0) {
            throw new IllegalArgumentException("the grace period is 15 minutes to 7 days");
        }
    }

    /** The first due time strictly after {@code after}, never before {@link #startsOn}. */
    public Instant nextDueAfter(Instant after) {
        LocalDate from = after.atZone(zone).toLocalDate();
        if (from.isBefore(startsOn)) {
            from = startsOn;
        }
        LocalDate date;
        int step;
        if (kind == Kind.WEEKLY) {
            date = from.plusDays((dayOfWeek.getValue() - from.getDayOfWeek().getValue() + 7) % 7);
            step = 7;
        } else {
            long periods = ChronoUnit.DAYS.between(startsOn, from) / everyDays;
            date = startsOn.plusDays(periods * everyDays);
            step = everyDays;
        }
        Instant due = ZonedDateTime.of(date, timeOfDay, zone).toInstant();
        while (!due.isAfter(after)) {
            date = date.plusDays(step);
            due = ZonedDateTime.of(date, timeOfDay, zone).toInstant();
        }
        return due;
    }

    /** The latest due time at or before {@code now} that comes after {@code after}, if any. */
    public java.util.Optional<Instant> latestDueBetween(Instant after, Instant now) {
        Instant next = nextDueAfter(after);
        if (next.isAfter(now)) {
            return java.util.Optional.empty();
        }
        // After an outage only the most recent occurrence is asked for; older ones are not piled up.
        for (int i = 0; i < 10_000; i++) {
            Instant following = nextDueAfter(next);
            if (following.isAfter(now)) {
                break;
            }
            next = following;
        }
        return java.util.Optional.of(next);
    }
}
