package se.bredvid.insats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.Caller;
import se.bredvid.insats.InsatsStore.Row;
import se.bredvid.notifications.StaffNotifications;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.platform.ProblemException;
import se.bredvid.platform.Roles;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The client's own insats, on her phone (issue 15): she sees what would be shared about her and with whom, gives
 * or revokes her consent herself (form {@code IN_APP}), sees the period, what the kontaktperson is for and the
 * plan, and confirms that she took part in making the plan (003:763). Only her own insatser that are not closed;
 * another client's, or a closed one, is "not found".
 */
@Singleton
public class ClientInsatsService {

    /** Her consent from the app: the scope only; the form is IN_APP and the date is today. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ClientConsent(@NotEmpty Set<Insats.@NotNull ConsentScope> scope) {
    }

    /** The plan version she confirms: it must be the current one. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record PlanConfirmation(@NotNull @Min(1) Integer version) {
    }

    private final InsatsStore store;
    private final InsatsService insatser;
    private final AdminService tenants;
    private final AuditLog audit;
    private final StaffNotifications notifications;
    private final Clock clock;

    ClientInsatsService(InsatsStore store, InsatsService insatser, AdminService tenants, AuditLog audit,
                        StaffNotifications notifications, Clock clock) {
        this.store = store;
        this.insatser = insatser;
        this.tenants = tenants;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Transactional
    public List<InsatsViews.MyClientInsats> mine(Caller device) {
        InsatsService.requireRole(device, Roles.CLIENT_DEVICE);
        List<InsatsViews.MyClientInsats> out = store.openOfClient(device.requireOrganisation(), device.subjectId()).stream()
                .map(this::view).toList();
        out.forEach(m -> audit.record(device.actor(), "READ", "INSATS", m.id().toString()));
        return out;
    }

    /**
     * She consents in the app to the proposal awaiting her consent: the same effects as the coordinator's record
     * (the municipality sees the proposal; the assignment waits for the decision). A second consent is a 409
     * {@code not-awaiting-consent}: the proposal has gone already.
     */
    @Transactional
    public InsatsViews.MyClientInsats consent(Caller device, UUID id, ClientConsent c) {
        Row r = own(device, id);
        if (r.state() != InsatsState.AWAITING_CONSENT) {
            throw ProblemException.conflict("not-awaiting-consent", "Consent is given to a proposal awaiting it; this one is " + r.state() + ".");
        }
        insatser.giveConsent(device.actor(), device.id(), r, c.scope(), Insats.ConsentForm.IN_APP, insatser.today());
        return view(store.byId(id).orElseThrow());
    }

    /**
     * She revokes her consent in the app: before a decision the insats is withdrawn; after a grant follow-up
     * reports are refused from now on and both the municipality and the organisation are told.
     */
    @Transactional
    public InsatsViews.MyClientInsats revoke(Caller device, UUID id) {
        Row r = own(device, id);
        insatser.revoke(device.actor(), device.id(), r);
        if (r.state() == InsatsState.GRANTED) {
            notifications.notify(Audience.ORGANISATION, r.organisationId(), "CONSENT_REVOKED", "INSATS", r.id());
        }
        return view(store.byId(id).orElseThrow());
    }

    /** She confirms that she took part in making the current plan version; a new version needs a new confirmation. */
    @Transactional
    public InsatsViews.MyClientInsats confirmPlan(Caller device, UUID id, PlanConfirmation c) {
        Row r = own(device, id);
        List<InsatsViews.Plan> plans = store.plans(id);
        if (plans.isEmpty()) {
            throw ProblemException.conflict("no-plan", "There is no plan to confirm yet.");
        }
        int current = plans.get(plans.size() - 1).version();
        if (c.version() != current) {
            throw ProblemException.conflict("plan-version-not-current", "Version " + c.version()
                    + " is not the current plan; the current one is version " + current + ".");
        }
        store.confirmPlan(id, current, insatser.today(), device.id(), clock.instant());
        audit.record(device.actor(), "CONFIRM_PLAN", "INSATS", id.toString());
        return view(store.byId(id).orElseThrow());
    }

    private Row own(Caller device, UUID id) {
        InsatsService.requireRole(device, Roles.CLIENT_DEVICE);
        return store.openOfClient(device.requireOrganisation(), device.subjectId(), id, true)
                .orElseThrow(() -> ProblemException.notFound("Insats"));
    }

    /** Her insats in her own terms. The plan confirmation shown is of the current plan version only. */
    private InsatsViews.MyClientInsats view(Row r) {
        var consent = store.consent(r.id()).map(c -> new InsatsViews.Consent(c.scope(), c.form(), c.givenOn(),
                c.recordedAt(), c.revokedAt())).orElse(null);
        var current = store.current(r.id());
        List<InsatsViews.Plan> plans = store.plans(r.id());
        InsatsViews.Plan plan = plans.isEmpty() ? null : plans.get(plans.size() - 1);
        InsatsViews.PlanConfirmation confirmation = plan == null ? null : store.planConfirmations(r.id()).stream()
                .filter(p -> p.version() == plan.version()).findFirst()
                .map(p -> new InsatsViews.PlanConfirmation(p.version(), p.confirmedOn())).orElse(null);
        var next = r.state() == InsatsState.GRANTED ? store.openFollowUp(r.id()).map(InsatsStore.FollowUpRow::plannedOn).orElse(null) : null;
        return new InsatsViews.MyClientInsats(r.id(), r.state(), tenants.municipalityName(r.municipalityId()).orElse(null),
                tenants.organisationName(r.organisationId()).orElse(null), r.needs(), r.summary() != null, consent,
                current.map(InsatsStore.DecisionRow::periodStart).orElse(null),
                current.map(InsatsStore.DecisionRow::periodEnd).orElse(null),
                current.map(InsatsStore.DecisionRow::hoursPerMonth).orElse(null),
                store.uppdrag(r.id()).map(InsatsViews.Uppdrag::what).orElse(null), plan, confirmation, next);
    }
}
