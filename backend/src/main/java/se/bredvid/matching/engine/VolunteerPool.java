package se.bredvid.matching.engine;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * An immutable, indexed snapshot of volunteers, sorted by id. Building it costs about as much as one
 * {@code suggest}; a caller that suggests for many clients against the same volunteers builds it once.
 */
public final class VolunteerPool {

    final List<VolunteerProfile> volunteers;
    final Vocabulary languageCodes = new Vocabulary();
    final Vocabulary regionCodes = new Vocabulary();
    final Vocabulary communityCodes = new Vocabulary();
    final Vocabulary interestCodes = new Vocabulary();
    final CompiledVolunteer[] compiled;
    /** Volunteers that are approved, trained and have a free place, in id order. */
    final CompiledVolunteer[] eligible;
    final Map<UUID, Integer> indexById;
    final int totalFreeCapacity;

    private VolunteerPool(Collection<VolunteerProfile> input) {
        List<VolunteerProfile> sorted = new ArrayList<>(input);
        sorted.sort(Comparator.comparing(VolunteerProfile::id));
        this.volunteers = List.copyOf(sorted);
        this.indexById = new HashMap<>(volunteers.size() * 2);
        for (int i = 0; i < volunteers.size(); i++) {
            VolunteerProfile volunteer = volunteers.get(i);
            if (indexById.put(volunteer.id(), i) != null) {
                throw new IllegalArgumentException("duplicate volunteer id");
            }
            languageCodes.addAll(volunteer.languages());
            regionCodes.addAll(volunteer.reachableRegions());
            communityCodes.addAll(volunteer.communities());
            interestCodes.addAll(volunteer.interests());
        }
        this.compiled = new CompiledVolunteer[volunteers.size()];
        List<CompiledVolunteer> eligibleList = new ArrayList<>();
        int free = 0;
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = new CompiledVolunteer(i, volunteers.get(i), languageCodes, regionCodes, communityCodes,
                    interestCodes);
            if (compiled[i].eligible) {
                eligibleList.add(compiled[i]);
                free += compiled[i].freeCapacity;
            }
        }
        this.eligible = eligibleList.toArray(new CompiledVolunteer[0]);
        this.totalFreeCapacity = free;
    }

    public static VolunteerPool of(Collection<VolunteerProfile> volunteers) {
        return new VolunteerPool(volunteers);
    }

    /** The volunteers, sorted by id. */
    public List<VolunteerProfile> volunteers() {
        return volunteers;
    }

    public int size() {
        return volunteers.size();
    }
}
