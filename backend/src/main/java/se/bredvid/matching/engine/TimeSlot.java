package se.bredvid.matching.engine;

import java.time.DayOfWeek;
import java.util.Collection;
import java.util.Objects;

/** A recurring weekly slot, e.g. Thursday evening. */
public record TimeSlot(DayOfWeek day, DayPart part) {

    public TimeSlot {
        Objects.requireNonNull(day, "day");
        Objects.requireNonNull(part, "part");
    }

    /** Position of this slot in a 21-bit week mask. */
    int bit() {
        return day.ordinal() * DayPart.values().length + part.ordinal();
    }

    static int mask(Collection<TimeSlot> slots) {
        int mask = 0;
        for (TimeSlot slot : slots) {
            mask |= 1 << slot.bit();
        }
        return mask;
    }
}
