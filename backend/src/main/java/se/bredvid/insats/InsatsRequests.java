package se.bredvid.insats;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.matching.ProtectionLevel;
import se.bredvid.matching.engine.Need;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** What the two parties send. Free text is sealed at rest and never logged: each toString() hides it. */
public final class InsatsRequests {

    private InsatsRequests() {
    }

    /** Who at the municipality the organisation contacts (003:783-797). */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Contact(@NotBlank @Size(max = 120) String name, @Nullable @Size(max = 40) String phone,
                          @Nullable @Email @Size(max = 200) String email) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    /** Path (a): a coordinator proposes the volunteer of an insats assignment to a municipality. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Proposal(@NotNull UUID assignmentId, @NotNull UUID municipalityId, @Nullable Set<Need> needs,
                           @Nullable @Size(max = 2000) String summary, @Nullable Boolean protectedIdentity,
                           @Nullable @Valid Contact municipalityContact, @Nullable ProtectionLevel protectionLevel) {
        @Override
        public String toString() {
            return Redacted.keeping(this, assignmentId, municipalityId);
        }
    }

    /** Path (b): a handläggare asks an organisation for a kontaktperson for a person they investigated. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Referral(@NotNull UUID organisationId, @NotBlank String ageBand,
                           @NotEmpty @Size(max = 10) Set<@Pattern(regexp = "[a-z]{2,3}") String> languages,
                           @NotBlank @Size(max = 10) String region, boolean digitalOnly,
                           @NotEmpty Set<Need> needs, @Nullable @Size(max = 2000) String summary,
                           @Nullable Boolean protectedIdentity, @NotNull @Valid Contact contact,
                           @NotBlank @Size(max = 60) String caseReference,
                           /* the municipality obtained the person's consent to tell the organisation (003:755) */
                           @NotNull LocalDate consentGivenOn, @NotNull Insats.ConsentForm consentForm,
                           /* the level of protection; older callers send protectedIdentity: true (skyddad folkbokföring) */
                           @Nullable ProtectionLevel protectionLevel) {
        @Override
        public String toString() {
            return Redacted.keeping(this, organisationId);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Consent(@NotNull LocalDate givenOn, @NotNull Insats.ConsentForm form,
                          @NotEmpty Set<Insats.ConsentScope> scope) {
    }

    /** Path (b): the organisation answers a request with an insats assignment it made in matching. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record VolunteerProposal(@NotNull UUID assignmentId) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Investigation(@NotNull Insats.InvestigationOutcome outcome, @NotNull LocalDate investigatedOn,
                                @Nullable @Size(max = 2000) String note) {
        @Override
        public String toString() {
            return Redacted.keeping(this, outcome);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Decision(@NotNull Insats.DecisionOutcome outcome, @NotNull LocalDate decidedOn,
                           @NotBlank @Size(max = 200) String legalBasis,
                           @Nullable LocalDate periodStart, @Nullable LocalDate periodEnd,
                           @Nullable @Min(1) @Max(200) Integer hoursPerMonth, @Nullable LocalDate followUpOn,
                           @Nullable @Size(max = 60) String caseReference,
                           @Nullable @Size(max = 2000) String refusalReason,
                           /* for a refusal: how the person appeals (överklagande), as the decision tells her */
                           @Nullable @Size(max = 2000) String appealInformation) {
        @Override
        public String toString() {
            return Redacted.keeping(this, outcome);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Uppdrag(@NotBlank @Size(max = 4000) String what, @NotBlank @Size(max = 4000) String why) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Goal(@NotNull Need need, @NotBlank @Size(max = 1000) String goal, @NotBlank @Size(max = 1000) String how,
                       @NotBlank @Size(max = 200) String howOften) {
        @Override
        public String toString() {
            return Redacted.keeping(this, need);
        }
    }

    /** A genomförandeplan version, drafted with the client (003:763). */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Plan(@NotEmpty @Size(max = 20) List<@Valid @NotNull Goal> goals, @NotNull LocalDate madeWithClientOn) {
        @Override
        public String toString() {
            return "Plan[" + goals.size() + " goals]";
        }
    }

    /** The organisation's report for a follow-up. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ProviderReport(@NotBlank @Size(max = 4000) String text) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    /** A new period or scope, decided at a follow-up. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Change(@NotNull LocalDate decidedOn, @NotBlank @Size(max = 200) String legalBasis,
                         @NotNull LocalDate periodEnd, @NotNull @Min(1) @Max(200) Integer hoursPerMonth) {
    }

    /** The handläggare's assessment, which completes a follow-up. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record Assessment(@NotNull LocalDate heldOn, @NotBlank @Size(max = 4000) String assessment,
                             @NotNull Insats.FollowUpOutcome outcome, @Nullable LocalDate nextFollowUpOn,
                             @Nullable @Valid Change change, @Nullable Insats.EndReason endReason,
                             /* how it was held (003:777); optional for callers that predate it */
                             @Nullable Insats.HeldHow heldHow, @Nullable Boolean withClient) {
        @Override
        public String toString() {
            return Redacted.keeping(this, outcome);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record End(@NotNull LocalDate endedOn, @NotNull Insats.EndReason reason) {
    }

    /** The client's answers to the follow-up questionnaire, from the client's own device. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    public record ClientAnswer(@NotNull @Min(1) @Max(5) Integer contactWorks,
                               @NotNull Questionnaire.Support getsSupport,
                               @NotNull Questionnaire.Continue wantsToContinue,
                               @Nullable @Size(max = 1000) String wishes,
                               boolean shareWithMunicipality) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }
}
