package se.bredvid.insats;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.Caller;
import se.bredvid.matching.ProtectionLevel;
import se.bredvid.platform.Roles;
import se.bredvid.platform.FieldCipher;
import se.bredvid.platform.Gallring;
import se.bredvid.platform.ProblemException;
import se.bredvid.platform.StateMachine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Array;
import java.sql.Date;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The insats tables, read and written for the services of this package only. Every read is scoped by the
 * caller's tenant: a coordinator sees their organisation's insatser, a handläggare their municipality's —
 * and never a proposal the client has not consented to share (003:755), even once it is withdrawn.
 * Anything else is "not found".
 */
@Singleton
class InsatsStore {

    record Row(UUID id, UUID organisationId, UUID municipalityId, UUID clientId, UUID assignmentId, UUID volunteerId,
               Insats.Origin origin, InsatsState state, ProtectionLevel protectionLevel, Set<String> needs, byte[] summary,
               byte[] caseReference, byte[] municipalityContact, Insats.InvestigationOutcome investigationOutcome,
               LocalDate investigatedOn, byte[] investigationNote, LocalDate endedOn, Insats.EndReason endReason,
               Instant assignmentClosedAt, Instant createdAt, AdminService.LinkModel model) {
    }

    record DecisionRow(UUID id, UUID insatsId, int version, Insats.DecisionKind kind, Insats.DecisionOutcome outcome,
                       LocalDate decidedOn, String legalBasis, LocalDate periodStart, LocalDate periodEnd,
                       Integer hoursPerMonth, LocalDate followUpOn, byte[] refusalReason, Instant createdAt) {
    }

    record FollowUpRow(UUID id, UUID insatsId, LocalDate plannedOn, Instant remindedAt, byte[] providerReport,
                       Instant providerReportedAt, byte[] clientView, Boolean clientViewShared, Instant clientAnsweredAt,
                       LocalDate heldOn, byte[] assessment, Insats.FollowUpOutcome outcome, UUID decisionId,
                       Instant completedAt) {
        boolean open() {
            return completedAt == null;
        }
    }

    record ConsentRow(UUID id, Set<Insats.ConsentScope> scope, Insats.ConsentForm form, LocalDate givenOn,
                      Instant recordedAt, Instant revokedAt) {
        boolean covers(Insats.ConsentScope s) {
            return revokedAt == null && scope.contains(s);
        }
    }

    private final JdbcOperations jdbc;
    private final FieldCipher cipher;
    private final JsonMapper json;

