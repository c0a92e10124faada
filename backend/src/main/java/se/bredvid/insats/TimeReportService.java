package se.bredvid.insats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Digits;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.insats.InsatsStore.DecisionRow;
import se.bredvid.insats.InsatsStore.Row;
import se.bredvid.insats.TimeReportStore.ReportRow;
import se.bredvid.matching.Assignments;
import se.bredvid.notifications.StaffNotifications;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.platform.Csv;
import se.bredvid.platform.ProblemException;
import se.bredvid.platform.StateMachine;
import se.bredvid.recruiting.VolunteerDirectory;

import java.math.BigDecimal;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Time and expense reports for arvode and omkostnadsersättning. The kontaktperson reports per insats and month
 * (contacts, hours, expenses); the handläggare approves or returns with a comment; approved reports of a month
 * are exported as CSV for the municipality's payroll. Amounts are exact: öre and hundredths of an hour.
 */
@Singleton
public class TimeReportService {

    /** A report's state, with its transition table: a returned report is corrected and submitted again. */
    public enum State implements StateMachine<State> {
        SUBMITTED, APPROVED, RETURNED;

        @Override
        public boolean mayGoTo(State to) {
            return switch (this) {
                case SUBMITTED -> to == APPROVED || to == RETURNED;
                case RETURNED -> to == SUBMITTED;
                case APPROVED -> false;
            };
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Expense(@NotBlank @Size(max = 200) String description,
                          @NotNull @DecimalMin("0") @DecimalMax("100000") @Digits(integer = 6, fraction = 2) BigDecimal amount) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Submission(@NotNull UUID insatsId, @NotBlank String month,
                             @NotNull @Min(0) @Max(1000) Integer contacts,
                             @NotNull @DecimalMin("0") @DecimalMax("744") @Digits(integer = 3, fraction = 2) BigDecimal hours,
                             @Nullable @Size(max = 50) List<@Valid @NotNull Expense> expenses) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Resubmission(@NotNull @Min(0) @Max(1000) Integer contacts,
                               @NotNull @DecimalMin("0") @DecimalMax("744") @Digits(integer = 3, fraction = 2) BigDecimal hours,
                               @Nullable @Size(max = 50) List<@Valid @NotNull Expense> expenses) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Return(@NotBlank @Size(max = 1000) String comment) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    public record View(UUID id, UUID insatsId, String clientPseudonym, UUID volunteerId, String month, int contacts,
                       BigDecimal hours, List<Expense> expenses, BigDecimal expensesTotal, State state,
                       String returnComment, int submissions, Instant submittedAt, Instant decidedAt) {
    }

    private final InsatsStore store;
    private final TimeReportStore reports;
    private final InsatsService insatser;
    private final Assignments assignments;
    private final VolunteerDirectory volunteers;
    private final AdminService tenants;
    private final AuditLog audit;
    private final StaffNotifications notifications;
    private final Clock clock;

    TimeReportService(InsatsStore store, TimeReportStore reports, InsatsService insatser, Assignments assignments, VolunteerDirectory volunteers,
                      AdminService tenants, AuditLog audit, StaffNotifications notifications, Clock clock) {
        this.store = store;
        this.reports = reports;
        this.insatser = insatser;
        this.assignments = assignments;
        this.volunteers = volunteers;
        this.tenants = tenants;
        this.audit = audit;
        this.notifications = notifications;
        this.clock = clock;
    }

    // ---- the kontaktperson's device ---------------------------------------------------------------------

    @Transactional
    public View submit(Caller device, Submission s) {
        UUID org = device.requireOrganisation();
        YearMonth month = month("month", s.month());
        Row insats = store.reportableBy(org, device.subjectId(), s.insatsId())
                .orElseThrow(() -> ProblemException.notFound("Insats"));
        requireWithinPeriod(insats, month);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        boolean inserted = reports.submit(id, insats.id(), org, insats.municipalityId(), device.subjectId(), month,
                s.contacts(), centi(s.hours()), now);
        if (!inserted) {
            throw ProblemException.conflict("report-exists", "There is already a report for " + month
                    + "; a returned report is corrected and sent again with PUT.");
        }
        reports.insertExpenses(id, s.expenses());
        audit.record(device.actor(), "SUBMIT", "TIME_REPORT", id.toString());
        notifications.notify(Audience.MUNICIPALITY, insats.municipalityId(), "TIME_REPORT_SUBMITTED", "TIME_REPORT", id);
        return view(row(id).orElseThrow());
    }

    /** A returned report, corrected and sent again. */
    @Transactional
    public View resubmit(Caller device, UUID id, Resubmission s) {
        ReportRow r = lockedOfVolunteer(device, id);
        if (r.state() != State.RETURNED) {
            throw ProblemException.conflict("not-returned", "Only a returned report can be corrected; this one is " + r.state() + ".");
        }
        reports.resubmit(id, s.contacts(), centi(s.hours()), clock.instant());
        reports.replaceExpenses(id, s.expenses());
        audit.record(device.actor(), "RESUBMIT", "TIME_REPORT", id.toString());
        notifications.resolve(Audience.ORGANISATION, r.organisationId(), "TIME_REPORT_RETURNED", id);
        notifications.notify(Audience.MUNICIPALITY, r.municipalityId(), "TIME_REPORT_SUBMITTED", "TIME_REPORT", id);
        return view(row(id).orElseThrow());
    }

    @Transactional(readOnly = true)
    public List<View> mine(Caller device) {
        return reports.ofVolunteer(device.requireOrganisation(), device.subjectId()).stream().map(this::view).toList();
    }

    // ---- staff --------------------------------------------------------------------------------------------

    /** A handläggare's reports (their municipality's), or a coordinator's (their organisation's). */
    @Transactional
    public List<View> list(Caller caller, String month, State state) {
        boolean org = caller.is(Roles.COORDINATOR);
        UUID tenant = org ? caller.requireOrganisation() : caller.requireMunicipality();
        List<View> out = reports.ofTenant(org, tenant, month == null ? null : month("month", month), state).stream()
                .map(this::view).toList();
        audit.record(caller.actor(), "LIST", "TIME_REPORT", month == null ? "all" : month);
        return out;
    }

    @Transactional
    public View approve(Caller caller, UUID id) {
        ReportRow r = lockedOfMunicipality(caller, id);
        if (r.state() != State.SUBMITTED) {
            throw ProblemException.conflict("not-submitted", "Only a submitted report can be approved; this one is " + r.state() + ".");
        }
        reports.approve(id, caller.id(), clock.instant());
        audit.record(caller.actor(), "APPROVE", "TIME_REPORT", id.toString());
        notifications.resolve(Audience.MUNICIPALITY, r.municipalityId(), "TIME_REPORT_SUBMITTED", id);
        return view(row(id).orElseThrow());
    }

    @Transactional
    public View sendBack(Caller caller, UUID id, Return ret) {
        ReportRow r = lockedOfMunicipality(caller, id);
        if (r.state() != State.SUBMITTED) {
            throw ProblemException.conflict("not-submitted", "Only a submitted report can be returned; this one is " + r.state() + ".");
        }
        reports.sendBack(id, ret.comment().strip(), caller.id(), clock.instant());
        audit.record(caller.actor(), "RETURN", "TIME_REPORT", id.toString());
        notifications.resolve(Audience.MUNICIPALITY, r.municipalityId(), "TIME_REPORT_SUBMITTED", id);
        // In the MUNICIPALITY model the organisation is not party to the payment and is not told.
        if (store.byId(r.insatsId()).map(Row::model).orElse(AdminService.LinkModel.PROVIDER) == AdminService.LinkModel.PROVIDER) {
            notifications.notify(Audience.ORGANISATION, r.organisationId(), "TIME_REPORT_RETURNED", "TIME_REPORT", id);
        }
        return view(row(id).orElseThrow());
    }

    /**
     * The month's approved reports of the caller's municipality, one row per report and a total, for payroll.
     * Names the kontaktperson (the municipality pays the arvode) and its own case reference; never the client.
     */
    @Transactional
    public String export(Caller caller, String monthText) {
        UUID mun = caller.requireMunicipality();
        YearMonth month = month("month", monthText);
        List<ReportRow> approved = reports.approvedOfMonth(mun, month);
        Map<UUID, String> orgNames = new HashMap<>();
        StringBuilder csv = new StringBuilder(Csv.BOM);
        csv.append(Csv.row(List.of("month", "case_reference", "organisation", "kontaktperson", "contacts", "hours",
                "expenses_sek", "report_id", "payee")));
        long contacts = 0;
        long hours = 0;
        long ore = 0;
        for (ReportRow r : approved) {
            Row insats = store.byId(r.insatsId()).orElseThrow();
            long expenses = reports.expenseTotal(r.id());
            // Under skyddad folkbokföring or fingerade personuppgifter payroll gets the insats id's start, not the case.
            String reference = insatser.effectiveLevel(insats).caseReferenceInPayroll()
                    ? Optional.ofNullable(store.caseReference(insats)).orElse("") : insats.id().toString().substring(0, 8);
            csv.append(Csv.row(List.of(month.toString(), reference,
                    orgNames.computeIfAbsent(r.organisationId(), o -> tenants.organisationName(o).orElse("")),
                    volunteers.name(r.organisationId(), r.volunteerId()).orElse(""),
                    Integer.toString(r.contacts()), decimal(r.hoursCenti()).toPlainString(), decimal(expenses).toPlainString(),
                    r.id().toString(), payee(insats, r))));
            contacts += r.contacts();
            hours += r.hoursCenti();
            ore += expenses;
        }
        csv.append(Csv.row(List.of(month.toString(), "TOTAL", "", Integer.toString(approved.size()), Long.toString(contacts),
                decimal(hours).toPlainString(), decimal(ore).toPlainString(), "", "")));
        audit.record(caller.actor(), "EXPORT", "TIME_REPORTS", month.toString());
        return csv.toString();
    }

    /**
     * Who is paid ("Utbetalas till"): the organisation on its invoice in the PROVIDER model, the kontaktperson her
     * arvode through the municipality's payroll in the MUNICIPALITY model.
     */
    private String payee(Row insats, ReportRow r) {
        return insats.model() == AdminService.LinkModel.MUNICIPALITY
                ? volunteers.name(r.organisationId(), r.volunteerId()).orElse("")
                : tenants.organisationName(r.organisationId()).orElse("");
    }

    // ---- rules and rows -----------------------------------------------------------------------------------

    private void requireWithinPeriod(Row insats, YearMonth month) {
        if (month.isAfter(YearMonth.from(insatser.today()))) {
            throw ProblemException.invalid("month", "cannot be in the future");
        }
        DecisionRow d = store.current(insats.id()).orElseThrow(() -> ProblemException.notFound("Insats"));
        LocalDate last = insats.endedOn() != null && insats.endedOn().isBefore(d.periodEnd()) ? insats.endedOn() : d.periodEnd();
        if (month.isBefore(YearMonth.from(d.periodStart())) || month.isAfter(YearMonth.from(last))) {
            throw ProblemException.invalid("month", "is outside the insats period (" + d.periodStart() + " to " + last + ")");
        }
    }

    private ReportRow lockedOfVolunteer(Caller device, UUID id) {
        return reports.lockedOfVolunteer(device.requireOrganisation(), device.subjectId(), id)
                .orElseThrow(() -> ProblemException.notFound("Time report"));
    }

    private ReportRow lockedOfMunicipality(Caller caller, UUID id) {
        return reports.lockedOfMunicipality(caller.requireMunicipality(), id)
                .orElseThrow(() -> ProblemException.notFound("Time report"));
    }

    private Optional<ReportRow> row(UUID id) {
        return reports.byId(id);
    }

    private View view(ReportRow r) {
        List<Expense> expenses = reports.expenses(r.id());
        BigDecimal total = expenses.stream().map(Expense::amount).reduce(decimal(0), BigDecimal::add);
        Row insats = store.byId(r.insatsId()).orElseThrow();
        String pseudonym = assignments.client(insats.organisationId(), insats.clientId())
                .map(Assignments.ClientSummary::pseudonym).orElse(null);
        return new View(r.id(), r.insatsId(), pseudonym, r.volunteerId(), r.month().toString(), r.contacts(),
                decimal(r.hoursCenti()), expenses, total, r.state(),
                reports.returnComment(r), r.submissions(), r.submittedAt(),
                r.decidedAt());
    }

    private static YearMonth month(String field, String text) {
        try {
            return YearMonth.parse(text);
        } catch (DateTimeParseException | NullPointerException e) {
            throw ProblemException.invalid(field, "must be a month as YYYY-MM");
        }
    }

    private static int centi(BigDecimal value) {
        return value.movePointRight(2).intValueExact();
    }

    private static BigDecimal decimal(long centi) {
        return BigDecimal.valueOf(centi, 2);
    }
}
