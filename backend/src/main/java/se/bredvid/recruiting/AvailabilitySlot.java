package se.bredvid.recruiting;

import se.bredvid.platform.Published;

import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;

import java.time.DayOfWeek;

/** A recurring weekly time a volunteer can meet, e.g. Thursday evening (evenings matter: seed 001:609). */
@Serdeable
@Published
public record AvailabilitySlot(@NotNull DayOfWeek day, @NotNull Part part) {

    public enum Part { MORNING, AFTERNOON, EVENING }

    String code() {
        return day.name() + ":" + part.name();
    }

    static AvailabilitySlot parse(String code) {
        int colon = code.indexOf(':');
        return new AvailabilitySlot(DayOfWeek.valueOf(code.substring(0, colon)), Part.valueOf(code.substring(colon + 1)));
    }
}