    InsatsStore(JdbcOperations jdbc, FieldCipher cipher, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    // ---- insats ---------------------------------------------------------------------------------------

    /** The insats as the staff caller may see it; with {@code lock}, locked for the rest of the transaction. */
    Row forStaff(Caller caller, UUID id, boolean lock) {
        String scope;
        UUID tenant;
        if (caller.is(Roles.COORDINATOR)) {
            scope = "organisation_id = ?";
            tenant = caller.requireOrganisation();
        } else if (caller.is(Roles.HANDLAGGARE)) {
            scope = "municipality_id = ? and shared_at is not null";
            tenant = caller.requireMunicipality();
        } else {
            throw ProblemException.forbidden("Not a staff member of an organisation or municipality.");
        }
        return one("select * from insats where id = ? and " + scope + (lock ? " for update" : ""), id, tenant)
                .orElseThrow(() -> ProblemException.notFound("Insats"));
    }

    List<Row> listForStaff(Caller caller, InsatsState state) {
        String scope = caller.is(Roles.COORDINATOR) ? "organisation_id = ?" : "municipality_id = ? and shared_at is not null";
        UUID tenant = caller.is(Roles.COORDINATOR) ? caller.requireOrganisation() : caller.requireMunicipality();
        String sql = "select * from insats where " + scope + (state == null ? "" : " and state = ?")
                + " order by created_at desc";
        return state == null ? many(sql, tenant) : many(sql, tenant, state);
    }

    /** A kontaktperson's granted insatser. */
    List<Row> ofVolunteer(UUID organisationId, UUID volunteerId) {
        return many("select * from insats where organisation_id = ? and volunteer_id = ? and state = 'GRANTED' order by created_at",
                organisationId, volunteerId);
    }

    Optional<Row> ofVolunteer(UUID organisationId, UUID volunteerId, UUID id, boolean lock) {
        return one("select * from insats where id = ? and organisation_id = ? and volunteer_id = ? and state = 'GRANTED'"
                + (lock ? " for update" : ""), id, organisationId, volunteerId);
    }

    /** An insats the kontaktperson may report time on: theirs, granted or ended. */
    Optional<Row> reportableBy(UUID organisationId, UUID volunteerId, UUID id) {
        return one("select * from insats where id = ? and organisation_id = ? and volunteer_id = ? and state in ('GRANTED', 'ENDED')",
                id, organisationId, volunteerId);
    }

    /** The client's granted insats, if any. */
    Optional<Row> ofClient(UUID organisationId, UUID clientId) {
        return one("select * from insats where organisation_id = ? and client_id = ? and state = 'GRANTED'", organisationId, clientId);
    }

    Optional<Row> byAssignment(UUID assignmentId) {
        return one("select * from insats where assignment_id = ? for update", assignmentId);
    }

    Optional<Row> byId(UUID id) {
        return one("select * from insats where id = ?", id);
    }

    /** A new insats, its free text sealed; a second open insats for the client is a 409 (a unique index says so). */
    void insert(UUID id, UUID org, UUID mun, UUID clientId, Insats.Origin origin, InsatsState state,
                ProtectionLevel protectionLevel, String[] needs, String summary, String caseReference,
                InsatsRequests.Contact contact, AdminService.LinkModel model, Instant now) {
        try {
            update("""
                    insert into insats (id, organisation_id, municipality_id, client_id, origin, state, protection_level,
                                        needs, summary, case_reference, municipality_contact, created_at, updated_at, shared_at, model)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, org, mun, clientId, origin, state, protectionLevel,
                    needs, cipher.seal(blankToNull(summary), InsatsSealedColumns.SUMMARY.context(id)),
                    cipher.seal(blankToNull(caseReference), InsatsSealedColumns.CASE_REFERENCE.context(id)),
                    contact == null ? null : sealJson(contact, InsatsSealedColumns.MUNICIPALITY_CONTACT.context(id)), now, now,
                    origin == Insats.Origin.MUNICIPALITY ? now : null, model);
        } catch (io.micronaut.data.exceptions.DataAccessException e) {
            if (isUniqueViolation(e)) {
                throw ProblemException.conflict("open-insats-exists", "The client already has an open insats.");
            }
            throw e;
        }
    }

    void attachAssignment(UUID id, UUID assignmentId, UUID volunteerId) {
        update("update insats set assignment_id = ?, volunteer_id = ? where id = ?", assignmentId, volunteerId, id);
    }

    /**
     * Every change of an insats's state: allowed by {@link InsatsState}'s table, and only from the state the
     * caller read (the row is locked, so a 0-row update means a change in between: a 409).
     */
    void transition(UUID id, InsatsState from, InsatsState to, Instant now) {
        StateMachine.require(from, to, "An insats");
        StateMachine.changed(update("update insats set state = ?, updated_at = ? where id = ? and state = ?", to, now, id, from),
                "The insats");
    }

    /** The client consented: the proposal goes to the municipality, which sees it from now on. */
    void shareProposal(UUID id, Instant now) {
        StateMachine.require(InsatsState.AWAITING_CONSENT, InsatsState.PROPOSED, "An insats");
        StateMachine.changed(update("update insats set state = ?, shared_at = ?, updated_at = ? where id = ? and state = ?",
                InsatsState.PROPOSED, now, now, id, InsatsState.AWAITING_CONSENT), "The insats");
    }

    /** A granted insats ends, with the date and reason. */
    void end(UUID id, LocalDate endedOn, Insats.EndReason reason, Instant now) {
        StateMachine.require(InsatsState.GRANTED, InsatsState.ENDED, "An insats");
        StateMachine.changed(update("update insats set state = ?, ended_on = ?, end_reason = ?, updated_at = ? where id = ? and state = ?",
                InsatsState.ENDED, endedOn, reason, now, id, InsatsState.GRANTED), "The insats");
    }

    /** The proposed volunteer is taken back: the municipality's request stands again, without the investigation. */
    void reopenRequest(UUID id, Instant now) {
        StateMachine.require(InsatsState.PROPOSED, InsatsState.REQUESTED, "An insats");
        StateMachine.changed(update("""
                update insats set state = ?, assignment_id = null, volunteer_id = null,
                       investigation_outcome = null, investigated_on = null, investigation_note = null,
                       updated_at = ? where id = ? and state = ?""", InsatsState.REQUESTED, now, id, InsatsState.PROPOSED),
                "The insats");
    }

    void recordInvestigation(UUID id, Insats.InvestigationOutcome outcome, LocalDate investigatedOn, String note, Instant now) {
        update("update insats set investigation_outcome = ?, investigated_on = ?, investigation_note = ?, updated_at = ? where id = ?",
                outcome, investigatedOn, cipher.seal(note, InsatsSealedColumns.INVESTIGATION_NOTE.context(id)), now, id);
    }

    void setCaseReference(UUID id, String caseReference) {
        update("update insats set case_reference = ? where id = ?",
                cipher.seal(caseReference, InsatsSealedColumns.CASE_REFERENCE.context(id)), id);
    }

    void markAssignmentClosed(UUID id, Instant now) {
        update("update insats set assignment_closed_at = ?, updated_at = ? where id = ?", now, now, id);
    }

    // ---- opening the sealed columns of a row ------------------------------------------------------------

    String summary(Row r) {
        return cipher.openString(r.summary(), InsatsSealedColumns.SUMMARY.context(r.id()));
    }

    String caseReference(Row r) {
        return cipher.openString(r.caseReference(), InsatsSealedColumns.CASE_REFERENCE.context(r.id()));
    }

    InsatsRequests.Contact municipalityContact(Row r) {
        return openJson(r.municipalityContact(), InsatsSealedColumns.MUNICIPALITY_CONTACT.context(r.id()), InsatsRequests.Contact.class);
    }

    String investigationNote(Row r) {
        return cipher.openString(r.investigationNote(), InsatsSealedColumns.INVESTIGATION_NOTE.context(r.id()));
    }

    String refusalReason(DecisionRow d) {
        return cipher.openString(d.refusalReason(), InsatsSealedColumns.REFUSAL_REASON.context(d.id()));
    }

    private int update(String sql, Object... args) {
        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, args);
            return ps.executeUpdate();
        });
    }

    /** Binds the arguments in order: dates, instants, bytes, enums and text arrays as PostgreSQL wants them. */
    static void bind(java.sql.PreparedStatement ps, Object... args) throws SQLException {
        for (int i = 0; i < args.length; i++) {
            set(ps, i + 1, args[i]);
        }
    }

    private static void set(java.sql.PreparedStatement ps, int i, Object v) throws SQLException {
        if (v instanceof LocalDate d) {
            ps.setDate(i, Date.valueOf(d));
        } else if (v instanceof Instant t) {
            ps.setTimestamp(i, Timestamp.from(t));
        } else if (v instanceof byte[] b) {
            ps.setBytes(i, b);
        } else if (v instanceof Enum<?> e) {
            ps.setString(i, e.name());
        } else if (v instanceof String[] a) {
            ps.setArray(i, ps.getConnection().createArrayOf("text", a));
        } else {
            ps.setObject(i, v);
        }
    }

    private Optional<Row> one(String sql, Object... args) {
        return many(sql, args).stream().findFirst();
    }

    private List<Row> many(String sql, Object... args) {
        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, args);
            ResultSet rs = ps.executeQuery();
            List<Row> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Row(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                        rs.getObject("municipality_id", UUID.class), rs.getObject("client_id", UUID.class),
                        rs.getObject("assignment_id", UUID.class), rs.getObject("volunteer_id", UUID.class),
                        Insats.Origin.valueOf(rs.getString("origin")), InsatsState.valueOf(rs.getString("state")),
                        ProtectionLevel.valueOf(rs.getString("protection_level")), strings(rs.getArray("needs")), rs.getBytes("summary"),
                        rs.getBytes("case_reference"), rs.getBytes("municipality_contact"),
                        enumOf(Insats.InvestigationOutcome.class, rs.getString("investigation_outcome")),
                        date(rs, "investigated_on"), rs.getBytes("investigation_note"), date(rs, "ended_on"),
                        enumOf(Insats.EndReason.class, rs.getString("end_reason")), instant(rs, "assignment_closed_at"),
                        instant(rs, "created_at"), AdminService.LinkModel.valueOf(rs.getString("model"))));
            }
            return out;
        });
    }

    // ---- consent, decisions, follow-ups ---------------------------------------------------------------

    Optional<ConsentRow> consent(UUID insatsId) {
        return jdbc.prepareStatement("select * from insats_consent where insats_id = ? order by recorded_at desc limit 1", ps -> {
            ps.setObject(1, insatsId);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) {
                return Optional.empty();
            }
            Set<Insats.ConsentScope> scope = new LinkedHashSet<>();
            strings(rs.getArray("scope")).forEach(s -> scope.add(Insats.ConsentScope.valueOf(s)));
            return Optional.of(new ConsentRow(rs.getObject("id", UUID.class), scope,
                    Insats.ConsentForm.valueOf(rs.getString("form")), date(rs, "given_on"), instant(rs, "recorded_at"),
                    instant(rs, "revoked_at")));
        });
    }

    void insertConsent(UUID insatsId, UUID organisationId, Set<Insats.ConsentScope> scope, Insats.ConsentForm form,
                       LocalDate givenOn, UUID recordedBy, Instant now) {
        update("""
                insert into insats_consent (id, insats_id, organisation_id, scope, form, given_on, recorded_by, recorded_at)
                values (?, ?, ?, ?, ?, ?, ?, ?)""", UUID.randomUUID(), insatsId, organisationId,
                scope.stream().map(Enum::name).sorted().toArray(String[]::new), form, givenOn, recordedBy, now);
    }

    void revokeConsent(UUID consentId, UUID revokedBy, Instant now) {
        update("update insats_consent set revoked_at = ?, revoked_by = ? where id = ?", now, revokedBy, consentId);
    }

    List<DecisionRow> decisions(UUID insatsId) {
        return jdbc.prepareStatement("select * from insats_decision where insats_id = ? order by version", ps -> {
            ps.setObject(1, insatsId);
            ResultSet rs = ps.executeQuery();
            List<DecisionRow> out = new ArrayList<>();
            while (rs.next()) {
                int hours = rs.getInt("hours_per_month");
                out.add(new DecisionRow(rs.getObject("id", UUID.class), insatsId, rs.getInt("version"),
                        Insats.DecisionKind.valueOf(rs.getString("kind")), Insats.DecisionOutcome.valueOf(rs.getString("outcome")),
                        date(rs, "decided_on"), rs.getString("legal_basis"), date(rs, "period_start"), date(rs, "period_end"),
                        rs.wasNull() ? null : hours, date(rs, "follow_up_on"), rs.getBytes("refusal_reason"),
                        instant(rs, "created_at")));
            }
            return out;
        });
    }

    /** The decision in force: the newest that granted. */
    Optional<DecisionRow> current(UUID insatsId) {
        List<DecisionRow> all = decisions(insatsId);
        for (int i = all.size() - 1; i >= 0; i--) {
            if (all.get(i).outcome() == Insats.DecisionOutcome.GRANTED) {
                return Optional.of(all.get(i));
            }
        }
        return Optional.empty();
    }

    UUID insertDecision(UUID insatsId, Insats.DecisionKind kind, Insats.DecisionOutcome outcome, LocalDate decidedOn,
                        String legalBasis, LocalDate start, LocalDate end, Integer hours, LocalDate followUpOn,
                        String refusalReason, UUID decidedBy, Instant now) {
        UUID id = UUID.randomUUID();
        int version = decisions(insatsId).size() + 1;
        update("""
                insert into insats_decision (id, insats_id, version, kind, outcome, decided_on, legal_basis, period_start,
                                             period_end, hours_per_month, follow_up_on, refusal_reason, decided_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", id, insatsId, version, kind, outcome, decidedOn,
                legalBasis.strip(), start, end, hours, followUpOn,
                cipher.seal(refusalReason, InsatsSealedColumns.REFUSAL_REASON.context(id)), decidedBy, now);
        return id;
    }

    List<FollowUpRow> followUps(UUID insatsId) {
        return followUpRows("select * from insats_follow_up where insats_id = ? order by planned_on, created_at", insatsId);
    }

    Optional<FollowUpRow> followUp(UUID insatsId, UUID followUpId, boolean lock) {
        return followUpRows("select * from insats_follow_up where insats_id = ? and id = ?" + (lock ? " for update" : ""),
                insatsId, followUpId).stream().findFirst();
    }

    Optional<FollowUpRow> openFollowUp(UUID insatsId) {
        return followUpRows("select * from insats_follow_up where insats_id = ? and completed_at is null", insatsId)
                .stream().findFirst();
    }

    void insertFollowUp(UUID insatsId, LocalDate plannedOn, Instant now) {
        update("insert into insats_follow_up (id, insats_id, planned_on, created_at) values (?, ?, ?, ?)",
                UUID.randomUUID(), insatsId, plannedOn, now);
    }

    /** The follow-ups not yet held go when the insats ends outside a follow-up. */
    void deleteOpenFollowUps(UUID insatsId) {
        update("delete from insats_follow_up where insats_id = ? and completed_at is null", insatsId);
    }

    void reportFollowUp(UUID followUpId, String text, Instant now) {
        update("update insats_follow_up set provider_report = ?, provider_reported_at = ? where id = ?",
                cipher.seal(text, InsatsSealedColumns.PROVIDER_REPORT.context(followUpId)), now, followUpId);
    }

    void assessFollowUp(UUID followUpId, LocalDate heldOn, String assessment, Insats.FollowUpOutcome outcome,
                        UUID decisionId, UUID assessedBy, Instant now) {
        update("""
                update insats_follow_up set held_on = ?, assessment = ?, outcome = ?, decision_id = ?, assessed_by = ?,
                       completed_at = ? where id = ?""", heldOn,
                cipher.seal(assessment, InsatsSealedColumns.ASSESSMENT.context(followUpId)), outcome, decisionId, assessedBy,
                now, followUpId);
    }

    void answerFollowUp(UUID followUpId, Object answer, boolean shareWithMunicipality, Instant now) {
        update("update insats_follow_up set client_view = ?, client_view_shared = ?, client_answered_at = ? where id = ?",
                sealJson(answer, InsatsSealedColumns.CLIENT_VIEW.context(followUpId)), shareWithMunicipality, now, followUpId);
    }

    /** A follow-up due for a reminder, with the parties to remind. */
    record DueFollowUp(UUID followUpId, UUID insatsId, UUID organisationId, UUID municipalityId) {
    }

    /**
     * Follow-ups of granted insatser planned on or before the horizon and not yet reminded, claimed for this
     * transaction: another instance skips them (SKIP LOCKED).
     */
    List<DueFollowUp> claimDueReminders(LocalDate horizon) {
        return jdbc.prepareStatement("""
                select f.id, i.id, i.organisation_id, i.municipality_id from insats_follow_up f join insats i on i.id = f.insats_id
                where f.completed_at is null and f.reminded_at is null and f.planned_on <= ? and i.state = 'GRANTED'
                for update of f skip locked""", ps -> {
            ps.setObject(1, horizon);
            ResultSet rs = ps.executeQuery();
            List<DueFollowUp> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new DueFollowUp(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                        rs.getObject(4, UUID.class)));
            }
            return out;
        });
    }

    void markReminded(UUID followUpId, Instant now) {
        update("update insats_follow_up set reminded_at = ? where id = ?", now, followUpId);
    }

    String providerReport(FollowUpRow f) {
        return cipher.openString(f.providerReport(), InsatsSealedColumns.PROVIDER_REPORT.context(f.id()));
    }

    String assessment(FollowUpRow f) {
        return cipher.openString(f.assessment(), InsatsSealedColumns.ASSESSMENT.context(f.id()));
    }

    <T> T clientView(FollowUpRow f, Class<T> type) {
        return openJson(f.clientView(), InsatsSealedColumns.CLIENT_VIEW.context(f.id()), type);
    }

    private List<FollowUpRow> followUpRows(String sql, Object... args) {

        return jdbc.prepareStatement(sql, ps -> {
            bind(ps, args);
            ResultSet rs = ps.executeQuery();
            List<FollowUpRow> out = new ArrayList<>();
            while (rs.next()) {
                boolean shared = rs.getBoolean("client_view_shared");
                Boolean sharedOrNull = rs.wasNull() ? null : shared;
                out.add(new FollowUpRow(rs.getObject("id", UUID.class), rs.getObject("insats_id", UUID.class),
                        date(rs, "planned_on"), instant(rs, "reminded_at"), rs.getBytes("provider_report"),
                        instant(rs, "provider_reported_at"), rs.getBytes("client_view"), sharedOrNull,
                        instant(rs, "client_answered_at"), date(rs, "held_on"), rs.getBytes("assessment"),
                        enumOf(Insats.FollowUpOutcome.class, rs.getString("outcome")), rs.getObject("decision_id", UUID.class),
                        instant(rs, "completed_at")));
            }
            return out;
        });
    }

    // ---- uppdrag and plan -----------------------------------------------------------------------------

    Optional<InsatsViews.Uppdrag> uppdrag(UUID insatsId) {
        return jdbc.prepareStatement("select * from insats_uppdrag where insats_id = ? order by version desc limit 1", ps -> {
            ps.setObject(1, insatsId);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) {
                return Optional.empty();
            }
            int v = rs.getInt("version");
            return Optional.of(new InsatsViews.Uppdrag(v, cipher.openString(rs.getBytes("what"), uppdragContext("what", insatsId, v)),
                    cipher.openString(rs.getBytes("why"), uppdragContext("why", insatsId, v)), instant(rs, "written_at")));
        });
    }

