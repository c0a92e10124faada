package se.bredvid.matching;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.http.HttpStatus;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.Caller;
import se.bredvid.matching.engine.AgeBand;
import se.bredvid.matching.engine.BatchResult;
import se.bredvid.matching.engine.Candidate;
import se.bredvid.matching.engine.ClientProfile;
import se.bredvid.matching.engine.DayPart;
import se.bredvid.matching.engine.EndedForCause;
import se.bredvid.matching.engine.Evaluation;
import se.bredvid.matching.engine.Explanation;
import se.bredvid.matching.engine.MatchingEngine;
import se.bredvid.matching.engine.MeetingMode;
import se.bredvid.matching.engine.Need;
import se.bredvid.matching.engine.TimeSlot;
import se.bredvid.matching.engine.VolunteerProfile;
import se.bredvid.notifications.StaffNotifications;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.platform.Problem;
import se.bredvid.platform.ProblemException;
import se.bredvid.recruiting.VolunteerDirectory;
import se.bredvid.recruiting.VolunteerLoad;
import se.bredvid.recruiting.VolunteerState;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Clients under pseudonyms, matching, and the assignment lifecycle. Every query is scoped by the
 * caller's organisation; another organisation's client or assignment is "not found".
 */
@Singleton
public class MatchingService implements Assignments, VolunteerLoad {

    private final ClientStore clients;
    private final AssignmentStore assignments;
    private final VolunteerMatchInfoStore matchInfos;
    private final AuditLog audit;
    private final Clock clock;
    private final SecureRandom random;
    private final VolunteerDirectory volunteers;
    private final ApplicationEventPublisher<AssignmentEvent> events;
    private final MatchingEngine engine;
    private final AdminService tenants;

    private final StaffNotifications staff;
    private final MinorRules minors;

    MatchingService(ClientStore clients, AssignmentStore assignments, VolunteerMatchInfoStore matchInfos, AuditLog audit, Clock clock,
                    SecureRandom random, VolunteerDirectory volunteers, ApplicationEventPublisher<AssignmentEvent> events,
                    MatchingEngine engine, AdminService tenants, StaffNotifications staff, MinorRules minors) {
        this.staff = staff;
        this.minors = minors;
        this.engine = engine;
        this.tenants = tenants;
        this.clients = clients;
        this.assignments = assignments;
        this.matchInfos = matchInfos;
        this.audit = audit;
        this.clock = clock;
        this.random = random;
        this.volunteers = volunteers;
        this.events = events;
    }

    // ---- clients -------------------------------------------------------------------------------------

    @Transactional
    public MatchingViews.ClientView createClient(Caller caller, ClientIntake intake) {
        return createClient(caller.actor(), caller.requireOrganisation(), intake);
    }

    /** Demo data only: a client created by the system actor. */
    @Transactional
    MatchingViews.ClientView seedClient(AuditLog.Actor actor, UUID org, ClientIntake intake) {
        return createClient(actor, org, intake);
    }

    private MatchingViews.ClientView createClient(AuditLog.Actor actor, UUID org, ClientIntake intake) {
        UUID id = UUID.randomUUID();
        intake.toProfile(id);
        requireKnownMunicipality(intake);
        Instant now = clock.instant();
        String pseudonym = uniquePseudonym(org);
        clients.insert(id, org, pseudonym, intake, now);
        audit.record(actor, "CREATE", "CLIENT", id.toString());
        return view(clientRow(org, id).orElseThrow(), intake);
    }

    @Transactional
    public MatchingViews.ClientView updateClient(Caller caller, UUID id, ClientIntake intake) {
        UUID org = caller.requireOrganisation();
        ClientStore.Row row = clientRow(org, id).orElseThrow(() -> ProblemException.notFound("Client"));
        intake.toProfile(id);
        requireKnownMunicipality(intake);
        clients.update(row.id(), intake);
        audit.record(caller.actor(), "UPDATE", "CLIENT", id.toString());
        return view(clientRow(org, id).orElseThrow(), intake);
    }

