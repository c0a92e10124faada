package se.bredvid.insats;

import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.platform.Calendar;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.insats.InsatsStore.DecisionRow;
import se.bredvid.insats.InsatsStore.FollowUpRow;
import se.bredvid.insats.InsatsStore.Row;
import se.bredvid.matching.Assignments;
import se.bredvid.matching.ProtectionLevel;
import se.bredvid.notifications.StaffNotifications;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.platform.ProblemException;
import se.bredvid.recruiting.VolunteerDirectory;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The kontaktperson insats between a municipality (beställare) and an organisation (utförare): referral in
 * both directions, consent, the volunteer's investigation, the decision, uppdrag, genomförandeplan and end.
 * Follow-ups are in {@link FollowUpService}, time reports in {@link TimeReportService}.
 *
 * <p>Bredvid is not the municipality's case record: it holds what the two parties must exchange, with the
 * municipality's case reference as the link and the client as a pseudonym.
 */
@Singleton
public class InsatsService {

    private final InsatsStore store;
    private final Assignments assignments;
    private final VolunteerDirectory volunteers;
    private final AdminService tenants;
    private final AuditLog audit;
    private final StaffNotifications notifications;
    private final Clock clock;
    private final Calendar calendar;
    private final InsatsConfig config;

    InsatsService(InsatsStore store, Assignments assignments, VolunteerDirectory volunteers, AdminService tenants,
                  AuditLog audit, StaffNotifications notifications, Clock clock,
                  Calendar calendar, InsatsConfig config) {
        this.config = config;
        this.store = store;
        this.assignments = assignments;
        this.volunteers = volunteers;
        this.tenants = tenants;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
        this.calendar = calendar;
    }

    LocalDate today() {
        return calendar.today();
    }

    // ---- referral, path (a): the organisation proposes ----------------------------------------------

    /**
     * Drafts a proposal of an insats assignment's volunteer to a municipality. The municipality sees nothing
     * until the client's consent is recorded (003:755: information about the person may not be passed on
     * without support for breaking secrecy, e.g. consent).
     */
    @Transactional
    public InsatsViews.Detail propose(Caller caller, InsatsRequests.Proposal p) {
        UUID org = caller.requireOrganisation();
        if (!tenants.municipalityExists(p.municipalityId())) {
            throw ProblemException.invalid("municipalityId", "unknown municipality");
        }
        requireLinked(p.municipalityId(), org, "municipality");
        Assignments.AssignmentView a = proposableAssignment(org, p.assignmentId());
        Assignments.ClientSummary client = assignments.client(org, a.clientId()).orElseThrow(() -> ProblemException.notFound("Client"));
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        store.insert(id, org, p.municipalityId(), client.id(), Insats.Origin.ORGANISATION, InsatsState.AWAITING_CONSENT,
                ProtectionLevel.of(p.protectionLevel(), p.protectedIdentity()).stricter(client.protectionLevel()),
                p.needs() == null ? new String[0] : p.needs().stream().map(Enum::name).sorted().toArray(String[]::new),
                p.summary(), null, p.municipalityContact(), linkModel(p.municipalityId(), org), now);
        store.attachAssignment(id, a.id(), a.volunteerId());
        audit.record(caller.actor(), "PROPOSE", "INSATS", id.toString());
        return detail(caller, store.forStaff(caller, id, false));
    }

    /** Records the client's consent and sends the proposal to the municipality. */
    @Transactional
    public InsatsViews.Detail recordConsent(Caller caller, UUID id, InsatsRequests.Consent c) {
        Row r = store.forStaff(requireRole(caller, Roles.COORDINATOR), id, true);
        if (r.state() != InsatsState.AWAITING_CONSENT) {
            throw ProblemException.conflict("not-awaiting-consent", "Consent is recorded before a proposal is sent; this one is " + r.state() + ".");
        }
        if (c.givenOn().isAfter(today())) {
            throw ProblemException.invalid("givenOn", "cannot be in the future");
        }
        if (c.form() == Insats.ConsentForm.IN_APP) {
            throw ProblemException.invalid("form", "in-app consent is given only on the client's phone");
        }
        giveConsent(caller.actor(), caller.id(), r, c.scope(), c.form(), c.givenOn());
        return detail(caller, store.forStaff(caller, id, false));
    }

