package se.bredvid.matching.engine;

import java.util.Objects;
import java.util.Set;

/**
 * The client's wishes about the contact person. Gender and age are preferences that score points,
 * "unless the client makes them rules" (DOMAIN "Matching concerns"): then the flag makes them hard.
 *
 * @param gender           wished gender, or {@code null} for no preference
 * @param genderRequired   {@code true} makes {@code gender} a hard constraint
 * @param ageRange         wished age of the volunteer, or {@code null} for no preference
 * @param ageRangeRequired {@code true} makes {@code ageRange} a hard constraint
 * @param sharedBackground whether a shared community is wanted, not wanted (hard) or indifferent
 * @param interests        interest codes the client would like to share
 * @param availability     when the client can meet; empty means flexible
 */
public record Preferences(
        Gender gender,
        boolean genderRequired,
        AgeRange ageRange,
        boolean ageRangeRequired,
        SharedBackground sharedBackground,
        Set<String> interests,
        Set<TimeSlot> availability) {

    public static final Preferences NONE =
            new Preferences(null, false, null, false, SharedBackground.NO_PREFERENCE, Set.of(), Set.of());

    public Preferences {
        Objects.requireNonNull(sharedBackground, "sharedBackground");
        interests = Set.copyOf(Objects.requireNonNull(interests, "interests"));
        availability = Set.copyOf(Objects.requireNonNull(availability, "availability"));
        if (genderRequired && gender == null) {
            throw new IllegalArgumentException("a required gender needs a gender");
        }
        if (ageRangeRequired && ageRange == null) {
            throw new IllegalArgumentException("a required age range needs an age range");
        }
    }
}
