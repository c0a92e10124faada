package se.bredvid.platform;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The organisation's calendar: the one time zone in which "today", a decision's date, a certificate's date or a
 * report's month is reckoned ({@code bredvid.calendar.zone}, default Europe/Stockholm). A check-in schedule that
 * names no zone of its own takes this one.
 */
@Singleton
public class Calendar {

    private final ZoneId zone;
    private final Clock clock;

    Calendar(@Value("${bredvid.calendar.zone:Europe/Stockholm}") String zone, Clock clock) {
        this.zone = ZoneId.of(zone);
        this.clock = clock;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Today's date in the organisation's zone, by the injected clock. */
    public LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), zone);
    }

    /** The date of an instant in the organisation's zone. */
    public LocalDate date(Instant at) {
        return LocalDate.ofInstant(at, zone);
    }
}
