package se.bredvid.matching;

import io.micronaut.context.annotation.Value;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.notifications.StaffNotifications;
import se.bredvid.notifications.StaffNotifications.Audience;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Match support as CASA and mentoring programmes do it: per open pair, how long since they last wrote and
 * since the client last checked in, and how many check-ins were missed — times and counts only, never content
 * (threat model 2). A pair that has been quiet for longer than {@code bredvid.matching.quiet-after} (default
 * 14 days) is flagged, and the job puts one open item per quiet pair in the coordinators' worklist.
 */
@Singleton
class MatchSupport {

    /** The worklist kind of a quiet pair; the item opens the assignment. */
    static final String PAIR_QUIET = "PAIR_QUIET";

    @Serdeable
    record Pair(UUID assignmentId, UUID clientId, String clientPseudonym, UUID volunteerId, Assignments.State state,
                Instant activatedAt, Instant lastMessageAt, Long daysSinceLastMessage, Instant lastCheckinAt,
                Long daysSinceLastCheckin, int missedCheckins, boolean quiet) {
    }

    @Serdeable
    record Support(long quietAfterDays, List<Pair> pairs) {
    }

    private final AssignmentStore assignments;
    private final List<PairActivity> activities;
    private final StaffNotifications staff;
    private final Clock clock;
    private final Duration quietAfter;

    MatchSupport(AssignmentStore assignments, List<PairActivity> activities, StaffNotifications staff, Clock clock, @Value("${bredvid.matching.quiet-after:14d}") Duration quietAfter) {
        if (quietAfter.isNegative() || quietAfter.isZero()) {
            throw new IllegalArgumentException("bredvid.matching.quiet-after must be positive");
        }
        this.assignments = assignments;
        this.activities = activities;
        this.staff = staff;
        this.clock = clock;
        this.quietAfter = quietAfter;
    }

    /** The organisation's ACTIVE and PAUSED pairs, longest quiet first. */
    @Transactional(readOnly = true)
    public Support support(UUID org) {
        Instant now = clock.instant();
        // Each module says what it knows (messages; check-ins); the latest time and the sum of counts win.
        Map<UUID, PairActivity.Facts> known = new HashMap<>();
        for (PairActivity source : activities) {
            source.facts(org).forEach((assignment, f) -> known.merge(assignment, f, (a, b) -> new PairActivity.Facts(
                    latest(a.lastMessageAt(), b.lastMessageAt()), latest(a.lastCheckinAt(), b.lastCheckinAt()),
                    a.missedCheckins() + b.missedCheckins())));
        }
        List<Pair> pairs = new ArrayList<>();
        for (Assignments.AssignmentView a : open(org)) {
            PairActivity.Facts facts = known.get(a.id());
            Instant lastMessage = facts == null ? null : facts.lastMessageAt();
            Instant lastCheckin = facts == null ? null : facts.lastCheckinAt();
            // Quiet: an ACTIVE pair with no message since the later of its start and its last message. A
            // paused pair is expected to be quiet.
            Instant since = lastMessage != null ? lastMessage : a.activatedAt() != null ? a.activatedAt() : a.createdAt();
            boolean quiet = a.state() == Assignments.State.ACTIVE && Duration.between(since, now).compareTo(quietAfter) > 0;
            pairs.add(new Pair(a.id(), a.clientId(), a.clientPseudonym(), a.volunteerId(), a.state(), a.activatedAt(),
                    lastMessage, days(lastMessage, now), lastCheckin, days(lastCheckin, now),
                    facts == null ? 0 : facts.missedCheckins(), quiet));
        }
        pairs.sort((x, y) -> Boolean.compare(y.quiet(), x.quiet()) != 0 ? Boolean.compare(y.quiet(), x.quiet())
                : Long.compare(y.daysSinceLastMessage() == null ? Long.MAX_VALUE : y.daysSinceLastMessage(),
                x.daysSinceLastMessage() == null ? Long.MAX_VALUE : x.daysSinceLastMessage()));
        return new Support(quietAfter.toDays(), pairs);
    }

    /**
     * One round of the job for one organisation: an open worklist item per quiet pair (the notifications
     * module does not duplicate an open item), and the item resolved once the pair talks again or pauses.
     */
    @Transactional
    public int flagQuietPairs(UUID org) {
        int quiet = 0;
        for (Pair p : support(org).pairs()) {
            if (p.quiet()) {
                staff.notify(Audience.ORGANISATION, org, PAIR_QUIET, "ASSIGNMENT", p.assignmentId());
                quiet++;
            } else {
                staff.resolve(Audience.ORGANISATION, org, PAIR_QUIET, p.assignmentId());
            }
        }
        return quiet;
    }

    /** Organisations with an ACTIVE assignment: the only ones a round has anything to flag in. */
    @Transactional(readOnly = true)
    public List<UUID> organisationsWithActivePairs() {
        return assignments.organisationsWithOpenPairs();
    }

    private List<Assignments.AssignmentView> open(UUID org) {
        return assignments.openPairs(org);
    }

    private static Instant latest(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }

    private static Long days(Instant at, Instant now) {
        // Whole seconds: the database keeps microseconds and may round a stored time a hair past the clock's.
        return at == null ? null : Math.max(0, Duration.between(at.truncatedTo(ChronoUnit.SECONDS), now).toDays());
    }
}
