package se.bredvid.matching.engine;

import static se.bredvid.matching.engine.HardConstraint.*;

import java.util.List;

/**
 * The one place where hard constraints and soft scores are decided. Both work on the compiled form and
 * allocate nothing unless an explanation is asked for, because the batch evaluates millions of pairs.
 */
final class Rules {

    private Rules() {
    }

    /**
     * The broken hard constraints as a bit mask of {@link HardConstraint#bit()}; 0 means feasible.
     *
     * @param firstOnly stop at the first broken constraint (the hot loops only need feasible or not)
     */
    static int violations(CompiledClient c, CompiledVolunteer v, boolean firstOnly) {
        int broken = 0;
        if (!v.approved) {
            broken |= NOT_APPROVED.bit();
            if (firstOnly) {
                return broken;
            }
        }
        if (!v.trained) {
            broken |= NOT_TRAINED.bit();
            if (firstOnly) {
                return broken;
            }
        }
        if (v.freeCapacity <= 0) {
            broken |= NO_FREE_CAPACITY.bit();
            if (firstOnly) {
                return broken;
            }
        }
        if (CompiledClient.listed(c.excludedVolunteers, v.index)) {
            broken |= EXCLUDED_VOLUNTEER.bit();
            if (firstOnly) {
                return broken;
            }
        }
        if (CompiledClient.listed(c.endedForCause, v.index)) {
            broken |= ENDED_FOR_CAUSE.bit();
            if (firstOnly) {
                return broken;
            }
        }
        if (c.hasExcludedCommunities && Bits.intersects(c.excludedCommunities, v.communities)) {
            broken |= EXCLUDED_COMMUNITY.bit();
            if (firstOnly) {
                return broken;
            }
        }
        if (c.hasExcludedPlaces && v.homeRegion >= 0 && Bits.test(c.excludedPlaces, v.homeRegion)) {
            broken |= EXCLUDED_PLACE.bit();
            if (firstOnly) {
                return broken;
            }
        }
        if (c.hasExcludedLanguages && Bits.intersects(c.excludedLanguages, v.languages)) {
            broken |= EXCLUDED_LANGUAGE.bit();
            if (firstOnly) {
                return broken;
            }
        }
        int meeting = meetingModeViolation(c, v);
        if (meeting != 0) {
            broken |= meeting;
            if (firstOnly) {
                return broken;
            }
        }
        if (c.hasRequiredLanguages
                && (c.requiredLanguageUnknown || !Bits.containsAll(v.languages, c.requiredLanguages))) {
            broken |= REQUIRED_LANGUAGE_MISSING.bit();
            if (firstOnly) {
                return broken;
            }
        }
        // Seed 001:557: a compatriot may be influenced by the family's views; the client decides.
        if (c.sharedBackground == SharedBackground.NOT_WANTED && Bits.intersects(c.communities, v.communities)) {
            broken |= SHARED_BACKGROUND_NOT_WANTED.bit();
            if (firstOnly) {
                return broken;
            }
        }
        if (c.genderRequired && v.gender != c.wantedGender) {
            broken |= REQUIRED_GENDER_MISMATCH.bit();
            if (firstOnly) {
                return broken;
            }
        }
        if (c.ageRangeRequired && !c.ageRange.contains(v.age)) {
            broken |= REQUIRED_AGE_MISMATCH.bit();
        }
        return broken;
    }

    private static int meetingModeViolation(CompiledClient c, CompiledVolunteer v) {
        return switch (c.meetingMode) {
            case IN_PERSON -> canMeetInPerson(c, v) ? 0 : CANNOT_MEET_IN_PERSON.bit();
            case DIGITAL -> v.digitalWilling ? 0 : NOT_WILLING_DIGITAL.bit();
            case BOTH -> canMeetInPerson(c, v) || v.digitalWilling ? 0 : NO_COMMON_MEETING_MODE.bit();
        };
    }

    private static boolean canMeetInPerson(CompiledClient c, CompiledVolunteer v) {
        return c.region >= 0 && Bits.test(v.reachableRegions, c.region);
    }

