package se.bredvid.matching.engine;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * The hard constraints written again, naively, on the records: an oracle independent of the engine's
 * bit sets, so the property tests can catch a compilation or indexing bug.
 */
final class ReferenceRules {

    private ReferenceRules() {
    }

    static Set<HardConstraint> conflicts(ClientProfile c, VolunteerProfile v, EndedForCause ended) {
        Set<HardConstraint> broken = EnumSet.noneOf(HardConstraint.class);
        Preferences p = c.preferences();
        Exclusions x = c.exclusions();
        if (!v.approved()) {
            broken.add(HardConstraint.NOT_APPROVED);
        }
        if (!v.trained()) {
            broken.add(HardConstraint.NOT_TRAINED);
        }
        if (v.currentLoad() >= v.capacity()) {
            broken.add(HardConstraint.NO_FREE_CAPACITY);
        }
        if (x.volunteers().contains(v.id())) {
            broken.add(HardConstraint.EXCLUDED_VOLUNTEER);
        }
        if (ended.contains(c.id(), v.id())) {
            broken.add(HardConstraint.ENDED_FOR_CAUSE);
        }
        if (!Collections.disjoint(x.communities(), v.communities())) {
            broken.add(HardConstraint.EXCLUDED_COMMUNITY);
        }
        if (v.homeRegion() != null && x.places().contains(v.homeRegion())) {
            broken.add(HardConstraint.EXCLUDED_PLACE);
        }
        if (!Collections.disjoint(x.languages(), v.languages())) {
            broken.add(HardConstraint.EXCLUDED_LANGUAGE);
        }
        boolean inPerson = c.region() != null && v.reachableRegions().contains(c.region());
        switch (c.meetingMode()) {
            case IN_PERSON -> {
                if (!inPerson) {
                    broken.add(HardConstraint.CANNOT_MEET_IN_PERSON);
                }
            }
            case DIGITAL -> {
                if (!v.digitalWilling()) {
                    broken.add(HardConstraint.NOT_WILLING_DIGITAL);
                }
            }
            case BOTH -> {
                if (!inPerson && !v.digitalWilling()) {
                    broken.add(HardConstraint.NO_COMMON_MEETING_MODE);
                }
            }
        }
        if (!v.languages().containsAll(c.requiredLanguages())) {
            broken.add(HardConstraint.REQUIRED_LANGUAGE_MISSING);
        }
        if (p.sharedBackground() == SharedBackground.NOT_WANTED
                && !Collections.disjoint(c.communities(), v.communities())) {
            broken.add(HardConstraint.SHARED_BACKGROUND_NOT_WANTED);
        }
        if (p.genderRequired() && v.gender() != p.gender()) {
            broken.add(HardConstraint.REQUIRED_GENDER_MISMATCH);
        }
        if (p.ageRangeRequired() && !p.ageRange().contains(v.age())) {
            broken.add(HardConstraint.REQUIRED_AGE_MISMATCH);
        }
        return broken;
    }

    static boolean feasible(ClientProfile c, VolunteerProfile v, EndedForCause ended) {
        return conflicts(c, v, ended).isEmpty();
    }
}
