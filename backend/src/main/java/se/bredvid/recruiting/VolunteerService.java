package se.bredvid.recruiting;

import io.micronaut.context.BeanProvider;
import io.micronaut.http.HttpStatus;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.identity.DeviceService;
import se.bredvid.identity.SubjectKind;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Volunteers of the coordinator's organisation and their lifecycle. Every transition is checked against
 * {@link VolunteerState}'s table and the guards below, and recorded with who, when and why.
 */
@Singleton
class VolunteerService {

    @Serdeable
    record VolunteerSummary(UUID id, String name, VolunteerState state, Instant stateSince, String region,
                            String municipality, List<String> languages, Instant appliedAt, int maxClients,
                            int activeClients) {
    }

    /** How a list is ordered: by application date (default), name or time in the current state; reversed with '-'. */
    enum Sort {
        APPLIED, NAME, STATE_SINCE
    }

    /**
     * What a coordinator narrows the list by. Empty {@code states} means every state; {@code size} null means
     * the whole list (the callers from before paging).
     */
    record Query(String q, List<VolunteerState> states, String region, String language, Boolean hasCapacity,
                 Sort sort, boolean descending, int page, Integer size) {
    }

    /** One page of the list and how many volunteers match in all. */
    record Page(List<VolunteerSummary> items, int total) {
    }

    @Serdeable
    record VolunteerDetail(UUID id, String name, String email, String phone, List<String> languages, String region,
                           String municipality, List<AvailabilitySlot> availability, int hoursPerMonth,
                           int maxClients, boolean digitalSupport, String availabilityNote, String motivation,
                           String consentTextVersion, Instant consentAt, Instant appliedAt, VolunteerState state,
                           Instant stateSince, List<VolunteerState> allowedTransitions) {
    }

    @Serdeable
    record TransitionView(VolunteerState from, VolunteerState to, Instant at, String actorKind, UUID actorId,
                          String reason) {
    }

    private final VolunteerStore volunteers;
    /** Lazily: the module that counts loads (matching) itself reads volunteers through this module. */
    private final BeanProvider<VolunteerLoad> loads;
    private final ScreeningService screening;
    private final TrainingService training;
    private final DeviceService devices;
    private final AuditLog audit;
    private final Clock clock;