    /**
     * The pair's score; with a non-null {@code sink} also one {@link CriterionResult} per criterion, whose
     * points add up to the returned score.
     */
    static int score(CompiledClient c, CompiledVolunteer v, MatchingWeights w, List<CriterionResult> sink) {
        int total = 0;

        if (!c.hasPreferredLanguage) {
            total += record(sink, Criterion.PREFERRED_LANGUAGE, Outcome.NO_PREFERENCE, w.preferredLanguage(),
                    w.preferredLanguage());
        } else if (c.preferredLanguage >= 0 && Bits.test(v.languages, c.preferredLanguage)) {
            total += record(sink, Criterion.PREFERRED_LANGUAGE, Outcome.MATCHED, w.preferredLanguage(),
                    w.preferredLanguage());
        } else {
            total += record(sink, Criterion.PREFERRED_LANGUAGE, Outcome.NOT_MATCHED, 0, w.preferredLanguage());
        }

        if (c.profile.languages().isEmpty()) {
            total += record(sink, Criterion.COMMON_LANGUAGE, Outcome.NO_PREFERENCE, w.commonLanguage(),
                    w.commonLanguage());
        } else if (Bits.intersects(c.languages, v.languages)) {
            total += record(sink, Criterion.COMMON_LANGUAGE, Outcome.MATCHED, w.commonLanguage(), w.commonLanguage());
        } else {
            total += record(sink, Criterion.COMMON_LANGUAGE, Outcome.NOT_MATCHED, 0, w.commonLanguage());
        }

        if (c.wantedGender < 0) {
            total += record(sink, Criterion.GENDER, Outcome.NO_PREFERENCE, w.gender(), w.gender());
        } else if (v.gender == c.wantedGender) {
            total += record(sink, Criterion.GENDER, Outcome.MATCHED, w.gender(), w.gender());
        } else {
            total += record(sink, Criterion.GENDER, Outcome.NOT_MATCHED, 0, w.gender());
        }

        if (c.ageRange == null) {
            total += record(sink, Criterion.AGE, Outcome.NO_PREFERENCE, w.age(), w.age());
        } else if (c.ageRange.contains(v.age)) {
            total += record(sink, Criterion.AGE, Outcome.MATCHED, w.age(), w.age());
        } else {
            total += record(sink, Criterion.AGE, Outcome.NOT_MATCHED, 0, w.age());
        }

        total += sharedBackground(c, v, w, sink);
        total += interests(c, v, w, sink);
        total += needs(c, v, w, sink);
        total += meetingMode(c, v, w, sink);

        if (c.availability == 0) {
            total += record(sink, Criterion.AVAILABILITY, Outcome.NO_PREFERENCE, w.availability(), w.availability());
        } else if ((c.availability & v.availability) != 0) {
            total += record(sink, Criterion.AVAILABILITY, Outcome.MATCHED, w.availability(), w.availability());
        } else {
            total += record(sink, Criterion.AVAILABILITY, Outcome.NOT_MATCHED, 0, w.availability());
        }
        return total;
    }

    private static int sharedBackground(CompiledClient c, CompiledVolunteer v, MatchingWeights w,
            List<CriterionResult> sink) {
        int max = w.sharedBackground();
        if (c.sharedBackground == SharedBackground.NO_PREFERENCE) {
            return record(sink, Criterion.SHARED_BACKGROUND, Outcome.NO_PREFERENCE, max, max);
        }
        boolean shared = Bits.intersects(c.communities, v.communities);
        boolean met = (c.sharedBackground == SharedBackground.WANTED) == shared;
        return met
                ? record(sink, Criterion.SHARED_BACKGROUND, Outcome.MATCHED, max, max)
                : record(sink, Criterion.SHARED_BACKGROUND, Outcome.NOT_MATCHED, 0, max);
    }

    private static int interests(CompiledClient c, CompiledVolunteer v, MatchingWeights w,
            List<CriterionResult> sink) {
        int max = w.interests();
        if (c.interestCount == 0) {
            return record(sink, Criterion.INTERESTS, Outcome.NO_PREFERENCE, max, max);
        }
        int shared = Bits.countCommon(c.interests, v.interests);
        int counted = Math.min(shared, w.maxSharedInterests());
        Outcome outcome = shared >= Math.min(c.interestCount, w.maxSharedInterests()) ? Outcome.MATCHED
                : shared > 0 ? Outcome.PARTLY_MATCHED : Outcome.NOT_MATCHED;
        return record(sink, Criterion.INTERESTS, outcome, counted * w.perSharedInterest(), max);
    }

    private static int needs(CompiledClient c, CompiledVolunteer v, MatchingWeights w, List<CriterionResult> sink) {
        int max = w.needs();
        if (c.needCount == 0) {
            return record(sink, Criterion.NEEDS, Outcome.NO_PREFERENCE, max, max);
        }
        int covered = Integer.bitCount(c.needs & v.supportAreas);
        Outcome outcome = covered == c.needCount ? Outcome.MATCHED
                : covered > 0 ? Outcome.PARTLY_MATCHED : Outcome.NOT_MATCHED;
        return record(sink, Criterion.NEEDS, outcome, max * covered / c.needCount, max);
    }

    private static int meetingMode(CompiledClient c, CompiledVolunteer v, MatchingWeights w,
            List<CriterionResult> sink) {
        int max = w.meetingMode();
        boolean inPerson = canMeetInPerson(c, v);
        boolean digital = v.digitalWilling;
        boolean met = switch (c.meetingMode) {
            case IN_PERSON -> inPerson;
            case DIGITAL -> digital;
            case BOTH -> inPerson && digital;
        };
        if (met) {
            return record(sink, Criterion.MEETING_MODE, Outcome.MATCHED, max, max);
        }
        if (c.meetingMode == MeetingMode.BOTH && (inPerson || digital)) {
            return record(sink, Criterion.MEETING_MODE, Outcome.PARTLY_MATCHED, max / 2, max);
        }
        return record(sink, Criterion.MEETING_MODE, Outcome.NOT_MATCHED, 0, max);
    }

    private static int record(List<CriterionResult> sink, Criterion criterion, Outcome outcome, int points, int max) {
        if (sink != null) {
            sink.add(new CriterionResult(criterion, outcome, points, max));
        }
        return points;
    }
}
