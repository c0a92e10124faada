package se.bredvid.insats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.Caller;
import se.bredvid.insats.InsatsStore.DecisionRow;
import se.bredvid.insats.InsatsStore.FollowUpRow;
import se.bredvid.insats.InsatsStore.Row;
import se.bredvid.notifications.StaffNotifications;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.platform.ProblemException;
import se.bredvid.platform.Roles;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * What the handläggare's desk needs beyond the insats process proper (issue 15): a change of period or hours
 * decided outside a follow-up (a new decision version of kind CHANGE, as a follow-up's CHANGE makes), and the
 * uppdrag's versions with who wrote each and when.
 */
@Singleton
class InsatsChangeService {

    /** A new period end or scope decided between follow-ups; {@code followUpOn} moves the planned follow-up. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record PeriodChange(@NotNull LocalDate decidedOn, @NotBlank @Size(max = 200) String legalBasis,
                        @NotNull LocalDate periodEnd, @NotNull @Min(1) @Max(200) Integer hoursPerMonth,
                        @Nullable LocalDate followUpOn) {
    }

    /** One of the municipality's own audit entries on an insats: when, who (by name), in which role, what. */
    @Serdeable
    record AuditTrailEntry(Instant at, String who, String role, String action) {
    }

    @Serdeable
    record UppdragVersion(int version, String what, String why, Instant writtenAt, String writtenBy) {
        @Override
        public String toString() {
            return "UppdragVersion[" + version + "]";
        }
    }

    private final InsatsStore store;
    private final InsatsService insatser;
    private final AdminService staff;
    private final AuditLog audit;
    private final StaffNotifications notifications;
    private final Clock clock;

    InsatsChangeService(InsatsStore store, InsatsService insatser, AdminService staff, AuditLog audit,
                        StaffNotifications notifications, Clock clock) {
        this.store = store;
        this.insatser = insatser;
        this.staff = staff;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
    }

    @Transactional
    public InsatsViews.Detail change(Caller caller, UUID id, PeriodChange c) {
        Row r = store.forStaff(InsatsService.requireRole(caller, Roles.HANDLAGGARE), id, true);
        InsatsService.requireGranted(r);
        DecisionRow current = store.current(id).orElseThrow();
        LocalDate today = insatser.today();
        if (c.decidedOn().isAfter(today)) {
            throw ProblemException.invalid("decidedOn", "cannot be in the future");
        }
        if (!c.periodEnd().isAfter(current.periodStart())) {
            throw ProblemException.invalid("periodEnd", "must be after the period start (" + current.periodStart() + ")");
        }
        if (c.periodEnd().isBefore(today)) {
            throw ProblemException.invalid("periodEnd", "cannot be in the past; end the insats instead");
        }
        FollowUpRow open = store.openFollowUp(id).orElse(null);
        LocalDate next = c.followUpOn() != null ? c.followUpOn() : open == null ? null : open.plannedOn();
        if (c.followUpOn() != null && open == null) {
            throw ProblemException.invalid("followUpOn", "there is no planned follow-up to move");
        }
        if (next != null && (next.isBefore(current.periodStart()) || next.isAfter(c.periodEnd()))) {
            throw ProblemException.invalid("followUpOn", "the planned follow-up (" + next + ") must fall within the new period");
        }
        if (c.followUpOn() != null && !c.followUpOn().equals(open.plannedOn())) {
            store.moveFollowUp(open.id(), c.followUpOn());
        }
        Instant now = clock.instant();
        store.insertDecision(id, Insats.DecisionKind.CHANGE, Insats.DecisionOutcome.GRANTED, c.decidedOn(), c.legalBasis(),
                current.periodStart(), c.periodEnd(), c.hoursPerMonth(), next, null, caller.id(), now);
        audit.record(caller.actor(), "DECIDE_CHANGE", "INSATS", id.toString());
        notifications.notify(Audience.ORGANISATION, r.organisationId(), "INSATS_DECIDED", "INSATS", id);
        return insatser.detail(caller, store.forStaff(caller, id, false));
    }

    /** Every version of the uppdrag, newest first, with the name of the handläggare who wrote it. */
    @Transactional
    public List<UppdragVersion> uppdragVersions(Caller caller, UUID id) {
        Row r = store.forStaff(caller, id, false);
        audit.record(caller.actor(), "READ_UPPDRAG", "INSATS", r.id().toString());
        Map<UUID, String> names = staffNames();
        return store.uppdragVersions(id).stream().map(u -> new UppdragVersion(u.version(), u.what(), u.why(), u.writtenAt(),
                names.get(u.writtenBy()))).toList();
    }

    /**
     * What the municipality's own staff read or changed of this insats, newest first (the last 500 entries):
     * the handläggare's read-only view of the audit log for one insats. Never the organisation's entries, never
     * another municipality's; looking is itself audited.
     */
    @Transactional
    public List<AuditTrailEntry> auditTrail(Caller caller, UUID id) {
        Row r = store.forStaff(caller, id, false);
        List<AuditLog.TenantEntry> entries = audit.tenantEntries(AuditLog.TenantKind.MUNICIPALITY, caller.requireMunicipality(),
                "INSATS", r.id().toString(), 500);
        audit.record(caller.actor(), "READ_AUDIT", "INSATS", r.id().toString());
        Map<UUID, String> names = staffNames();
        return entries.stream().map(e -> new AuditTrailEntry(e.at(), names.get(e.actorId()), e.role(), e.action())).toList();
    }

    /** Staff accounts' display names by id, through identity's published service (never its tables). */
    private Map<UUID, String> staffNames() {
        return staff.staff().stream()
                .collect(Collectors.toMap(AdminService.StaffView::id, AdminService.StaffView::displayName, (a, b) -> a));
    }
}