    VolunteerService(VolunteerStore volunteers, BeanProvider<VolunteerLoad> loads, ScreeningService screening,
                     TrainingService training, DeviceService devices, AuditLog audit, Clock clock) {
        this.volunteers = volunteers;
        this.loads = loads;
        this.screening = screening;
        this.training = training;
        this.devices = devices;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * The list narrowed, ordered and paged on the server. State, region and language narrow in SQL; the name
     * (sealed) and the free capacity (another module's count) are matched here, over light rows only.
     */
    @Transactional
    public Page search(Caller caller, Query query) {
        UUID org = caller.requireOrganisation();
        List<VolunteerStore.Row> rows = volunteers.search(org, query.states(), query.region(), query.language());
        Map<UUID, Integer> load = new HashMap<>();
        for (VolunteerLoad l : loads) {
            l.activeClients(org).forEach((id, n) -> load.merge(id, n, Integer::sum));
        }
        boolean needNames = query.q() != null || query.sort() == Sort.NAME;
        String needle = query.q() == null ? null : fold(query.q());
        record Hit(VolunteerStore.Row row, String name) {
        }
        List<Hit> hits = new ArrayList<>(rows.size());
        for (VolunteerStore.Row r : rows) {
            if (query.hasCapacity() != null) {
                boolean free = r.state().isAvailable() && load.getOrDefault(r.id(), 0) < r.maxClients();
                if (free != query.hasCapacity()) {
                    continue;
                }
            }
            String name = needNames ? r.name() : null;
            if (needle != null && !fold(name).contains(needle)) {
                continue;
            }
            hits.add(new Hit(r, name));
        }
        Comparator<Hit> order = switch (query.sort()) {
            case NAME -> Comparator.comparing((Hit x) -> x.name(), COLLATOR);
            case STATE_SINCE -> Comparator.comparing((Hit x) -> x.row().stateSince());
            case APPLIED -> Comparator.comparing((Hit x) -> x.row().appliedAt());
        };
        order = order.thenComparing(x -> x.row().id());
        hits.sort(query.descending() ? order.reversed() : order);
        int total = hits.size();
        int from = query.size() == null ? 0 : (int) Math.min(total, (long) query.page() * query.size());
        int to = query.size() == null ? total : Math.min(total, from + query.size());
        List<VolunteerSummary> items = hits.subList(from, to).stream().map(x -> {
            VolunteerStore.Row r = x.row();
            String name = x.name() != null ? x.name() : r.name();
            return new VolunteerSummary(r.id(), name, r.state(), r.stateSince(), r.region(), r.municipality(),
                    r.languages(), r.appliedAt(), r.maxClients(), load.getOrDefault(r.id(), 0));
        }).toList();
        audit.record(caller.actor(), "READ", "VOLUNTEER_LIST", org.toString());
        return new Page(items, total);
    }

    private static final java.text.Collator COLLATOR = java.text.Collator.getInstance(java.util.Locale.forLanguageTag("sv"));

    /** Case- and accent-insensitive form for the name search ("ostlund" finds "Östlund"). */
    static String fold(String s) {
        return java.text.Normalizer.normalize(s.toLowerCase(java.util.Locale.ROOT), java.text.Normalizer.Form.NFD)
                .replaceAll("\\p{M}", "");
    }

    @Transactional
    public VolunteerDetail get(Caller caller, UUID id) {
        UUID org = caller.requireOrganisation();
        Volunteer v = volunteers.find(org, id).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        audit.record(caller.actor(), "READ", "VOLUNTEER", id.toString());
        return detail(v);
    }

    @Transactional
    public List<TransitionView> history(Caller caller, UUID id) {
        UUID org = caller.requireOrganisation();
        volunteers.find(org, id).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        List<TransitionView> list = volunteers.transitions(org, id).stream()
                .map(t -> new TransitionView(t.from(), t.to(), t.at(), t.actorKind(), t.actorId(), t.reason()))
                .toList();
        audit.record(caller.actor(), "READ", "VOLUNTEER_HISTORY", id.toString());
        return list;
    }

    @Transactional
    public VolunteerDetail transition(Caller caller, UUID id, VolunteerState to, String reason) {
        return detail(move(caller.actor(), caller.requireOrganisation(), id, to, reason));
    }

    /** Moves a volunteer of the organisation to {@code to}, or fails with 404 / 409. Joins the caller's transaction. */
    @Transactional
    Volunteer move(AuditLog.Actor actor, UUID org, UUID id, VolunteerState to, String reason) {
        Volunteer v = volunteers.findForUpdate(org, id).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        VolunteerState from = v.state();
        if (!from.mayGoTo(to)) {
            throw new ProblemException(HttpStatus.CONFLICT, "illegal-transition", "Illegal transition",
                    "A volunteer in state " + from + " cannot go to " + to + "; allowed: " + from.next() + ".");
        }
        guard(org, v, to);
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        UUID transitionId = UUID.randomUUID();
        volunteers.insertTransition(new VolunteerStore.Transition(transitionId, id, org, from, to, now,
                actor.kind().name(), actor.id(), reason.trim()));
        volunteers.transition(id, from, to, now);
        if (to.isTerminal()) {
            // A volunteer who has left must not keep a way into clients' conversations (threat model 3).
            devices.revokeAllOfSubject(org, SubjectKind.VOLUNTEER, id);
        }
        audit.record(actor, "TRANSITION_TO_" + to.name(), "VOLUNTEER", id.toString());
        return volunteers.find(org, id).orElseThrow();
    }

    /** The rules that need data beyond the transition table. */
    private void guard(UUID org, Volunteer v, VolunteerState to) {
        switch (to) {
            case INTERVIEWED -> {
                if (!screening.hasInterview(org, v.id())) {
                    throw ProblemException.conflict("interview-required",
                            "Record the interview before marking the volunteer interviewed.");
                }
            }
            case IN_TRAINING -> {
                if (!training.isEnrolled(org, v.id())) {
                    throw ProblemException.conflict("enrolment-required", "Enrol the volunteer in a training cohort first.");
                }
            }
            case TRAINED -> {
                TrainingService.TrainingRecord r = training.recordOf(org, v.id());
                if (!r.complete()) {
                    throw new ProblemException(HttpStatus.CONFLICT, "training-incomplete", "Training not completed",
                            r.themesCovered() + " of " + r.themesRequired() + " required themes attended, "
                                    + r.missingMandatory().size() + " mandatory theme(s) missing.");
                }
            }
            case APPROVED -> {
                // First approval only: an ACTIVE or PAUSED volunteer becoming available again was approved already.
                if (v.state() == VolunteerState.TRAINED
                        && screening.latestCheck(org, v.id()).filter(ScreeningService.BackgroundCheckView::valid).isEmpty()) {
                    throw new ProblemException(HttpStatus.CONFLICT, "background-check-required", "Background check required",
                            "Approval needs a register extract issued less than " + screening.maxAgeDays()
                                    + " days ago; record one that was seen.");
                }
            }
            default -> {
            }
        }
    }

    VolunteerDetail detail(Volunteer v) {
        return new VolunteerDetail(v.id(), v.name(), v.email(), v.phone(), v.languages(), v.region(), v.municipality(),
                v.availability().stream().map(AvailabilitySlot::parse).toList(), v.hoursPerMonth(), v.maxClients(),
                v.digitalSupport(), v.availabilityNote(), v.motivation(), v.consentVersion(), v.consentAt(),
                v.appliedAt(), v.state(), v.stateSince(), v.state().next().stream().sorted().toList());
    }
}
