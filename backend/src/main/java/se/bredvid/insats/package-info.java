/**
 * Insats: the municipality's kontaktperson insats from request and consent to decision, uppdrag, plan, follow-up and time reports.
 */
@Module(tables = {"insats", "insats_consent", "insats_decision", "insats_follow_up", "insats_plan", "insats_uppdrag", "time_report", "time_report_expense", "insats_arvode_rate", "insats_plan_confirmation"})
package se.bredvid.insats;

import se.bredvid.platform.Module;
