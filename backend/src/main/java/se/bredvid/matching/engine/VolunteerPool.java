package se.bredvid.matching.engine;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.UUID;

/**
 * An immutable, indexed snapshot of volunteers, sorted by id. Building it costs more than a suggestion
 * on it; a caller that suggests for many clients against the same volunteers builds it once.
 */
public final class VolunteerPool {

    final List<VolunteerProfile> volunteers;
    final Vocabulary languageCodes = new Vocabulary();
    final Vocabulary regionCodes = new Vocabulary();
    final Vocabulary communityCodes = new Vocabulary();
    final Vocabulary interestCodes = new Vocabulary();
    /** By pool index; in a one-client pool, null for volunteers that are not eligible. */
    final CompiledVolunteer[] compiled;
    /** Volunteers that are approved, trained and have a free place, in pool order. */
    final CompiledVolunteer[] eligible;
    /** Volunteer ids in pool order. */
    final UUID[] ids;
    /** Whether pool order is id order (always, except in a one-client pool). */
    private final boolean sorted;
    final int totalFreeCapacity;

    /**
     * @param scope when not null, the pool serves this one client: only the client's codes are numbered
     *              (enough, since every rule compares a volunteer's codes with the client's), volunteers
     *              keep input order and only eligible ones are compiled, which makes a one-off
     *              suggestion several times cheaper than a full pool
     */
    private VolunteerPool(Collection<VolunteerProfile> input, ClientProfile scope) {
        List<VolunteerProfile> ordered = new ArrayList<>(input);
        this.sorted = scope == null;
        if (sorted) {
            ordered.sort(Comparator.comparing(VolunteerProfile::id));
        }
        this.volunteers = List.copyOf(ordered);
        this.ids = new UUID[volunteers.size()];
        IdSet seen = sorted ? null : new IdSet(volunteers.size());
        for (int i = 0; i < ids.length; i++) {
            ids[i] = volunteers.get(i).id();
            boolean duplicate = sorted ? i > 0 && ids[i].equals(ids[i - 1]) : !seen.add(ids[i]);
            if (duplicate) {
                throw new IllegalArgumentException("duplicate volunteer id");
            }
        }
        boolean availabilityMatters = true;
        if (scope == null) {
            for (VolunteerProfile volunteer : volunteers) {
                languageCodes.addAll(volunteer.languages());
                regionCodes.addAll(volunteer.reachableRegions());
                communityCodes.addAll(volunteer.communities());
                interestCodes.addAll(volunteer.interests());
            }
        } else {
            languageCodes.addAll(scope.languages());
            languageCodes.addAll(scope.exclusions().languages());
            if (scope.region() != null) {
                regionCodes.addAll(List.of(scope.region()));
            }
            regionCodes.addAll(scope.exclusions().places());
            communityCodes.addAll(scope.communities());
            communityCodes.addAll(scope.exclusions().communities());
            interestCodes.addAll(scope.preferences().interests());
            availabilityMatters = !scope.preferences().availability().isEmpty();
        }
        this.compiled = new CompiledVolunteer[volunteers.size()];
        List<CompiledVolunteer> eligibleList = new ArrayList<>();
        int free = 0;
        for (int i = 0; i < compiled.length; i++) {
            VolunteerProfile volunteer = volunteers.get(i);
            boolean eligible = volunteer.approved() && volunteer.trained() && volunteer.freeCapacity() > 0;
            if (scope != null && !eligible) {
                continue;
            }
            compiled[i] = new CompiledVolunteer(i, volunteer, languageCodes, regionCodes, communityCodes,
                    interestCodes, availabilityMatters);
            if (eligible) {
                eligibleList.add(compiled[i]);
                free += compiled[i].freeCapacity;
            }
        }
        this.eligible = eligibleList.toArray(new CompiledVolunteer[0]);
        this.totalFreeCapacity = free;
    }

    public static VolunteerPool of(Collection<VolunteerProfile> volunteers) {
        return new VolunteerPool(volunteers, null);
    }

    /** A pool that serves only this client. */
    static VolunteerPool forClient(Collection<VolunteerProfile> volunteers, ClientProfile client) {
        return new VolunteerPool(volunteers, client);
    }

    /** The pool index of this volunteer, or -1. */
    int indexOf(UUID id) {
        if (sorted) {
            int index = Arrays.binarySearch(ids, id);
            return index >= 0 ? index : -1;
        }
        for (int i = 0; i < ids.length; i++) {
            if (ids[i].equals(id)) {
                return i;
            }
        }
        return -1;
    }

    /** The volunteers, sorted by id. */
    public List<VolunteerProfile> volunteers() {
        return sorted ? volunteers : volunteers.stream().sorted(Comparator.comparing(VolunteerProfile::id)).toList();
    }

    public int size() {
        return volunteers.size();
    }
}
