package se.bredvid.matching;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.matching.engine.AgeBand;
import se.bredvid.platform.Calendar;
import se.bredvid.platform.ProblemException;
import se.bredvid.platform.Redacted;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * Clients aged 13-17 (seed 001:473: a team may not have its own contact with a child under 18 unless socialtjänsten
 * is involved). Each organisation chooses its rule: {@link Policy#INSATS_ONLY} (the default) matches such a client
 * only within an insats the municipality decided (an INSATS assignment); {@link Policy#RECORDED_STEP} also allows a
 * voluntary (IDEELL) assignment once a coordinator has recorded a step on the client: the guardian's consent or
 * socialtjänsten's involvement. The one place that answers whether a voluntary match is allowed; the matching
 * service asks it wherever an IDEELL assignment is proposed (by hand or in a batch) or activated.
 */
@Singleton
public class MinorRules {

    public enum Policy { INSATS_ONLY, RECORDED_STEP }

    public enum StepKind { GUARDIAN_CONSENT, SOCIALTJANST_INVOLVED }

    @Serdeable
    public record PolicyView(Policy policy) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record NewPolicy(@NotNull Policy policy) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record NewStep(@NotNull StepKind kind, @NotNull LocalDate recordedOn, @Nullable @Size(max = 1000) String note) {
        @Override
        public String toString() {
            return Redacted.keeping(this, kind);
        }
    }

    /** A recorded step; the note is sealed at rest. */
    @Serdeable
    public record Step(StepKind kind, LocalDate recordedOn, String note, Instant recordedAt) {
        @Override
        public String toString() {
            return Redacted.keeping(this, kind);
        }
    }

    /** What the rule means for one client aged 13-17 (null for an adult). */
    @Serdeable
    public record View(Policy policy, Step step, boolean voluntaryMatchAllowed) {
    }

    static final String PROBLEM = "minor-rule";

    private final MinorsPolicyStore policies;
    private final ClientStore clients;
    private final AuditLog audit;
    private final Clock clock;
    private final Calendar calendar;

    MinorRules(MinorsPolicyStore policies, ClientStore clients, AuditLog audit, Clock clock, Calendar calendar) {
        this.policies = policies;
        this.clients = clients;
        this.audit = audit;
        this.clock = clock;
        this.calendar = calendar;
    }

    // ---- the organisation's policy ---------------------------------------------------------------------

    Policy policy(UUID org) {
        return policies.policy(org).orElse(Policy.INSATS_ONLY);
    }

    @Transactional(readOnly = true)
    public PolicyView get(Caller caller) {
        return new PolicyView(policy(caller.requireOrganisation()));
    }

    @Transactional
    public PolicyView set(Caller caller, NewPolicy p) {
        UUID org = caller.requireOrganisation();
        policies.put(org, p.policy(), caller.id(), clock.instant());
        audit.record(caller.actor(), "SET_MINORS_POLICY_" + p.policy().name(), "ORGANISATION", org.toString());
        return new PolicyView(policy(org));
    }

    // ---- a client's step -------------------------------------------------------------------------------

    @Transactional
    public View recordStep(Caller caller, UUID clientId, NewStep s) {
        UUID org = caller.requireOrganisation();
        ClientStore.Row row = clients.byId(org, clientId).orElseThrow(() -> ProblemException.notFound("Client"));
        requireMinor(row);
        if (s.recordedOn().isAfter(calendar.today())) {
            throw ProblemException.invalid("recordedOn", "cannot be in the future");
        }
        String note = s.note() == null || s.note().isBlank() ? null : s.note().strip();
        clients.recordMinorStep(clientId, s.kind().name(), s.recordedOn(), note, caller.id(), clock.instant());
        audit.record(caller.actor(), "RECORD_MINOR_STEP", "CLIENT", clientId.toString());
        return view(org, clients.byId(org, clientId).orElseThrow(), clients.intake(row));
    }

    @Transactional
    public View deleteStep(Caller caller, UUID clientId) {
        UUID org = caller.requireOrganisation();
        ClientStore.Row row = clients.byId(org, clientId).orElseThrow(() -> ProblemException.notFound("Client"));
        requireMinor(row);
        if (row.minorStepKind() == null) {
            throw ProblemException.notFound("Recorded step");
        }
        clients.clearMinorStep(clientId);
        audit.record(caller.actor(), "DELETE_MINOR_STEP", "CLIENT", clientId.toString());
        return view(org, clients.byId(org, clientId).orElseThrow(), clients.intake(row));
    }

    private void requireMinor(ClientStore.Row row) {
        if (clients.intake(row).ageBand() != AgeBand.AGE_13_17) {
            throw ProblemException.conflict("not-a-minor", "A step is recorded only for a client aged 13-17.");
        }
    }

    // ---- the rule --------------------------------------------------------------------------------------

    /** The rule as it applies to this client; null for an adult. */
    View view(UUID org, ClientStore.Row row, ClientIntake intake) {
        if (intake.ageBand() != AgeBand.AGE_13_17) {
            return null;
        }
        Policy policy = policy(org);
        Step step = row.minorStepKind() == null ? null : new Step(StepKind.valueOf(row.minorStepKind()), row.minorStepOn(),
                clients.minorStepNote(row), row.minorStepAt());
        return new View(policy, step, policy == Policy.RECORDED_STEP && step != null);
    }

    /** Null when an assignment of this kind is allowed for the client, else why not (naming the rule). */
    String refusal(UUID org, ClientStore.Row row, ClientIntake intake, Assignments.Kind kind) {
        if (kind == Assignments.Kind.INSATS) {
            return null;
        }
        View v = view(org, row, intake);
        if (v == null || v.voluntaryMatchAllowed()) {
            return null;
        }
        return v.policy() == Policy.INSATS_ONLY
                ? "Your organisation's rule for clients aged 13-17 is INSATS_ONLY: such a client is matched only within an"
                + " insats the municipality decided (an assignment of kind INSATS)."
                : "Your organisation's rule for clients aged 13-17 is RECORDED_STEP: a voluntary assignment needs a recorded"
                + " step first (the guardian's consent or socialtjänsten's involvement).";
    }

    /** A 409 {@code minor-rule} problem when the rule refuses an assignment of this kind for the client. */
    void require(UUID org, ClientStore.Row row, ClientIntake intake, Assignments.Kind kind) {
        String refusal = refusal(org, row, intake, kind);
        if (refusal != null) {
            throw ProblemException.conflict(PROBLEM, refusal);
        }
    }
}
