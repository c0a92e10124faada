package se.bredvid.matching.engine;

/** A volunteer in bit-set form, for the hot loops. */
final class CompiledVolunteer {

    final int index;
    final VolunteerProfile profile;
    final boolean approved;
    final boolean trained;
    final int freeCapacity;
    /** Approved, trained and with a free place: the only volunteers the loops look at. */
    final boolean eligible;
    final long[] languages;
    final int homeRegion;
    final long[] reachableRegions;
    final boolean digitalWilling;
    final int gender;
    final int age;
    final long[] communities;
    final long[] interests;
    final int supportAreas;
    final int availability;

    CompiledVolunteer(int index, VolunteerProfile profile, Vocabulary languageCodes, Vocabulary regionCodes,
            Vocabulary communityCodes, Vocabulary interestCodes, boolean availabilityMatters) {
        this.index = index;
        this.profile = profile;
        this.approved = profile.approved();
        this.trained = profile.trained();
        this.freeCapacity = profile.freeCapacity();
        this.eligible = approved && trained && freeCapacity > 0;
        this.languages = languageCodes.bits(profile.languages());
        this.homeRegion = regionCodes.id(profile.homeRegion());
        this.reachableRegions = regionCodes.bits(profile.reachableRegions());
        this.digitalWilling = profile.digitalWilling();
        this.gender = profile.gender().ordinal();
        this.age = profile.age();
        this.communities = communityCodes.bits(profile.communities());
        this.interests = interestCodes.bits(profile.interests());
        this.supportAreas = needMask(profile.supportAreas());
        // A one-client pool skips this when the client gave no times: the rules then never read it.
        this.availability = availabilityMatters ? TimeSlot.mask(profile.availability()) : 0;
    }

    static int needMask(Iterable<Need> needs) {
        int mask = 0;
        for (Need need : needs) {
            mask |= 1 << need.ordinal();
        }
        return mask;
    }
}
