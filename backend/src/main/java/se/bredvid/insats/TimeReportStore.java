package se.bredvid.insats;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import se.bredvid.insats.TimeReportService.Expense;
import se.bredvid.insats.TimeReportService.State;
import se.bredvid.platform.FieldCipher;
import se.bredvid.platform.StateMachine;

import java.math.BigDecimal;
import java.sql.ResultSet;
import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The time report tables, for {@link TimeReportService} only: its SQL, binding and sealing (the handläggare's
 * return comment and each expense's description). A report's state changes only through {@link #transition}
 * and the named methods built on it.
 */
@Singleton
class TimeReportStore {

    record ReportRow(UUID id, UUID insatsId, UUID organisationId, UUID municipalityId, UUID volunteerId,
                     YearMonth month, int contacts, int hoursCenti, State state, byte[] returnComment,
                     int submissions, Instant submittedAt, Instant decidedAt) {
    }

    private final JdbcOperations jdbc;
    private final FieldCipher cipher;

    TimeReportStore(JdbcOperations jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** A submitted report; false when the insats already has one for the month. */
    boolean submit(UUID id, UUID insatsId, UUID organisationId, UUID municipalityId, UUID volunteerId, YearMonth month,
                   int contacts, int hoursCenti, Instant now) {
        return update("""
                insert into time_report (id, insats_id, organisation_id, municipality_id, volunteer_id, month, contacts,
                                         hours_centi, state, submitted_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) on conflict (insats_id, month) do nothing""",
                id, insatsId, organisationId, municipalityId, volunteerId, month.atDay(1), contacts, hoursCenti,
                State.SUBMITTED, now) == 1;
    }

    /** A returned report, corrected: submitted again, the handläggare's comment and decision cleared. */
    void resubmit(UUID id, int contacts, int hoursCenti, Instant now) {
        transition(id, State.RETURNED, State.SUBMITTED, """
                update time_report set state = ?, contacts = ?, hours_centi = ?, return_comment = null,
                       submissions = submissions + 1, submitted_at = ?, decided_at = null, decided_by = null
                where id = ? and state = ?""", contacts, hoursCenti, now);
    }

    void approve(UUID id, UUID decidedBy, Instant now) {
        transition(id, State.SUBMITTED, State.APPROVED,
                "update time_report set state = ?, decided_at = ?, decided_by = ? where id = ? and state = ?", now, decidedBy);
    }

    void sendBack(UUID id, String comment, UUID decidedBy, Instant now) {
        transition(id, State.SUBMITTED, State.RETURNED,
                "update time_report set state = ?, return_comment = ?, decided_at = ?, decided_by = ? where id = ? and state = ?",
                cipher.seal(comment, InsatsSealedColumns.RETURN_COMMENT.context(id)), now, decidedBy);
    }

    /**
     * Every change of a report's state: allowed by {@link State}'s table and only from the state read under the
     * row lock. {@code sql} sets {@code state = ?} first, then {@code columns}, and ends {@code where id = ? and state = ?}.
     */
    private void transition(UUID id, State from, State to, String sql, Object... columns) {
        StateMachine.require(from, to, "A time report");
        Object[] args = new Object[columns.length + 3];
        args[0] = to;
        System.arraycopy(columns, 0, args, 1, columns.length);
        args[columns.length + 1] = id;
        args[columns.length + 2] = from;
        StateMachine.changed(update(sql, args), "The time report");
    }

    String returnComment(ReportRow r) {
        return cipher.openString(r.returnComment(), InsatsSealedColumns.RETURN_COMMENT.context(r.id()));
    }

    // ---- expenses ---------------------------------------------------------------------------------------

    /** The corrected report's expenses replace those it had. */
    void replaceExpenses(UUID reportId, List<Expense> expenses) {
        update("delete from time_report_expense where report_id = ?", reportId);
        insertExpenses(reportId, expenses);
    }

    /** The report's expenses, in order, each description sealed. */
    void insertExpenses(UUID reportId, List<Expense> expenses) {
        if (expenses == null) {
            return;
        }
        for (int i = 0; i < expenses.size(); i++) {
            Expense e = expenses.get(i);
            update("insert into time_report_expense (report_id, position, description, amount_ore) values (?, ?, ?, ?)",
                    reportId, i, cipher.seal(e.description().strip(), InsatsSealedColumns.EXPENSE_DESCRIPTION.context(reportId, i)),
                    e.amount().movePointRight(2).intValueExact());
        }
    }

    List<Expense> expenses(UUID reportId) {
        return jdbc.prepareStatement("select position, description, amount_ore from time_report_expense where report_id = ? order by position", ps -> {
            ps.setObject(1, reportId);
            ResultSet rs = ps.executeQuery();
            List<Expense> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Expense(cipher.openString(rs.getBytes(2), InsatsSealedColumns.EXPENSE_DESCRIPTION.context(reportId, rs.getInt(1))),
                        BigDecimal.valueOf(rs.getLong(3), 2)));
            }
            return out;
        });
    }

    long expenseTotal(UUID reportId) {
        return jdbc.prepareStatement("select coalesce(sum(amount_ore), 0) from time_report_expense where report_id = ?", ps -> {
            ps.setObject(1, reportId);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        });
    }

    // ---- reading ----------------------------------------------------------------------------------------

    Optional<ReportRow> lockedOfVolunteer(UUID organisationId, UUID volunteerId, UUID id) {
        return rows("select * from time_report where id = ? and organisation_id = ? and volunteer_id = ? for update",
                id, organisationId, volunteerId).stream().findFirst();
    }

    Optional<ReportRow> lockedOfMunicipality(UUID municipalityId, UUID id) {
        return rows("select * from time_report where id = ? and municipality_id = ? for update", id, municipalityId)
                .stream().findFirst();
    }

    Optional<ReportRow> byId(UUID id) {
        return rows("select * from time_report where id = ?", id).stream().findFirst();
    }

    List<ReportRow> ofVolunteer(UUID organisationId, UUID volunteerId) {
        return rows("select * from time_report where organisation_id = ? and volunteer_id = ? order by month desc",
                organisationId, volunteerId);
    }

    /** An organisation's reports (or, with {@code organisation} false, a municipality's), optionally of one month and state. */
    /**
     * A tenant's reports. The organisation's leave out insatser of the MUNICIPALITY model: the municipality pays the
     * kontaktperson itself there, and the organisation is not party to the payment.
     */
    List<ReportRow> ofTenant(boolean organisation, UUID tenant, YearMonth month, State state) {
        StringBuilder sql = new StringBuilder("select * from time_report where ")
                .append(organisation ? "organisation_id = ? and insats_id in (select id from insats where organisation_id = time_report.organisation_id"
                        + " and model = 'PROVIDER')" : "municipality_id = ?");
        List<Object> args = new ArrayList<>();
        args.add(tenant);
        if (month != null) {
            sql.append(" and month = ?");
            args.add(month.atDay(1));
        }
        if (state != null) {
            sql.append(" and state = ?");
            args.add(state.name());
        }
        sql.append(" order by month desc, submitted_at");
        return rows(sql.toString(), args.toArray());
    }

    List<ReportRow> approvedOfMonth(UUID municipalityId, YearMonth month) {
        return rows("select * from time_report where municipality_id = ? and month = ? and state = ? order by submitted_at",
                municipalityId, month.atDay(1), State.APPROVED);
    }

    private List<ReportRow> rows(String sql, Object... args) {
        return jdbc.prepareStatement(sql, ps -> {
            InsatsStore.bind(ps, args);
            ResultSet rs = ps.executeQuery();
            List<ReportRow> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new ReportRow(rs.getObject("id", UUID.class), rs.getObject("insats_id", UUID.class),
                        rs.getObject("organisation_id", UUID.class), rs.getObject("municipality_id", UUID.class),
                        rs.getObject("volunteer_id", UUID.class), YearMonth.from(rs.getDate("month").toLocalDate()),
                        rs.getInt("contacts"), rs.getInt("hours_centi"), State.valueOf(rs.getString("state")),
                        rs.getBytes("return_comment"), rs.getInt("submissions"), InsatsStore.instant(rs, "submitted_at"),
                        InsatsStore.instant(rs, "decided_at")));
            }
            return out;
        });
    }

    private int update(String sql, Object... args) {
        return jdbc.prepareStatement(sql, ps -> {
            InsatsStore.bind(ps, args);
            return ps.executeUpdate();
        });
    }
}
