package se.bredvid.insats;

import jakarta.inject.Singleton;
import se.bredvid.platform.SealedColumns;

import java.util.List;

/** The insats module's sealed columns: the one declaration of each context, for sealing and for key rotation. */
@Singleton
class InsatsSealedColumns implements SealedColumns {

    static final SealedColumn SUMMARY = SealedColumn.byId("insats", "summary");
    static final SealedColumn CASE_REFERENCE = SealedColumn.byId("insats", "case_reference");
    static final SealedColumn MUNICIPALITY_CONTACT = SealedColumn.byId("insats", "municipality_contact");
    static final SealedColumn INVESTIGATION_NOTE = SealedColumn.byId("insats", "investigation_note");
    static final SealedColumn REFUSAL_REASON = SealedColumn.byId("insats_decision", "refusal_reason");
    static final SealedColumn UPPDRAG_WHAT = SealedColumn.of("insats_uppdrag", "what", "insats_id", "version");
    static final SealedColumn UPPDRAG_WHY = SealedColumn.of("insats_uppdrag", "why", "insats_id", "version");
    static final SealedColumn PLAN_GOALS = SealedColumn.of("insats_plan", "goals", "insats_id", "version");
    static final SealedColumn PROVIDER_REPORT = SealedColumn.byId("insats_follow_up", "provider_report");
    static final SealedColumn CLIENT_VIEW = SealedColumn.byId("insats_follow_up", "client_view");
    static final SealedColumn ASSESSMENT = SealedColumn.byId("insats_follow_up", "assessment");
    static final SealedColumn APPEAL_INFORMATION = SealedColumn.byId("insats_decision", "appeal_information");
    static final SealedColumn RETURN_COMMENT = SealedColumn.byId("time_report", "return_comment");
    static final SealedColumn EXPENSE_DESCRIPTION = SealedColumn.of("time_report_expense", "description", "report_id", "position");

    @Override
    public List<SealedColumn> sealedColumns() {
        return List.of(SUMMARY, CASE_REFERENCE, MUNICIPALITY_CONTACT, INVESTIGATION_NOTE, REFUSAL_REASON, UPPDRAG_WHAT,
                UPPDRAG_WHY, PLAN_GOALS, PROVIDER_REPORT, CLIENT_VIEW, ASSESSMENT, RETURN_COMMENT, EXPENSE_DESCRIPTION,
                APPEAL_INFORMATION);
    }
}