    /** The intake's municipality is a reference to an existing one; an unknown id is the caller's mistake. */
    private void requireKnownMunicipality(ClientIntake intake) {
        if (intake.municipalityId() != null && !tenants.municipalityExists(intake.municipalityId())) {
            throw ProblemException.invalid("municipalityId", "unknown municipality");
        }
    }

    @Transactional
    public MatchingViews.ClientDetail clientDetail(Caller caller, UUID id) {
        UUID org = caller.requireOrganisation();
        ClientStore.Row row = clientRow(org, id).orElseThrow(() -> ProblemException.notFound("Client"));
        audit.record(caller.actor(), "READ", "CLIENT", id.toString());
        ClientIntake intake = intakeOf(row);
        return new MatchingViews.ClientDetail(view(row, intake), intake);
    }

    /** One page of a client list and how many clients the filter matched in all. */
    public record ClientPage(List<MatchingViews.ClientListItem> items, long total) {
    }

    @Transactional
    public ClientPage clients(Caller caller, ClientQuery query) {
        UUID org = caller.requireOrganisation();
        Instant now = clock.instant();
        List<Filtered> matched = filtered(org, query);
        List<MatchingViews.ClientListItem> page = page(matched, query).stream().map(f -> {
            ClientStore.Row c = f.row();
            ClientIntake intake = f.intake();
            return new MatchingViews.ClientListItem(c.id(), c.pseudonym(), c.status().name(), c.waitingSince(),
                    c.waitingSince() == null ? null : Duration.between(c.waitingSince(), now).toDays(),
                    c.protectionLevel().isProtected(), c.municipalityId(), c.createdAt(), intake.ageBand(), intake.region(),
                    intake.languages() == null ? Set.of() : intake.languages(),
                    intake.needs() == null ? Set.of() : intake.needs(), c.protectionLevel());
        }).toList();
        audit.record(caller.actor(), "LIST", "CLIENT", null);
        return new ClientPage(page, matched.size());
    }

    @Transactional
    public MatchingViews.WaitingList waitingList(Caller caller, int thresholdDays, ClientQuery query) {
        UUID org = caller.requireOrganisation();
        Instant now = clock.instant();
        ClientQuery waiting = new ClientQuery(query.q(), ClientStatus.WAITING.name(), query.region(), query.language(), query.orderBy(),
                query.page(), query.size());
        List<Filtered> matched = filtered(org, waiting);
        List<Long> days = matched.stream().map(f -> Duration.between(f.row().waitingSince(), now).toDays()).sorted().toList();
        double median = days.isEmpty() ? 0 : days.size() % 2 == 1 ? days.get(days.size() / 2)
                : (days.get(days.size() / 2 - 1) + days.get(days.size() / 2)) / 2.0;
        int over = (int) days.stream().filter(d -> d > thresholdDays).count();
        List<MatchingViews.WaitingClient> clients = page(matched, waiting).stream().map(f -> {
            ClientStore.Row c = f.row();
            ClientIntake intake = f.intake();
            return new MatchingViews.WaitingClient(c.id(), c.pseudonym(), c.waitingSince(),
                    Duration.between(c.waitingSince(), now).toDays(), intake.ageBand(), intake.region(),
                    intake.languages() == null ? Set.of() : intake.languages());
        }).toList();
        audit.record(caller.actor(), "LIST", "WAITING_LIST", null);
        return new MatchingViews.WaitingList(clients, median, thresholdDays, over, matched.size());
    }

    /** A row with its intake, opened lazily: only the rows of the page are opened unless a filter needs more. */
    private final class Filtered {
        private final ClientStore.Row row;
        private ClientIntake intake;

        Filtered(ClientStore.Row row) {
            this.row = row;
        }

        ClientStore.Row row() {
            return row;
        }

        ClientIntake intake() {
            if (intake == null) {
                intake = intakeOf(row);
            }
            return intake;
        }
    }