    private static String uppdragContext(String field, UUID insatsId, int version) {
        return ("what".equals(field) ? InsatsSealedColumns.UPPDRAG_WHAT : InsatsSealedColumns.UPPDRAG_WHY).context(insatsId, version);
    }

    void insertUppdrag(UUID insatsId, int version, String what, String why, UUID writtenBy, Instant now) {
        update("insert into insats_uppdrag (insats_id, version, what, why, written_by, written_at) values (?, ?, ?, ?, ?, ?)",
                insatsId, version, cipher.seal(what, uppdragContext("what", insatsId, version)),
                cipher.seal(why, uppdragContext("why", insatsId, version)), writtenBy, now);
    }

    void insertPlan(UUID insatsId, int version, List<InsatsRequests.Goal> goals, LocalDate madeWithClientOn,
                    Insats.Drafter drafter, UUID draftedBy, Instant now) {
        update("""
                insert into insats_plan (insats_id, version, goals, made_with_client_on, drafted_by_kind, drafted_by, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""", insatsId, version, sealJson(goals, planContext(insatsId, version)),
                madeWithClientOn, drafter, draftedBy, now);
    }

    List<InsatsViews.Plan> plans(UUID insatsId) {
        return jdbc.prepareStatement("select * from insats_plan where insats_id = ? order by version", ps -> {
            ps.setObject(1, insatsId);
            ResultSet rs = ps.executeQuery();
            List<InsatsViews.Plan> out = new ArrayList<>();
            while (rs.next()) {
                int v = rs.getInt("version");
                out.add(new InsatsViews.Plan(v, goals(cipher.open(rs.getBytes("goals"), planContext(insatsId, v))),
                        date(rs, "made_with_client_on"), Insats.Drafter.valueOf(rs.getString("drafted_by_kind")),
                        instant(rs, "created_at")));
            }
            return out;
        });
    }

