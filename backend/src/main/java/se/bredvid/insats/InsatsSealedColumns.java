package se.bredvid.insats;

import jakarta.inject.Singleton;
import se.bredvid.platform.SealedColumns;

import java.util.List;

/** The insats module's sealed columns, for key rotation. The contexts mirror the services' context methods. */
@Singleton
class InsatsSealedColumns implements SealedColumns {

    private static SealedColumn byId(String table, String column) {
        return new SealedColumn(table, column, "'" + table + "." + column + ":' || id");
    }

    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(
                byId("insats", "summary"),
                byId("insats", "case_reference"),
                byId("insats", "municipality_contact"),
                byId("insats", "investigation_note"),
                byId("insats_decision", "refusal_reason"),
                new SealedColumn("insats_uppdrag", "what", "'insats_uppdrag.what:' || insats_id || ':' || version"),
                new SealedColumn("insats_uppdrag", "why", "'insats_uppdrag.why:' || insats_id || ':' || version"),
                new SealedColumn("insats_plan", "goals", "'insats_plan.goals:' || insats_id || ':' || version"),
                byId("insats_follow_up", "provider_report"),
                byId("insats_follow_up", "client_view"),
                byId("insats_follow_up", "assessment"),
                byId("time_report", "return_comment"),
                new SealedColumn("time_report_expense", "description",
                        "'time_report_expense.description:' || report_id || ':' || position"));
    }
}
