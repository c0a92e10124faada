package se.bredvid.insats;

import io.micronaut.serde.annotation.Serdeable;
import se.bredvid.identity.AdminService;
import se.bredvid.matching.ProtectionLevel;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * What each party sees. One shape for both staff roles, filled per role: the municipality never gets the
 * organisation's internal ids (client, assignment), and a client's questionnaire answers only when the
 * client chose to share them. A kontaktperson's device gets {@link MyInsats}, which for a client under skyddad
 * folkbokföring or fingerade personuppgifter holds nothing beyond the pseudonym, the period, the hours and the plan
 * ({@link ProtectionLevel} says what each level hides). {@code protectedIdentity} is kept for older callers: any
 * level but NONE.
 */
public final class InsatsViews {

    private InsatsViews() {
    }

    @Serdeable
    public record Summary(UUID id, Insats.Origin origin, InsatsState state, UUID organisationId, UUID municipalityId,
                          String clientPseudonym, boolean protectedIdentity, LocalDate periodEnd,
                          LocalDate nextFollowUpOn, Instant createdAt, ProtectionLevel protectionLevel,
                          AdminService.LinkModel model) {
    }

    @Serdeable
    public record Detail(UUID id, Insats.Origin origin, InsatsState state, UUID organisationId, UUID municipalityId,
                         String clientPseudonym, boolean protectedIdentity, Set<String> needs, String summary,
                         String caseReference, InsatsRequests.Contact municipalityContact, UUID clientId,
                         UUID assignmentId, UUID volunteerId, Consent consent, Investigation investigation,
                         List<Decision> decisions, Uppdrag uppdrag, Plan plan, List<FollowUp> followUps,
                         LocalDate endedOn, Insats.EndReason endReason, Instant assignmentClosedAt,
                         Instant createdAt, PlanConfirmation planConfirmation, LocalDate deletedAfter,
                         ProtectionLevel protectionLevel,
                         /* who carries the insats: PROVIDER (the organisation) or MUNICIPALITY (its own uppdragstagare) */
                         AdminService.LinkModel model) {
        @Override
        public String toString() {
            return "Insats[" + id + ", " + state + "]";
        }
    }

    @Serdeable
    public record Consent(Set<Insats.ConsentScope> scope, Insats.ConsentForm form, LocalDate givenOn,
                          Instant recordedAt, Instant revokedAt) {
    }

    @Serdeable
    public record Investigation(Insats.InvestigationOutcome outcome, LocalDate investigatedOn, String note) {
    }

    @Serdeable
    public record Decision(UUID id, int version, Insats.DecisionKind kind, Insats.DecisionOutcome outcome,
                           LocalDate decidedOn, String legalBasis, LocalDate periodStart, LocalDate periodEnd,
                           Integer hoursPerMonth, LocalDate followUpOn, String refusalReason, Instant createdAt,
                           String appealInformation) {
    }

    @Serdeable
    public record Uppdrag(int version, String what, String why, Instant writtenAt) {
    }

    @Serdeable
    public record Plan(int version, List<InsatsRequests.Goal> goals, LocalDate madeWithClientOn,
                       Insats.Drafter draftedBy, Instant createdAt) {
    }

    @Serdeable
    public record ClientView(int contactWorks, Questionnaire.Support getsSupport, Questionnaire.Continue wantsToContinue,
                             String wishes, boolean sharedWithMunicipality, Instant answeredAt) {
    }

    @Serdeable
    public record FollowUp(UUID id, LocalDate plannedOn, Instant remindedAt, String providerReport,
                           Instant providerReportedAt, ClientView clientView, LocalDate heldOn, String assessment,
                           Insats.FollowUpOutcome outcome, UUID decisionId, Instant completedAt,
                           Insats.HeldHow heldHow, Boolean withClient) {
    }

    /** A kontaktperson's own insats, on their device. */
    @Serdeable
    public record MyInsats(UUID id, String clientPseudonym, InsatsState state, LocalDate periodStart,
                           LocalDate periodEnd, Integer hoursPerMonth, String municipality, Uppdrag uppdrag, Plan plan) {
    }

    /** An open questionnaire on the client's device. */
    @Serdeable
    public record MyFollowUp(UUID id, LocalDate plannedOn, List<Questionnaire.Question> questions, boolean answered) {
    }

    /**
     * The client confirmed, on her phone, that she took part in making this version of the plan (003:763).
     * On the staff detail: her confirmation of the newest version she confirmed.
     */
    @Serdeable
    public record PlanConfirmation(int version, LocalDate confirmedOn) {
    }

    /**
     * The client's own insats, on her phone: what would be (or is) shared about her and with whom, her consent,
     * the period, what the kontaktperson is for (the uppdrag's "what", once written), the plan and whether she
     * confirmed it. Never the case reference, the municipality's contact, the summary's text or the volunteer.
     *
     * @param summaryIncluded whether the organisation's proposal carries a free-text summary about her
     */
    @Serdeable
    public record MyClientInsats(UUID id, InsatsState state, String municipality, String organisation, Set<String> needs,
                                 boolean summaryIncluded, Consent consent, LocalDate periodStart, LocalDate periodEnd,
                                 Integer hoursPerMonth, String purpose, Plan plan, PlanConfirmation planConfirmation,
                                 LocalDate nextFollowUpOn) {
        @Override
        public String toString() {
            return "MyClientInsats[" + id + ", " + state + "]";
        }
    }
}
