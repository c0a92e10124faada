package se.bredvid.insats;

import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.platform.Redacted;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.insats.InsatsStore.DecisionRow;
import se.bredvid.insats.InsatsStore.FollowUpRow;
import se.bredvid.insats.InsatsStore.Row;
import se.bredvid.notifications.StaffNotifications;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.platform.ProblemException;
import se.bredvid.audit.AuditLog;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Follow-up (uppföljning) of a granted insats (003:771-777): contact with both the person and the utförare.
 * The organisation reports; the client answers a short questionnaire on their own device and chooses whether
 * the handläggare may see it; the handläggare assesses and decides: continue, change (new period or scope)
 * or end. Reminders go to both parties before the planned date.
 */
@Singleton
public class FollowUpService {

    private final InsatsStore store;
    private final InsatsService insatser;
    private final InsatsConfig config;
    private final AuditLog audit;
    private final StaffNotifications notifications;
    private final Clock clock;

    FollowUpService(InsatsStore store, InsatsService insatser, InsatsConfig config, AuditLog audit,
                    StaffNotifications notifications, Clock clock) {
        this.store = store;
        this.insatser = insatser;
        this.config = config;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
    }

    /** The client's answers, sealed at rest. */
    @Serdeable
    record Answer(int contactWorks, Questionnaire.Support getsSupport, Questionnaire.Continue wantsToContinue,
                  String wishes) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    /** The organisation's report for the open follow-up; it flows to the municipality only under the client's consent. */
    @Transactional
    public InsatsViews.FollowUp report(Caller caller, UUID id, UUID followUpId, InsatsRequests.ProviderReport report) {
        Row r = store.forStaff(InsatsService.requireRole(caller, Roles.COORDINATOR), id, true);
        InsatsService.requireGranted(r);
        FollowUpRow f = openFollowUp(r, followUpId);
        if (!followUpConsent(r.id())) {
            throw ProblemException.conflict("consent-required",
                    "The client has not consented (or has withdrawn consent) to follow-up reports reaching the municipality.");
        }
        Instant now = clock.instant();
        store.reportFollowUp(f.id(), report.text().strip(), now);
        audit.record(caller.actor(), "FOLLOW_UP_REPORT", "INSATS", id.toString());
        notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "FOLLOW_UP_REPORTED", "INSATS", id);
        return view(store, store.followUp(id, f.id(), false).orElseThrow(), true);
    }

    /** The handläggare's assessment completes the follow-up and decides what happens next. */
    @Transactional
    public InsatsViews.Detail assess(Caller caller, UUID id, UUID followUpId, InsatsRequests.Assessment a) {
        Row r = store.forStaff(InsatsService.requireRole(caller, Roles.HANDLAGGARE), id, true);
        InsatsService.requireGranted(r);
        FollowUpRow f = openFollowUp(r, followUpId);
        DecisionRow current = store.current(id).orElseThrow();
        LocalDate today = insatser.today();
        if (a.heldOn().isAfter(today)) {
            throw ProblemException.invalid("heldOn", "cannot be in the future");
        }
        if (a.heldOn().isBefore(current.periodStart())) {
            throw ProblemException.invalid("heldOn", "is before the insats period starts");
        }
        if (a.heldOn().isAfter(current.periodEnd())) {
            throw ProblemException.invalid("heldOn", "is after the insats period ended (" + current.periodEnd() + ")");
        }
        Instant now = clock.instant();
        UUID decisionId = null;
        LocalDate periodEnd = current.periodEnd();
        switch (a.outcome()) {
            case CONTINUE -> requireNext(a, periodEnd);
            case CHANGE -> {
                if (a.change() == null) {
                    throw ProblemException.invalid("change", "is required: the new period end and hours per month");
                }
                InsatsRequests.Change c = a.change();
                if (c.decidedOn().isAfter(today)) {
                    throw ProblemException.invalid("change.decidedOn", "cannot be in the future");
                }
                if (!c.periodEnd().isAfter(a.heldOn())) {
                    throw ProblemException.invalid("change.periodEnd", "must be after the follow-up");
                }
                periodEnd = c.periodEnd();
                requireNext(a, periodEnd);
                decisionId = store.insertDecision(id, Insats.DecisionKind.CHANGE, Insats.DecisionOutcome.GRANTED,
                        c.decidedOn(), c.legalBasis(), current.periodStart(), c.periodEnd(), c.hoursPerMonth(),
                        a.nextFollowUpOn(), null, caller.id(), now);
            }
            case END -> {
                if (a.endReason() == null) {
                    throw ProblemException.invalid("endReason", "is required to end the insats");
                }
            }
        }
        store.assessFollowUp(f.id(), a.heldOn(), a.assessment().strip(), a.outcome(), decisionId, caller.id(), now);
        store.setHowHeld(f.id(), a.heldHow(), a.withClient());
        if (a.outcome() == Insats.FollowUpOutcome.END) {
            insatser.endGranted(caller.actor(), r, a.heldOn(), a.endReason());
        } else {
            store.insertFollowUp(id, a.nextFollowUpOn(), now);
        }
        notifications.resolve(Audience.MUNICIPALITY, r.municipalityId(), "FOLLOW_UP_DUE", id);
        notifications.resolve(Audience.ORGANISATION, r.organisationId(), "FOLLOW_UP_DUE", id);
        notifications.resolve(Audience.MUNICIPALITY, r.municipalityId(), "FOLLOW_UP_REPORTED", id);
        notifications.notify(Audience.ORGANISATION, r.organisationId(), "FOLLOW_UP_ASSESSED", "INSATS", id);
        audit.record(caller.actor(), "FOLLOW_UP_" + a.outcome().name(), "INSATS", id.toString());
        return insatser.detail(caller, store.forStaff(caller, id, false));
    }

    private static void requireNext(InsatsRequests.Assessment a, LocalDate periodEnd) {
        if (a.nextFollowUpOn() == null) {
            throw ProblemException.invalid("nextFollowUpOn", "is required to continue the insats");
        }
        if (!a.nextFollowUpOn().isAfter(a.heldOn())) {
            throw ProblemException.invalid("nextFollowUpOn", "must be after this follow-up");
        }
        if (a.nextFollowUpOn().isAfter(periodEnd)) {
            throw ProblemException.invalid("nextFollowUpOn", "is after the end of the insats period (" + periodEnd + ")");
        }
    }

    @Transactional
    public List<InsatsViews.FollowUp> list(Caller caller, UUID id) {
        Row r = store.forStaff(caller, id, false);
        boolean org = caller.is(Roles.COORDINATOR);
        audit.record(caller.actor(), "READ_FOLLOW_UPS", "INSATS", id.toString());
        return store.followUps(id).stream().map(f -> view(store, f, org)).toList();
    }

    // ---- the client's device ----------------------------------------------------------------------------

    /** The questionnaire open for the client: from the reminder window before a follow-up until it is held. */
    @Transactional(readOnly = true)
    public List<InsatsViews.MyFollowUp> mine(Caller device) {
        return openForClient(device).map(f -> List.of(new InsatsViews.MyFollowUp(f.id(), f.plannedOn(),
                Questionnaire.QUESTIONS, f.clientAnsweredAt() != null))).orElse(List.of());
    }

    @Transactional
    public InsatsViews.MyFollowUp answer(Caller device, UUID followUpId, InsatsRequests.ClientAnswer a) {
        FollowUpRow f = openForClient(device).filter(x -> x.id().equals(followUpId))
                .orElseThrow(() -> ProblemException.notFound("Follow-up"));
        Answer answer = new Answer(a.contactWorks(), a.getsSupport(), a.wantsToContinue(),
                a.wishes() == null || a.wishes().isBlank() ? null : a.wishes().strip());
        store.answerFollowUp(f.id(), answer, a.shareWithMunicipality(), clock.instant());
        audit.record(device.actor(), "FOLLOW_UP_ANSWER", "INSATS", f.insatsId().toString());
        Row r = store.byId(f.insatsId()).orElseThrow();
        if (a.shareWithMunicipality()) {
            notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "CLIENT_VIEW_SHARED", "INSATS", r.id());
        }
        return new InsatsViews.MyFollowUp(f.id(), f.plannedOn(), Questionnaire.QUESTIONS, true);
    }

    private Optional<FollowUpRow> openForClient(Caller device) {
        Optional<Row> insats = store.ofClient(device.requireOrganisation(), device.subjectId());
        LocalDate windowEnd = insatser.today().plusDays(config.reminderDays());
        return insats.flatMap(r -> store.openFollowUp(r.id()))
                .filter(f -> f.remindedAt() != null || !f.plannedOn().isAfter(windowEnd));
    }

    // ---- reminders ------------------------------------------------------------------------------------------

    /**
     * Reminds both parties of follow-ups that fall within the reminder window. Safe on every instance at once:
     * rows are claimed with SKIP LOCKED and marked, so each reminder is sent once.
     */
    @Transactional
    public int remindDue() {
        LocalDate horizon = insatser.today().plusDays(config.reminderDays());
        List<InsatsStore.DueFollowUp> due = store.claimDueReminders(horizon);
        Instant now = clock.instant();
        for (InsatsStore.DueFollowUp d : due) {
            store.markReminded(d.followUpId(), now);
            notifications.notify(Audience.ORGANISATION, d.organisationId(), "FOLLOW_UP_DUE", "INSATS", d.insatsId());
            notifications.notify(Audience.MUNICIPALITY, d.municipalityId(), "FOLLOW_UP_DUE", "INSATS", d.insatsId());
        }
        return due.size();
    }

    // ---- views ------------------------------------------------------------------------------------------------

    private FollowUpRow openFollowUp(Row r, UUID followUpId) {
        FollowUpRow f = store.followUp(r.id(), followUpId, true).orElseThrow(() -> ProblemException.notFound("Follow-up"));
        if (!f.open()) {
            throw ProblemException.conflict("follow-up-completed", "The follow-up is already completed.");
        }
        return f;
    }

    private boolean followUpConsent(UUID insatsId) {
        return store.consent(insatsId).map(c -> c.covers(Insats.ConsentScope.FOLLOW_UP)).orElse(false);
    }

    /**
     * A follow-up as a party sees it. The client's answers reach the handläggare only when the client chose to
     * share them; the board's assessment text stays with the municipality (the organisation sees the outcome).
     */
    static InsatsViews.FollowUp view(InsatsStore store, FollowUpRow f, boolean forOrganisation) {
        InsatsViews.ClientView cv = null;
        if (f.clientView() != null && (forOrganisation || Boolean.TRUE.equals(f.clientViewShared()))) {
            Answer a = store.clientView(f, Answer.class);
            cv = new InsatsViews.ClientView(a.contactWorks(), a.getsSupport(), a.wantsToContinue(), a.wishes(),
                    Boolean.TRUE.equals(f.clientViewShared()), f.clientAnsweredAt());
        }
        InsatsStore.HowHeld how = store.howHeld(f.id());
        return new InsatsViews.FollowUp(f.id(), f.plannedOn(), f.remindedAt(),
                store.providerReport(f), f.providerReportedAt(), cv, f.heldOn(),
                forOrganisation ? null : store.assessment(f), f.outcome(),
                f.decisionId(), f.completedAt(), how.how(), how.withClient());
    }
}