    /**
     * The client's consent to a proposal awaiting it, as the coordinator records it or as she gives it in the app:
     * the proposal goes to the municipality and the assignment waits for the decision.
     */
    void giveConsent(AuditLog.Actor actor, UUID recordedBy, Row r, Set<Insats.ConsentScope> scope, Insats.ConsentForm form,
                     LocalDate givenOn) {
        if (!scope.contains(Insats.ConsentScope.PROPOSAL)) {
            throw ProblemException.invalid("scope", "must include PROPOSAL to send the proposal");
        }
        Instant now = clock.instant();
        store.insertConsent(r.id(), r.organisationId(), scope, form, givenOn, recordedBy, now);
        assignments.awaitDecision(actor, r.organisationId(), r.assignmentId());
        store.shareProposal(r.id(), now);
        audit.record(actor, "RECORD_CONSENT", "INSATS", r.id().toString());
        notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "INSATS_PROPOSED", "INSATS", r.id());
    }

    /**
     * The client withdraws consent. Before a decision the proposal is withdrawn and the municipality keeps only
     * that fact; after it, the organisation's follow-up reports stop flowing to the municipality.
     */
    @Transactional
    public InsatsViews.Detail revokeConsent(Caller caller, UUID id) {
        Row r = store.forStaff(requireRole(caller, Roles.COORDINATOR), id, true);
        revoke(caller.actor(), caller.id(), r);
        return detail(caller, store.forStaff(caller, id, false));
    }

    /**
     * Revokes the valid consent, as the coordinator records it or as the client does in the app. Before a decision
     * (a municipality's request included) the insats is withdrawn; after a grant the municipality is notified
     * and follow-up reports are refused from now on.
     */
    void revoke(AuditLog.Actor actor, UUID revokedBy, Row r) {
        InsatsStore.ConsentRow consent = store.consent(r.id()).filter(c -> c.revokedAt() == null)
                .orElseThrow(() -> ProblemException.conflict("no-consent", "There is no valid consent to revoke."));
        Instant now = clock.instant();
        store.revokeConsent(consent.id(), revokedBy, now);
        audit.record(actor, "REVOKE_CONSENT", "INSATS", r.id().toString());
        if (r.state() == InsatsState.PROPOSED || r.state() == InsatsState.AWAITING_CONSENT || r.state() == InsatsState.REQUESTED) {
            withdraw(actor, r, now);
        } else if (r.state() == InsatsState.GRANTED) {
            notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "CONSENT_REVOKED", "INSATS", r.id());
        }
    }

    // ---- referral, path (b): the municipality asks ----------------------------------------------------

    /** A handläggare asks an organisation for a kontaktperson; the organisation gets a client intake under a new pseudonym. */
    @Transactional
    public InsatsViews.Detail refer(Caller caller, InsatsRequests.Referral ref) {
        UUID id = refer(caller.actor(), caller.requireMunicipality(), ref);
        return detail(caller, store.forStaff(caller, id, false));
    }

    /** Also the demo data's way in, as the demo handläggare. */
    UUID refer(AuditLog.Actor actor, UUID mun, InsatsRequests.Referral ref) {
        if (!tenants.organisationExists(ref.organisationId())) {
            throw ProblemException.invalid("organisationId", "unknown organisation");
        }
        requireLinked(mun, ref.organisationId(), "organisation");
        if (ref.consentGivenOn().isAfter(today())) {
            throw ProblemException.invalid("consentGivenOn", "cannot be in the future");
        }
        if (ref.consentForm() == Insats.ConsentForm.IN_APP) {
            throw ProblemException.invalid("consentForm", "in-app consent is given only on the client's phone");
        }
        Set<String> needs = ref.needs().stream().map(Enum::name).collect(Collectors.toSet());
        ProtectionLevel level = ProtectionLevel.of(ref.protectionLevel(), ref.protectedIdentity());
        Assignments.ClientSummary client = assignments.intakeFromReferral(actor, ref.organisationId(),
                new Assignments.Referral(mun, ref.ageBand(), ref.languages(), ref.region(), ref.digitalOnly(), needs,
                        level));
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        store.insert(id, ref.organisationId(), mun, client.id(), Insats.Origin.MUNICIPALITY, InsatsState.REQUESTED,
                level, needs.stream().sorted().toArray(String[]::new), ref.summary(),
                ref.caseReference(), ref.contact(), linkModel(mun, ref.organisationId()), now);
        // The municipality obtained the person's consent to tell the organisation and to follow up with it.
        store.insertConsent(id, ref.organisationId(), Set.of(Insats.ConsentScope.PROPOSAL, Insats.ConsentScope.FOLLOW_UP),
                ref.consentForm(), ref.consentGivenOn(), actor.id(), now);
        audit.record(actor, "REFER", "INSATS", id.toString());
        notifications.notify(Audience.ORGANISATION, ref.organisationId(), "INSATS_REQUESTED", "INSATS", id);
        return id;
    }

    /**
     * A new insats starts only between a municipality and an organisation that work together (the admin's
     * link) and are both active: 409 {@code not-linked} otherwise, so that no personal data goes to a party the
     * municipality has no agreement with (docs/insats.md).
     */
    private void requireLinked(UUID municipality, UUID organisation, String other) {
        if (!tenants.mayStartInsats(municipality, organisation)) {
            throw ProblemException.conflict("not-linked", "Your " + (other.equals("organisation") ? "municipality" : "organisation")
                    + " does not work with that " + other + " in Bredvid, or it is deactivated; ask your administrator.");
        }
    }

    /** The model of the pair's link, recorded on a new insats: a later change of the link leaves it as it is. */
    private AdminService.LinkModel linkModel(UUID municipality, UUID organisation) {
        return tenants.linkModel(municipality, organisation).orElse(AdminService.LinkModel.PROVIDER);
    }

    /** The organisation answers a municipality's request with an insats assignment made in matching. */
    @Transactional
    public InsatsViews.Detail proposeVolunteer(Caller caller, UUID id, InsatsRequests.VolunteerProposal p) {
        Row r = store.forStaff(requireRole(caller, Roles.COORDINATOR), id, true);
        if (r.state() != InsatsState.REQUESTED) {
            throw ProblemException.conflict("not-requested", "A volunteer is proposed once, for a requested insats; this one is " + r.state() + ".");
        }
        Assignments.AssignmentView a = proposableAssignment(r.organisationId(), p.assignmentId());
        if (!a.clientId().equals(r.clientId())) {
            throw ProblemException.conflict("wrong-client", "The assignment is for another client.");
        }
        Instant now = clock.instant();
        store.attachAssignment(id, a.id(), a.volunteerId());
        assignments.awaitDecision(caller.actor(), r.organisationId(), a.id());
        store.transition(id, r.state(), InsatsState.PROPOSED, now);
        audit.record(caller.actor(), "PROPOSE_VOLUNTEER", "INSATS", id.toString());
        notifications.resolve(Audience.ORGANISATION, r.organisationId(), "INSATS_REQUESTED", id);
        notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "INSATS_PROPOSED", "INSATS", id);
        return detail(caller, store.forStaff(caller, id, false));
    }

    /** Either party withdraws before a decision. */
    @Transactional
    public InsatsViews.Detail withdraw(Caller caller, UUID id) {
        Row r = store.forStaff(caller, id, true);
        if (!r.state().mayGoTo(InsatsState.WITHDRAWN)) {
            throw ProblemException.conflict("illegal-transition", "An insats that is " + r.state() + " cannot be withdrawn.");
        }
        withdraw(caller.actor(), r, clock.instant());
        audit.record(caller.actor(), "WITHDRAW", "INSATS", id.toString());
        return detail(caller, store.forStaff(caller, id, false));
    }

    private void withdraw(AuditLog.Actor actor, Row r, Instant now) {
        store.transition(r.id(), r.state(), InsatsState.WITHDRAWN, now);
        endAssignmentIfOpen(actor, r, Assignments.EndReason.OTHER);
        closeReferredIntake(actor, r);
        notifications.resolve(Audience.MUNICIPALITY, r.municipalityId(), "INSATS_PROPOSED", r.id());
        notifications.resolve(Audience.ORGANISATION, r.organisationId(), "INSATS_REQUESTED", r.id());
        if (r.state() != InsatsState.AWAITING_CONSENT) {
            notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "INSATS_WITHDRAWN", "INSATS", r.id());
        }
        notifications.notify(Audience.ORGANISATION, r.organisationId(), "INSATS_WITHDRAWN", "INSATS", r.id());
    }

    // ---- investigation and decision -------------------------------------------------------------------

    /**
     * The handläggare's view of the proposed volunteer: identity, training, background check and supervision —
     * never anything about the volunteer's other clients.
     */
    @Transactional
    public VolunteerDirectory.InvestigationView volunteer(Caller caller, UUID id) {
        Row r = store.forStaff(requireRole(caller, Roles.HANDLAGGARE), id, false);
        if (r.state() != InsatsState.PROPOSED && r.state() != InsatsState.GRANTED) {
            throw ProblemException.notFound("Proposed volunteer");
        }
        return volunteers.investigationView(caller.actor(), r.organisationId(), r.volunteerId())
                .orElseThrow(() -> ProblemException.notFound("Proposed volunteer"));
    }

    @Transactional
    public InsatsViews.Detail recordInvestigation(Caller caller, UUID id, InsatsRequests.Investigation inv) {
        Row r = store.forStaff(requireRole(caller, Roles.HANDLAGGARE), id, true);
        if (r.state() != InsatsState.PROPOSED) {
            throw ProblemException.conflict("not-proposed", "Only a proposed volunteer is investigated; this insats is " + r.state() + ".");
        }
        if (inv.investigatedOn().isAfter(today())) {
            throw ProblemException.invalid("investigatedOn", "cannot be in the future");
        }
        store.recordInvestigation(id, inv.outcome(), inv.investigatedOn(), inv.note(), clock.instant());
        audit.record(caller.actor(), "RECORD_INVESTIGATION", "INSATS", id.toString());
        return detail(caller, store.forStaff(caller, id, false));
    }

    /** Beslut: granting activates the assignment (and the pair's chat); refusing ends it with the reason. */
    @Transactional
    public InsatsViews.Detail decide(Caller caller, UUID id, InsatsRequests.Decision d) {
        Row r = store.forStaff(requireRole(caller, Roles.HANDLAGGARE), id, true);
        if (r.state() != InsatsState.PROPOSED) {
            throw ProblemException.conflict("not-awaiting-decision", "Only a proposed insats is decided; this one is " + r.state() + ".");
        }
        if (d.decidedOn().isAfter(today())) {
            throw ProblemException.invalid("decidedOn", "cannot be in the future");
        }
        Instant now = clock.instant();
        if (d.outcome() == Insats.DecisionOutcome.REFUSED) {
            if (d.refusalReason() == null || d.refusalReason().isBlank()) {
                throw ProblemException.invalid("refusalReason", "is required to refuse");
            }
            UUID refusal = store.insertDecision(id, Insats.DecisionKind.INITIAL, Insats.DecisionOutcome.REFUSED, d.decidedOn(),
                    d.legalBasis(), null, null, null, null, d.refusalReason().strip(), caller.id(), now);
            store.setAppealInformation(refusal, d.appealInformation());
            store.transition(id, r.state(), InsatsState.REFUSED, now);
            setCaseReference(id, d.caseReference());
            endAssignmentIfOpen(caller.actor(), r, Assignments.EndReason.DECISION_REFUSED);
            closeReferredIntake(caller.actor(), r);
        } else {
            if (r.investigationOutcome() != Insats.InvestigationOutcome.SUITABLE) {
                throw ProblemException.conflict("investigation-required",
                        "The volunteer must be investigated and found suitable (lämplig) before the insats is granted.");
            }
            requireField("periodStart", d.periodStart());
            requireField("periodEnd", d.periodEnd());
            requireField("hoursPerMonth", d.hoursPerMonth());
            requireField("followUpOn", d.followUpOn());
            if (!d.periodEnd().isAfter(d.periodStart())) {
                throw ProblemException.invalid("periodEnd", "must be after periodStart");
            }
            if (d.followUpOn().isBefore(d.periodStart()) || d.followUpOn().isAfter(d.periodEnd())) {
                throw ProblemException.invalid("followUpOn", "must fall within the insats period");
            }
            if (r.caseReference() == null && (d.caseReference() == null || d.caseReference().isBlank())) {
                throw ProblemException.invalid("caseReference", "is required: the municipality's own case reference links the insats to its record");
            }
            store.insertDecision(id, Insats.DecisionKind.INITIAL, Insats.DecisionOutcome.GRANTED, d.decidedOn(),
                    d.legalBasis(), d.periodStart(), d.periodEnd(), d.hoursPerMonth(), d.followUpOn(), null, caller.id(), now);
            setCaseReference(id, d.caseReference());
            store.transition(id, r.state(), InsatsState.GRANTED, now);
            store.insertFollowUp(id, d.followUpOn(), now);
            assignments.activateByDecision(caller.actor(), r.organisationId(), r.assignmentId());
        }
        audit.record(caller.actor(), "DECIDE_" + d.outcome().name(), "INSATS", id.toString());
        notifications.resolve(Audience.MUNICIPALITY, r.municipalityId(), "INSATS_PROPOSED", id);
        notifications.notify(Audience.ORGANISATION, r.organisationId(), "INSATS_DECIDED", "INSATS", id);
        return detail(caller, store.forStaff(caller, id, false));
    }

    private void setCaseReference(UUID id, String caseReference) {
        if (caseReference != null && !caseReference.isBlank()) {
            store.setCaseReference(id, caseReference.strip());
        }
    }

    // ---- uppdrag and genomförandeplan -----------------------------------------------------------------

    /** What the utförare shall do and why (003:751); renewed when the investigation deepens (003:757). */
    @Transactional
    public InsatsViews.Detail writeUppdrag(Caller caller, UUID id, InsatsRequests.Uppdrag u) {
        Row r = store.forStaff(requireRole(caller, Roles.HANDLAGGARE), id, true);
        requireGranted(r);
        int version = store.uppdrag(id).map(InsatsViews.Uppdrag::version).orElse(0) + 1;
        store.insertUppdrag(id, version, u.what().strip(), u.why().strip(), caller.id(), clock.instant());
        audit.record(caller.actor(), "WRITE_UPPDRAG", "INSATS", id.toString());
        notifications.notify(Audience.ORGANISATION, r.organisationId(), "UPPDRAG_WRITTEN", "INSATS", id);
        return detail(caller, store.forStaff(caller, id, false));
    }

    /**
     * Staff save a new version of the genomförandeplan: the organisation's coordinator in the PROVIDER model, the
     * municipality's handläggare in the MUNICIPALITY model (the kontaktperson writes it from her phone in both). The
     * other party reads it: 409 {@code plan-by-municipality} or {@code plan-by-organisation}.
     */
    @Transactional
    public InsatsViews.Plan writePlan(Caller caller, UUID id, InsatsRequests.Plan plan) {
        Row r = store.forStaff(caller, id, true);
        boolean municipalityWrites = r.model() == AdminService.LinkModel.MUNICIPALITY;
        if (caller.is(Roles.COORDINATOR) && municipalityWrites) {
            throw ProblemException.conflict("plan-by-municipality", "In this insats the municipality takes the kontaktperson on"
                    + " itself (model MUNICIPALITY): the handläggare and the kontaktperson write the plan; the organisation reads it.");
        }
        if (caller.is(Roles.HANDLAGGARE) && !municipalityWrites) {
            throw ProblemException.conflict("plan-by-organisation", "In this insats the organisation is the provider (model"
                    + " PROVIDER): the organisation and the kontaktperson write the plan; the municipality reads it.");
        }
        requireGranted(r);
        return savePlan(caller, r, plan, municipalityWrites ? Insats.Drafter.HANDLAGGARE : Insats.Drafter.COORDINATOR);
    }

    /** The kontaktperson saves a new version of the plan from their device, having made it with the client. */
    @Transactional
    public InsatsViews.Plan writePlanAsVolunteer(Caller device, UUID id, InsatsRequests.Plan plan) {
        Row r = store.ofVolunteer(device.requireOrganisation(), device.subjectId(), id, true)
                .orElseThrow(() -> ProblemException.notFound("Insats"));
        return savePlan(device, r, plan, Insats.Drafter.VOLUNTEER);
    }

    private InsatsViews.Plan savePlan(Caller caller, Row r, InsatsRequests.Plan plan, Insats.Drafter drafter) {
        if (plan.madeWithClientOn().isAfter(today())) {
            throw ProblemException.invalid("madeWithClientOn", "cannot be in the future");
        }
        int version = store.plans(r.id()).size() + 1;
        store.insertPlan(r.id(), version, plan.goals(), plan.madeWithClientOn(), drafter, caller.id(), clock.instant());
        audit.record(caller.actor(), "WRITE_PLAN", "INSATS", r.id().toString());
        if (drafter == Insats.Drafter.HANDLAGGARE) {
            notifications.notify(Audience.ORGANISATION, r.organisationId(), "PLAN_WRITTEN", "INSATS", r.id());
        } else {
            notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "PLAN_WRITTEN", "INSATS", r.id());
        }
        List<InsatsViews.Plan> all = store.plans(r.id());
        return all.get(all.size() - 1);
    }

    @Transactional
    public List<InsatsViews.Plan> plans(Caller caller, UUID id) {
        Row r = store.forStaff(caller, id, false);
        audit.record(caller.actor(), "READ_PLANS", "INSATS", r.id().toString());
        return store.plans(id);
    }

    // ---- end --------------------------------------------------------------------------------------------

    /** The municipality ends a granted insats outside a follow-up (e.g. after the client ended the contact). */
    @Transactional
    public InsatsViews.Detail end(Caller caller, UUID id, InsatsRequests.End e) {
        Row r = store.forStaff(requireRole(caller, Roles.HANDLAGGARE), id, true);
        requireGranted(r);
        DecisionRow current = store.current(id).orElseThrow();
        if (e.endedOn().isBefore(current.periodStart())) {
            throw ProblemException.invalid("endedOn", "cannot be before the insats period starts");
        }
        if (e.endedOn().isAfter(today())) {
            throw ProblemException.invalid("endedOn", "cannot be in the future");
        }
        endGranted(caller.actor(), r, e.endedOn(), e.reason());
        store.deleteOpenFollowUps(id);
        audit.record(caller.actor(), "END", "INSATS", id.toString());
        return detail(caller, store.forStaff(caller, id, false));
    }

    void endGranted(AuditLog.Actor actor, Row r, LocalDate endedOn, Insats.EndReason reason) {
        store.end(r.id(), endedOn, reason, clock.instant());
        endAssignmentIfOpen(actor, r, switch (reason) {
            case GOAL_REACHED -> Assignments.EndReason.GOAL_REACHED;
            case CLIENT_ENDED -> Assignments.EndReason.CLIENT_ENDED;
            case MOVED -> Assignments.EndReason.MOVED;
            case NEED_CHANGED, OTHER -> Assignments.EndReason.OTHER;
        });
        closeReferredIntake(actor, r);
        notifications.resolve(Audience.MUNICIPALITY, r.municipalityId(), "ASSIGNMENT_CLOSED", r.id());
        notifications.notify(Audience.ORGANISATION, r.organisationId(), "INSATS_ENDED", "INSATS", r.id());
    }

    /**
     * The organisation's assignment ended on its side (the client ended the contact, a safety stop, a withdrawn
     * proposal in matching). Called in the same transaction as the assignment's end.
     */
    void assignmentClosed(UUID assignmentId) {
        store.byAssignment(assignmentId).ifPresent(r -> {
            Instant now = clock.instant();
            switch (r.state()) {
                case PROPOSED -> {
                    notifications.resolve(Audience.MUNICIPALITY, r.municipalityId(), "INSATS_PROPOSED", r.id());
                    if (r.origin() == Insats.Origin.MUNICIPALITY) {
                        // The municipality's request stands; the organisation may propose someone else.
                        store.reopenRequest(r.id(), now);
                        notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "INSATS_VOLUNTEER_WITHDRAWN", "INSATS", r.id());
                        notifications.notify(Audience.ORGANISATION, r.organisationId(), "INSATS_REQUESTED", "INSATS", r.id());
                    } else {
                        store.transition(r.id(), r.state(), InsatsState.WITHDRAWN, now);
                        notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "INSATS_WITHDRAWN", "INSATS", r.id());
                    }
                }
                case AWAITING_CONSENT -> store.transition(r.id(), r.state(), InsatsState.WITHDRAWN, now);
                case GRANTED -> {
                    // Only the municipality ends an insats: it is told, and decides.
                    store.markAssignmentClosed(r.id(), now);
                    notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "ASSIGNMENT_CLOSED", "INSATS", r.id());
                }
                default -> {
                }
            }
        });
    }

    /**
     * A client who came through a municipality's request exists for that insats only: when it ends without
     * (or after) a kontaktperson, the intake leaves the organisation's waiting list.
     */
    private void closeReferredIntake(AuditLog.Actor actor, Row r) {
        if (r.origin() == Insats.Origin.MUNICIPALITY) {
            assignments.closeIntake(actor, r.organisationId(), r.clientId());
        }
    }

    private void endAssignmentIfOpen(AuditLog.Actor actor, Row r, Assignments.EndReason reason) {
        if (r.assignmentId() == null) {
            return;
        }
        assignments.find(r.organisationId(), r.assignmentId())
                .filter(a -> a.state() != Assignments.State.ENDED)
                .ifPresent(a -> assignments.end(actor, r.organisationId(), a.id(), reason));
    }

    // ---- reading ----------------------------------------------------------------------------------------

    @Transactional(readOnly = true)
    public List<InsatsViews.Summary> list(Caller caller, InsatsState state) {
        return store.listForStaff(caller, state).stream().map(r -> {
            var current = store.current(r.id());
            var next = store.openFollowUp(r.id()).map(FollowUpRow::plannedOn).orElse(null);
            var client = assignments.client(r.organisationId(), r.clientId());
            ProtectionLevel level = r.protectionLevel().stricter(client.map(Assignments.ClientSummary::protectionLevel).orElse(null));
            return new InsatsViews.Summary(r.id(), r.origin(), r.state(), r.organisationId(), r.municipalityId(),
                    client.map(Assignments.ClientSummary::pseudonym).orElse(null), level.isProtected(),
                    current.map(DecisionRow::periodEnd).orElse(null), next, r.createdAt(), level, r.model());
        }).toList();
    }

    /** One insats, audited as a read (it holds the case reference and the municipality contact). */
    @Transactional
    public InsatsViews.Detail get(Caller caller, UUID id) {
        Row r = store.forStaff(caller, id, false);
        audit.record(caller.actor(), "READ", "INSATS", id.toString());
        return detail(caller, r);
    }

    InsatsViews.Detail detail(Caller caller, Row r) {
        boolean org = caller.is(Roles.COORDINATOR);
        var consent = store.consent(r.id()).map(c -> new InsatsViews.Consent(c.scope(), c.form(), c.givenOn(),
                c.recordedAt(), c.revokedAt())).orElse(null);
        var investigation = r.investigationOutcome() == null ? null : new InsatsViews.Investigation(r.investigationOutcome(),
                r.investigatedOn(), org ? null : store.investigationNote(r));
        var decisions = store.decisions(r.id()).stream().map(d -> new InsatsViews.Decision(d.id(), d.version(), d.kind(),
                d.outcome(), d.decidedOn(), d.legalBasis(), d.periodStart(), d.periodEnd(), d.hoursPerMonth(), d.followUpOn(),
                store.refusalReason(d), d.createdAt(),
                store.appealInformation(d.id()))).toList();
        List<InsatsViews.Plan> plans = store.plans(r.id());
        var followUps = store.followUps(r.id()).stream().map(f -> FollowUpService.view(store, f, org)).toList();
        ProtectionLevel level = effectiveLevel(r);
        // Under fingerade personuppgifter the municipality's case reference stays with the municipality.
        String caseReference = org && !level.caseReferenceVisibleToOrganisation() ? null : store.caseReference(r);
        return new InsatsViews.Detail(r.id(), r.origin(), r.state(), r.organisationId(), r.municipalityId(), pseudonym(r),
                level.isProtected(), r.needs(), store.summary(r), caseReference, store.municipalityContact(r),
                org ? r.clientId() : null, org ? r.assignmentId() : null, r.volunteerId(), consent, investigation,
                decisions, store.uppdrag(r.id()).orElse(null), plans.isEmpty() ? null : plans.get(plans.size() - 1),
                followUps, r.endedOn(), r.endReason(), r.assignmentClosedAt(), r.createdAt(), planConfirmation(r.id()),
                deletedAfter(r.id()).orElse(null), level, r.model());
    }

    /** The client's confirmation of the newest plan version she confirmed, or null. */
    InsatsViews.PlanConfirmation planConfirmation(UUID insatsId) {
        List<InsatsStore.PlanConfirmationRow> all = store.planConfirmations(insatsId);
        if (all.isEmpty()) {
            return null;
        }
        InsatsStore.PlanConfirmationRow last = all.get(all.size() - 1);
        return new InsatsViews.PlanConfirmation(last.version(), last.confirmedOn());
    }

    /** The date gallring deletes a closed insats ({@code bredvid.insats.retention} after it closed); empty while open. */
    java.util.Optional<LocalDate> deletedAfter(UUID insatsId) {
        return store.closedAt(insatsId).map(closed -> calendar.date(closed.plus(config.retention())));
    }

    Calendar calendar() {
        return calendar;
    }

    /**
     * A kontaktperson's insatser. The municipality's name only without protection; the uppdrag text up to a
     * sekretessmarkering; under skyddad folkbokföring or fingerade personuppgifter the pseudonym, period, hours and
     * plan, nothing else (003:783-797).
     */
    @Transactional
    public List<InsatsViews.MyInsats> mine(Caller device) {
        UUID org = device.requireOrganisation();
        List<InsatsViews.MyInsats> out = store.ofVolunteer(org, device.subjectId()).stream().map(r -> {
            DecisionRow d = store.current(r.id()).orElseThrow();
            List<InsatsViews.Plan> plans = store.plans(r.id());
            InsatsViews.Plan plan = plans.isEmpty() ? null : plans.get(plans.size() - 1);
            ProtectionLevel level = effectiveLevel(r);
            return new InsatsViews.MyInsats(r.id(), pseudonym(r), r.state(), d.periodStart(), d.periodEnd(), d.hoursPerMonth(),
                    level.municipalityVisibleToVolunteer() ? tenants.municipalityName(r.municipalityId()).orElse(null) : null,
                    level.uppdragVisibleToVolunteer() ? store.uppdrag(r.id()).orElse(null) : null, plan);
        }).toList();
        out.forEach(m -> audit.record(device.actor(), "READ", "INSATS", m.id().toString()));
        return out;
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Assignments.AssignmentView proposableAssignment(UUID org, UUID assignmentId) {
        Assignments.AssignmentView a = assignments.find(org, assignmentId).orElseThrow(() -> ProblemException.notFound("Assignment"));
        if (a.kind() != Assignments.Kind.INSATS) {
            throw ProblemException.conflict("not-an-insats-assignment", "Only an assignment of kind INSATS can be proposed to a municipality.");
        }
        if (a.state() != Assignments.State.PROPOSED) {
            throw ProblemException.conflict("assignment-not-proposed", "The assignment must be PROPOSED; it is " + a.state() + ".");
        }
        if (store.byAssignment(a.id()).isPresent()) {
            throw ProblemException.conflict("already-proposed", "The assignment is already part of an insats.");
        }
        return a;
    }

    /**
     * The insats's protection: the stricter of what the referral or proposal said and what the client's intake
     * says now (a coordinator may raise it after the insats began).
     */
    ProtectionLevel effectiveLevel(Row r) {
        return r.protectionLevel().stricter(assignments.client(r.organisationId(), r.clientId())
                .map(Assignments.ClientSummary::protectionLevel).orElse(null));
    }

    String pseudonym(Row r) {
        return assignments.client(r.organisationId(), r.clientId()).map(Assignments.ClientSummary::pseudonym).orElse(null);
    }

    static Caller requireRole(Caller caller, String role) {
        if (!caller.is(role)) {
            throw ProblemException.forbidden("Only a " + role.toLowerCase() + " may do this.");
        }
        return caller;
    }

    static void requireGranted(Row r) {
        if (r.state() != InsatsState.GRANTED) {
            throw ProblemException.conflict("not-granted", "The insats must be granted; it is " + r.state() + ".");
        }
    }

    private static void requireField(String field, Object value) {
        if (value == null) {
            throw ProblemException.invalid(field, "is required to grant");
        }
    }
}