    private static String planContext(UUID insatsId, int version) {
        return InsatsSealedColumns.PLAN_GOALS.context(insatsId, version);
    }

    private byte[] sealJson(Object value, String context) {
        try {
            return cipher.seal(json.writeValueAsBytes(value), context);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T openJson(byte[] sealed, String context, Class<T> type) {
        if (sealed == null) {
            return null;
        }
        try {
            return json.readValue(cipher.open(sealed, context), Argument.of(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private List<InsatsRequests.Goal> goals(byte[] plain) {
        try {
            return json.readValue(plain, Argument.listOf(InsatsRequests.Goal.class));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- gallring ---------------------------------------------------------------------------------------

    /** Closed insatser past the cutoff, claimed for this transaction (SKIP LOCKED: instances share the work). */
    List<UUID> claimPurgeable(Instant cutoff, int batch) {
        return Gallring.claim(jdbc, "insats", "state in ('ENDED', 'REFUSED', 'WITHDRAWN') and updated_at < ?",
                "updated_at", cutoff, batch);
    }

    /** The insats and all that belongs to it, its time reports included. */
    void purge(UUID id) {
        update("delete from time_report where insats_id = ?", id);
        update("delete from insats_follow_up where insats_id = ?", id);
        update("delete from insats_decision where insats_id = ?", id);
        update("delete from insats_plan where insats_id = ?", id);
        update("delete from insats_uppdrag where insats_id = ?", id);
        update("delete from insats_consent where insats_id = ?", id);
        update("delete from insats where id = ?", id);
    }

    // ---- what the handläggare's desk added (issue 15) ------------------------------------------------------

    /** A refusal's information on how to appeal, sealed like its reason. */
    String appealInformation(UUID decisionId) {
        byte[] sealed = jdbc.prepareStatement("select appeal_information from insats_decision where id = ?", ps -> {
            ps.setObject(1, decisionId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? rs.getBytes(1) : null;
        });
        return cipher.openString(sealed, InsatsSealedColumns.APPEAL_INFORMATION.context(decisionId));
    }

    void setAppealInformation(UUID decisionId, String text) {
        if (text == null || text.isBlank()) {
            return;
        }
        update("update insats_decision set appeal_information = ? where id = ?",
                cipher.seal(text.strip(), InsatsSealedColumns.APPEAL_INFORMATION.context(decisionId)), decisionId);
    }

    /** How a follow-up was held (003:777); both null for one assessed before it was recorded. */
    record HowHeld(Insats.HeldHow how, Boolean withClient) {
    }

    HowHeld howHeld(UUID followUpId) {
        return jdbc.prepareStatement("select held_how, held_with_client from insats_follow_up where id = ?", ps -> {
            ps.setObject(1, followUpId);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) {
                return new HowHeld(null, null);
            }
            Insats.HeldHow how = enumOf(Insats.HeldHow.class, rs.getString(1));
            boolean with = rs.getBoolean(2);
            return new HowHeld(how, rs.wasNull() ? null : with);
        });
    }

    void setHowHeld(UUID followUpId, Insats.HeldHow how, Boolean withClient) {
        update("update insats_follow_up set held_how = ?, held_with_client = ? where id = ?", how, withClient, followUpId);
    }

    /** Moves the open follow-up; it is reminded anew before its new date. */
    void moveFollowUp(UUID followUpId, LocalDate plannedOn) {
        update("update insats_follow_up set planned_on = ?, reminded_at = null where id = ?", plannedOn, followUpId);
    }

    record UppdragVersionRow(int version, String what, String why, Instant writtenAt, UUID writtenBy) {
        @Override
        public String toString() {
            return "UppdragVersion[" + version + "]";
        }
    }

    /** Every version of the uppdrag, newest first. */
    List<UppdragVersionRow> uppdragVersions(UUID insatsId) {
        return jdbc.prepareStatement("select * from insats_uppdrag where insats_id = ? order by version desc", ps -> {
            ps.setObject(1, insatsId);
            ResultSet rs = ps.executeQuery();
            List<UppdragVersionRow> out = new ArrayList<>();
            while (rs.next()) {
                int v = rs.getInt("version");
                out.add(new UppdragVersionRow(v, cipher.openString(rs.getBytes("what"), uppdragContext("what", insatsId, v)),
                        cipher.openString(rs.getBytes("why"), uppdragContext("why", insatsId, v)), instant(rs, "written_at"),
                        rs.getObject("written_by", UUID.class)));
            }
            return out;
        });
    }

    /** The municipality's arvode rate per hour in öre, if it set one. */
    Optional<Long> arvodeRateOre(UUID municipalityId) {
        return jdbc.prepareStatement("select per_hour_ore from insats_arvode_rate where municipality_id = ?", ps -> {
            ps.setObject(1, municipalityId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(rs.getLong(1)) : Optional.<Long>empty();
        });
    }

    void setArvodeRate(UUID municipalityId, long perHourOre, UUID by, Instant now) {
        update("""
                insert into insats_arvode_rate (municipality_id, per_hour_ore, updated_by, updated_at) values (?, ?, ?, ?)
                on conflict (municipality_id) do update set per_hour_ore = excluded.per_hour_ore,
                       updated_by = excluded.updated_by, updated_at = excluded.updated_at""", municipalityId, perHourOre, by, now);
    }

    // ---- the client's own view, her plan confirmation, the export before gallring (issue 15) -------------

    /** The client's insatser that are not closed: awaiting her consent, requested, proposed or granted. */
    List<Row> openOfClient(UUID organisationId, UUID clientId) {
        return many("""
                select * from insats where organisation_id = ? and client_id = ?
                and state in ('AWAITING_CONSENT', 'REQUESTED', 'PROPOSED', 'GRANTED') order by created_at""",
                organisationId, clientId);
    }

    /** One of the client's open insatser; another client's, or a closed one, is not found. */
    Optional<Row> openOfClient(UUID organisationId, UUID clientId, UUID id, boolean lock) {
        return one("""
                select * from insats where id = ? and organisation_id = ? and client_id = ?
                and state in ('AWAITING_CONSENT', 'REQUESTED', 'PROPOSED', 'GRANTED')""" + (lock ? " for update" : ""),
                id, organisationId, clientId);
    }

    record PlanConfirmationRow(int version, LocalDate confirmedOn, Instant confirmedAt) {
    }

    /** The client confirmed that plan version; a second confirmation of the same version keeps the first. */
    void confirmPlan(UUID insatsId, int version, LocalDate confirmedOn, UUID deviceId, Instant now) {
        update("""
                insert into insats_plan_confirmation (insats_id, version, confirmed_on, confirmed_at, device_id)
                values (?, ?, ?, ?, ?) on conflict (insats_id, version) do nothing""",
                insatsId, version, confirmedOn, now, deviceId);
    }

    /** Every plan version the client confirmed, oldest first. */
    List<PlanConfirmationRow> planConfirmations(UUID insatsId) {
        return jdbc.prepareStatement("select * from insats_plan_confirmation where insats_id = ? order by version", ps -> {
            ps.setObject(1, insatsId);
            ResultSet rs = ps.executeQuery();
            List<PlanConfirmationRow> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new PlanConfirmationRow(rs.getInt("version"), date(rs, "confirmed_on"), instant(rs, "confirmed_at")));
            }
            return out;
        });
    }

    /**
     * When a closed insats closed: the last change of its row, the instant gallring counts from
     * ({@link #claimPurgeable}); empty for one still open.
     */
    Optional<Instant> closedAt(UUID id) {
        return jdbc.prepareStatement("select updated_at from insats where id = ? and state in ('ENDED', 'REFUSED', 'WITHDRAWN')", ps -> {
            ps.setObject(1, id);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(instant(rs, "updated_at")) : Optional.<Instant>empty();
        });
    }

    /** The municipality's closed insatser (that it saw) which gallring deletes before the cutoff, soonest first. */
    List<UUID> closedSharedBefore(UUID municipalityId, Instant closedBefore) {
        return jdbc.prepareStatement("""
                select id from insats where municipality_id = ? and shared_at is not null
                and state in ('ENDED', 'REFUSED', 'WITHDRAWN') and updated_at < ? order by updated_at""", ps -> {
            bind(ps, municipalityId, closedBefore);
            ResultSet rs = ps.executeQuery();
            List<UUID> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
            return out;
        });
    }

    // ---- helpers --------------------------------------------------------------------------------------

    static Set<String> strings(Array array) throws SQLException {
        return array == null ? Set.of() : new LinkedHashSet<>(Arrays.asList((String[]) array.getArray()));
    }

    static LocalDate date(ResultSet rs, String column) throws SQLException {
        Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    static <E extends Enum<E>> E enumOf(Class<E> type, String value) {
        return value == null ? null : Enum.valueOf(type, value);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    private static boolean isUniqueViolation(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException s && "23505".equals(s.getSQLState())) {
                return true;
            }
        }
        return false;
    }
}