    private List<Filtered> filtered(UUID org, ClientQuery query) {
        // The order clause comes from ClientQuery.SORTS only, never from the request's text.
        List<Filtered> rows = clients.filtered(org, query.status(), query.q() == null ? null : query.likePattern(),
                query.orderBy()).stream().map(Filtered::new).toList();
        if (!query.needsProfile()) {
            return rows;
        }
        return rows.stream().filter(f -> {
            ClientIntake intake = f.intake();
            String region = intake.region() == null ? null : intake.region().trim().toLowerCase(Locale.ROOT);
            return (query.region() == null || query.region().equals(region))
                    && (query.language() == null || (intake.languages() != null && intake.languages().contains(query.language())));
        }).toList();
    }

    private static List<Filtered> page(List<Filtered> all, ClientQuery query) {
        if (query.size() == null) {
            return all;
        }
        long from = (long) query.page() * query.size();
        if (from >= all.size()) {
            return List.of();
        }
        return all.subList((int) from, (int) Math.min(all.size(), from + query.size()));
    }

    // ---- volunteers' matching facts --------------------------------------------------------------------

    @Transactional
    public VolunteerMatchInfo setVolunteerInfo(Caller caller, UUID volunteerId, VolunteerMatchInfo info) {
        UUID org = caller.requireOrganisation();
        volunteers.profile(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        matchInfos.put(volunteerId, org, info, clock.instant());
        audit.record(caller.actor(), "UPDATE", "VOLUNTEER_MATCH_INFO", volunteerId.toString());
        return info;
    }

    @Transactional
    public VolunteerMatchInfo volunteerInfo(Caller caller, UUID volunteerId) {
        UUID org = caller.requireOrganisation();
        volunteers.profile(org, volunteerId).orElseThrow(() -> ProblemException.notFound("Volunteer"));
        VolunteerMatchInfo info = matchInfo(org).get(volunteerId);
        if (info == null) {
            throw ProblemException.notFound("Matching profile");
        }
        audit.record(caller.actor(), "READ", "VOLUNTEER_MATCH_INFO", volunteerId.toString());
        return info;
    }

    // ---- matching -------------------------------------------------------------------------------------

    private record Pool(List<VolunteerProfile> profiles, int withoutInfo) {
    }

    private Pool pool(UUID org) {
        Map<UUID, VolunteerMatchInfo> infos = matchInfo(org);
        Map<UUID, Integer> load = activeClients(org);
        List<VolunteerProfile> profiles = new ArrayList<>();
        int without = 0;
        for (VolunteerDirectory.MatchingProfile p : volunteers.available(org)) {
            VolunteerMatchInfo info = infos.get(p.id());
            if (info == null) {
                without++;
                continue;
            }
            profiles.add(new VolunteerProfile(p.id(), lower(p.languages()), lowerOrNull(p.region()),
                    lower(info.reachableRegions()), p.digitalSupport(), info.gender(), info.age(),
                    lower(info.communities()), lower(info.interests()),
                    info.supportAreas() == null ? Set.of() : info.supportAreas(),
                    p.availability().stream().map(s -> new TimeSlot(s.day(), DayPart.valueOf(s.part().name())))
                            .collect(Collectors.toSet()),
                    p.maxClients(), load.getOrDefault(p.id(), 0), p.trained(),
                    p.state() == VolunteerState.APPROVED || p.state() == VolunteerState.ACTIVE));
        }
        return new Pool(profiles, without);
    }

    @Transactional
    public MatchingViews.Suggestions suggest(Caller caller, UUID clientId, int k) {
        UUID org = caller.requireOrganisation();
        ClientStore.Row row = clientRow(org, clientId).orElseThrow(() -> ProblemException.notFound("Client"));
        ClientProfile profile = intakeOf(row).toProfile(row.id());
        Pool pool = pool(org);
        EndedForCause ended = endedForCause(org);
        List<Candidate> candidates = engine.suggest(profile, pool.profiles(), ended, k);
        // What was left out and why: every available volunteer the pair rules refuse, so a coordinator sees the
        // conflict before proposing (DOMAIN "Matching concerns").
        List<MatchingViews.Excluded> excluded = new ArrayList<>();
        for (VolunteerProfile v : pool.profiles()) {
            Evaluation e = engine.evaluate(profile, v, ended);
            if (!e.feasible()) {
                excluded.add(new MatchingViews.Excluded(v.id(), e.conflicts().stream().sorted()
                        .map(c -> new MatchingViews.Conflict(c.name(), c.reason())).toList()));
            }
        }
        audit.record(caller.actor(), "SUGGEST", "CLIENT", clientId.toString());
        return new MatchingViews.Suggestions(clientId, candidates.stream().map(c -> new MatchingViews.Suggestion(
                c.volunteerId(), c.score(), engine.weights().maxScore(), criteria(c.explanation()))).toList(),
                pool.profiles().size(), pool.withoutInfo(), excluded);
    }

    /** A globally optimal proposal for the whole waiting list; nothing is stored until the coordinator proposes. */
    @Transactional
    public MatchingViews.Batch batch(Caller caller) {
        UUID org = caller.requireOrganisation();
        List<ClientStore.Row> waiting = clients.waiting(org);
        Map<UUID, String> pseudonyms = waiting.stream().collect(Collectors.toMap(ClientStore.Row::id, ClientStore.Row::pseudonym));
        // A batch proposes voluntary pairs: a client aged 13-17 whom the organisation's rule keeps from one is
        // skipped, with that reason (matched by hand within an insats, or once a step is recorded).
        List<ClientProfile> profiles = new ArrayList<>();
        List<MatchingViews.Unmatched> skipped = new ArrayList<>();
        for (ClientStore.Row r : waiting) {
            ClientIntake intake = intakeOf(r);
            if (minors.refusal(org, r, intake, Kind.IDEELL) != null) {
                skipped.add(new MatchingViews.Unmatched(r.id(), r.pseudonym(), MINOR_RULE));
            } else {
                profiles.add(intake.toProfile(r.id()));
            }
        }
        BatchResult result = engine.assignBatch(profiles, pool(org).profiles(), endedForCause(org));
        audit.record(caller.actor(), "BATCH_MATCH", "WAITING_LIST", null);
        List<MatchingViews.Unmatched> unmatched = new ArrayList<>(result.unmatched().stream().map(u -> new MatchingViews.Unmatched(
                u.clientId(), pseudonyms.get(u.clientId()), u.reason().name())).toList());
        unmatched.addAll(skipped);
        return new MatchingViews.Batch(
                result.matches().stream().map(m -> new MatchingViews.Proposal(m.clientId(), pseudonyms.get(m.clientId()),
                        m.volunteerId(), m.score(), criteria(m.explanation()))).toList(),
                unmatched,
                result.totalScore(), result.certificate().certified());
    }

    /** The reason a batch preview gives for a client aged 13-17 whom the organisation's rule keeps from a voluntary pair. */
    static final String MINOR_RULE = "MINOR_RULE";

    // ---- assignments ----------------------------------------------------------------------------------

    /** Proposes a pair. The engine's hard constraints apply here too: a coordinator cannot override them. */
    @Transactional
    public AssignmentView propose(Caller caller, UUID clientId, UUID volunteerId, Kind kind) {
        UUID org = caller.requireOrganisation();
        ClientStore.Row row = clientRow(org, clientId).orElseThrow(() -> ProblemException.notFound("Client"));
        Pool pool = pool(org);
        VolunteerProfile volunteer = pool.profiles().stream().filter(v -> v.id().equals(volunteerId)).findFirst()
                .orElseThrow(() -> ProblemException.notFound("Available volunteer with a matching profile"));
        if (row.status() != ClientStatus.WAITING) {
            throw ProblemException.conflict("client-not-waiting", "The client already has an open assignment or is closed.");
        }
        ClientIntake intake = intakeOf(row);
        minors.require(org, row, intake, kind);
        Evaluation evaluation = engine.evaluate(intake.toProfile(clientId), volunteer, endedForCause(org));
        if (!evaluation.feasible()) {
            throw new ProblemException(HttpStatus.CONFLICT, "hard-constraint", "The pair breaks a hard constraint",
                    "This volunteer cannot be proposed for this client.",
                    evaluation.conflicts().stream().map(c -> new Problem.Violation(c.name(), c.reason())).toList());
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        assignments.insert(id, org, clientId, volunteerId, kind, now);
        clients.transition(clientId, row.status(), ClientStatus.MATCHED, now);
        history(id, null, State.PROPOSED, caller.actor(), null);
        audit.record(caller.actor(), "PROPOSE", "ASSIGNMENT", id.toString());
        return find(org, id).orElseThrow();
    }

    /** One pair of a batch the coordinator chose to apply. */
    public record BatchPair(UUID clientId, UUID volunteerId) {
    }

    /**
     * Applies the pairs of a batch preview the coordinator accepted: each is proposed as by hand (hard
     * constraints and free places checked again, since the waiting list may have moved since the preview).
     * All or nothing: one refused pair refuses the batch, naming the pair, and nothing is stored.
     */
    @Transactional
    public List<AssignmentView> applyBatch(Caller caller, Kind kind, List<BatchPair> pairs) {
        List<AssignmentView> created = new ArrayList<>();
        for (int i = 0; i < pairs.size(); i++) {
            BatchPair pair = pairs.get(i);
            try {
                created.add(propose(caller, pair.clientId(), pair.volunteerId(), kind));
            } catch (ProblemException refused) {
                // The rule for clients under 18 keeps its own type, so that the desk names the rule.
                throw new ProblemException(refused.status(), refused.slug().equals(MinorRules.PROBLEM) ? MinorRules.PROBLEM
                        : "batch-pair-refused", "A pair of the batch was refused",
                        "Pair " + (i + 1) + ": " + refused.getMessage() + " Nothing was applied.",
                        List.of(new Problem.Violation("pairs[" + i + "]", refused.getMessage())));
            }
        }
        audit.record(caller.actor(), "BATCH_APPLY", "WAITING_LIST", null);
        return created;
    }

    @Transactional
    public AssignmentView transition(Caller caller, UUID assignmentId, State to, EndReason reason, String note) {
        return move(caller.actor(), caller.requireOrganisation(), assignmentId, to, reason, note, AssignmentLifecycle.By.COORDINATOR);
    }

    /** One page of assignments and how many the filter matched in all. */
    public record AssignmentPage(List<AssignmentView> items, long total) {
    }

    /** Orders of the assignment list; ties by id so that pages never overlap. */
    static final Map<String, String> ASSIGNMENT_SORTS = Map.of(
            "createdAt", "a.created_at, a.id",
            "-createdAt", "a.created_at desc, a.id",
            "pseudonym", "c.pseudonym, a.id",
            "-pseudonym", "c.pseudonym desc, a.id");

    /**
     * The organisation's assignments, filtered (state, kind, part of the client's pseudonym), ordered and paged in
     * SQL. Without page and size every match, as before paging existed.
     */
    @Transactional(readOnly = true)
    public AssignmentPage assignments(Caller caller, State state, Kind kind, String q, String sort, Integer page, Integer size) {
        UUID org = caller.requireOrganisation();
        if (q != null && q.length() > 60) {
            throw ProblemException.invalid("q", "must be at most 60 characters");
        }
        String orderBy = ASSIGNMENT_SORTS.get(sort == null ? "createdAt" : sort);
        if (orderBy == null) {
            throw ProblemException.invalid("sort", "must be one of " + String.join(", ", ASSIGNMENT_SORTS.keySet().stream().sorted().toList()));
        }
        if (page != null && page < 0) {
            throw ProblemException.invalid("page", "must be 0 or more");
        }
        if (size != null && (size < 1 || size > ClientQuery.MAX_SIZE)) {
            throw ProblemException.invalid("size", "must be between 1 and " + ClientQuery.MAX_SIZE);
        }
        if (page != null && size == null) {
            throw ProblemException.invalid("size", "is required with page");
        }
        String like = q != null && !q.isBlank()
                ? "%" + q.trim().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%" : null;
        // The order clause comes from ASSIGNMENT_SORTS only, never from the request's text.
        AssignmentStore.Page found = assignments.page(org, state, kind, like, orderBy, page, size);
        List<AssignmentView> items = found.items();
        long total = found.total();
        return new AssignmentPage(items, total);
    }

    private AssignmentView move(AuditLog.Actor actor, UUID org, UUID assignmentId, State to, EndReason reason, String note,
                                AssignmentLifecycle.By by) {
        AssignmentView a = lockedAssignment(org, assignmentId).orElseThrow(() -> ProblemException.notFound("Assignment"));
        String refusal = AssignmentLifecycle.refusal(a.kind(), a.state(), to, by);
        if (refusal != null) {
            throw ProblemException.conflict("illegal-transition", refusal);
        }
        if (to == State.ENDED && reason == null) {
            throw ProblemException.invalid("endReason", "is required to end an assignment");
        }
        if (to == State.ACTIVE && a.kind() != Kind.INSATS) {
            // The rule for clients aged 13-17 may have changed since the proposal (policy, step withdrawn).
            ClientStore.Row client = clients.byId(org, a.clientId()).orElseThrow();
            minors.require(org, client, intakeOf(client), a.kind());
        }
        Instant now = clock.instant();
        boolean forCause = to == State.ENDED && (reason == EndReason.SAFETY || reason == EndReason.CLIENT_ENDED);
        assignments.transition(assignmentId, a.state(), to, reason, forCause, now);
        history(assignmentId, a.state(), to, actor, note);
        audit.record(actor, "TRANSITION_" + to.name(), "ASSIGNMENT", assignmentId.toString());
        if (to == State.ACTIVE) {
            syncVolunteer(actor, org, a.volunteerId());
            events.publishEvent(new AssignmentEvent(AssignmentEvent.Type.OPENED, assignmentId, org, a.clientId(), a.volunteerId()));
        } else if (to == State.ENDED) {
            // A pause keeps the conversation (the pair resumes it); an end closes it for good.
            events.publishEvent(new AssignmentEvent(AssignmentEvent.Type.CLOSED, assignmentId, org, a.clientId(), a.volunteerId()));
        }
        if (to == State.ENDED) {
            // The client goes back on the waiting list unless the contact ended because the need is met.
            ClientStore.Row client = clients.byId(org, a.clientId()).orElseThrow();
            clients.transition(client.id(), client.status(),
                    reason == EndReason.GOAL_REACHED ? ClientStatus.CLOSED : ClientStatus.WAITING, clock.instant());
            syncVolunteer(actor, org, a.volunteerId());
        }
        return find(org, assignmentId).orElseThrow();
    }

    /** A volunteer with an active client is ACTIVE; one with none goes back to APPROVED (recruiting's lifecycle). */
    private void syncVolunteer(AuditLog.Actor actor, UUID org, UUID volunteerId) {
        long active = assignments.countActiveOfVolunteer(org, volunteerId);
        volunteers.profile(org, volunteerId).ifPresent(v -> {
            if (active > 0 && v.state() == VolunteerState.APPROVED) {
                volunteers.transition(actor, org, volunteerId, VolunteerState.ACTIVE, "first active assignment");
            } else if (active == 0 && v.state() == VolunteerState.ACTIVE) {
                volunteers.transition(actor, org, volunteerId, VolunteerState.APPROVED, "no active assignment");
            }
        });
    }

    // ---- the client's and the volunteer's own devices -------------------------------------------------

    @Transactional(readOnly = true)
    public Optional<MatchingViews.MyContact> myContact(Caller device) {
        return openAssignmentOfClient(device.requireOrganisation(), device.subjectId())
                .map(a -> new MatchingViews.MyContact(a.id(), a.state().name(), a.activatedAt()));
    }

    /** The client ends the contact, at once and without having to give a reason. */
    @Transactional
    public void clientEnds(Caller device) {
        UUID org = device.requireOrganisation();
        AssignmentView a = openAssignmentOfClient(org, device.subjectId())
                .orElseThrow(() -> ProblemException.notFound("Contact"));
        move(device.actor(), org, a.id(), State.ENDED, EndReason.CLIENT_ENDED, null, AssignmentLifecycle.By.CLIENT);
        // The coordinators learn it from their worklist; the reason is not asked and not told.
        staff.notify(Audience.ORGANISATION, org, "CONTACT_ENDED_BY_CLIENT", "ASSIGNMENT", a.id());
    }

    /** The client reports a concern about their kontaktperson to the coordinators. */
    @Transactional
    public void report(Caller device, String text) {
        UUID org = device.requireOrganisation();
        // A phone whose person is no longer in the organisation's records (found by the rig's fuzz run: a
        // foreign-key failure and a 500 before) is told so, and nothing is stored.
        if (clients.byId(org, device.subjectId()).isEmpty()) {
            throw ProblemException.conflict("no-client", "This phone's person is no longer in the organisation's records.");
        }
        UUID id = UUID.randomUUID();
        UUID assignment = openAssignmentOfClient(org, device.subjectId()).map(AssignmentView::id).orElse(null);
        clients.insertReport(id, org, device.subjectId(), assignment, text, clock.instant());
        audit.record(device.actor(), "REPORT_CONCERN", "CLIENT", device.subjectId().toString());
        staff.notify(Audience.ORGANISATION, org, "CLIENT_CONCERN", "CLIENT_REPORT", id);
    }

    @Transactional
    public List<MatchingViews.Report> reports(Caller caller) {
        UUID org = caller.requireOrganisation();
        List<MatchingViews.Report> list = clients.openReports(org);
        list.forEach(r -> audit.record(caller.actor(), "READ", "CLIENT_REPORT", r.id().toString()));
        return list;
    }

    /** A volunteer's device lists its active clients by pseudonym only. */
    @Transactional(readOnly = true)
    public List<MatchingViews.MyClient> myClients(Caller device) {
        UUID org = device.requireOrganisation();
        return assignments.clientsOfVolunteer(org, device.subjectId());
    }

    // ---- Assignments (for other modules) --------------------------------------------------------------

    @Override
    @Transactional(readOnly = true)
    public Optional<AssignmentView> find(UUID organisationId, UUID assignmentId) {
        return assignments.find(organisationId, assignmentId);
    }

    @Override
    @Transactional(readOnly = true)
    public Optional<ClientSummary> client(UUID organisationId, UUID clientId) {
        return clientRow(organisationId, clientId).map(r -> new ClientSummary(r.id(), r.organisationId(),
                r.pseudonym(), r.protectionLevel(), r.municipalityId()));
    }

    @Override
    @Transactional
    public ClientSummary intakeFromReferral(AuditLog.Actor actor, UUID organisationId, Referral referral) {
        Set<Need> needs = referral.needs() == null ? Set.of() : referral.needs().stream().map(n -> {
            try {
                return Need.valueOf(n);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("needs", "unknown need '" + n + "'");
            }
        }).collect(Collectors.toSet());
        AgeBand band;
        try {
            band = AgeBand.valueOf(referral.ageBand());
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ProblemException.invalid("ageBand", "unknown age band");
        }
        ClientIntake intake = new ClientIntake(band, referral.languages(), null, null, referral.region(), null, needs,
                referral.digitalOnly() ? MeetingMode.DIGITAL : MeetingMode.BOTH, null, false, null, null, false, null,
                null, null, null, null, null, null, false, referral.municipalityId(), null,
                referral.protectionLevel());
        MatchingViews.ClientView view = createClient(actor, organisationId, intake);
        return new ClientSummary(view.id(), organisationId, view.pseudonym(), view.protectionLevel(), view.municipalityId());
    }

    @Override
    @Transactional
    public AssignmentView awaitDecision(AuditLog.Actor actor, UUID organisationId, UUID assignmentId) {
        return move(actor, organisationId, assignmentId, State.AWAITING_DECISION, null, null, AssignmentLifecycle.By.COORDINATOR);
    }

    @Override
    @Transactional
    public AssignmentView activateByDecision(AuditLog.Actor actor, UUID organisationId, UUID assignmentId) {
        return move(actor, organisationId, assignmentId, State.ACTIVE, null, "decision granted", AssignmentLifecycle.By.DECISION);
    }

    @Override
    @Transactional
    public AssignmentView end(AuditLog.Actor actor, UUID organisationId, UUID assignmentId, EndReason reason) {
        return move(actor, organisationId, assignmentId, State.ENDED, reason, null, AssignmentLifecycle.By.DECISION);
    }

    @Override
    @Transactional
    public void closeIntake(AuditLog.Actor actor, UUID organisationId, UUID clientId) {
        ClientStore.Row row = clientRow(organisationId, clientId).orElseThrow(() -> ProblemException.notFound("Client"));
        if (row.status() == ClientStatus.WAITING) {
            clients.transition(clientId, row.status(), ClientStatus.CLOSED, clock.instant());
            audit.record(actor, "CLOSE", "CLIENT", clientId.toString());
        }
    }

    @Override
    @Transactional(readOnly = true)
    public List<AssignmentView> activeOfVolunteer(UUID organisationId, UUID volunteerId) {
        return assignments.activeOfVolunteer(organisationId, volunteerId);
    }

    @Override
    @Transactional(readOnly = true)
    public Map<UUID, Integer> activeClients(UUID organisationId) {
        return assignments.openPerVolunteer(organisationId);
    }

    /** Whether a client of this organisation may have a device (not closed). */
    @Transactional(readOnly = true)
    boolean clientMayPair(UUID organisationId, UUID clientId) {
        return clientRow(organisationId, clientId).filter(c -> c.status() != ClientStatus.CLOSED).isPresent();
    }

    // ---- rows ------------------------------------------------------------------------------------------

    private Optional<ClientStore.Row> clientRow(UUID org, UUID id) {
        return clients.byId(org, id);
    }

    private Optional<AssignmentView> lockedAssignment(UUID org, UUID id) {
        return assignments.locked(org, id);
    }

    private Optional<AssignmentView> openAssignmentOfClient(UUID org, UUID clientId) {
        return assignments.openOfClient(org, clientId);
    }

    private EndedForCause endedForCause(UUID org) {
        return assignments.endedForCause(org);
    }

    private Map<UUID, VolunteerMatchInfo> matchInfo(UUID org) {
        return matchInfos.ofOrganisation(org);
    }

    private void history(UUID assignmentId, State from, State to, AuditLog.Actor actor, String note) {
        assignments.history(assignmentId, from, to, actor, note, clock.instant());
    }

    private String uniquePseudonym(UUID org) {
        for (int attempt = 0; attempt < 20; attempt++) {
            String candidate = Pseudonyms.next(random);
            boolean taken = clients.pseudonymTaken(org, candidate);
            if (!taken) {
                return candidate;
            }
        }
        throw new IllegalStateException("no free pseudonym after 20 attempts");
    }

    private ClientIntake intakeOf(ClientStore.Row row) {
        return clients.intake(row);
    }

    private MatchingViews.ClientView view(ClientStore.Row r, ClientIntake intake) {
        return new MatchingViews.ClientView(r.id(), r.pseudonym(), r.status().name(), r.waitingSince(),
                r.protectionLevel().isProtected(), r.municipalityId(), r.createdAt(), r.protectionLevel(),
                minors.view(r.organisationId(), r, intake));
    }

    private static List<MatchingViews.Criterion> criteria(Explanation e) {
        return e.criteria().stream().map(c -> new MatchingViews.Criterion(c.criterion().name(), c.outcome().name(),
                c.points(), c.maxPoints())).toList();
    }

    private static Set<String> lower(java.util.Collection<String> values) {
        return values == null ? Set.of() : values.stream().map(v -> v.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }

    private static String lowerOrNull(String v) {
        return v == null || v.isBlank() ? null : v.trim().toLowerCase(Locale.ROOT);
    }
}
