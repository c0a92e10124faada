package se.bredvid.insats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import se.bredvid.identity.AdminService;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.recruiting.VolunteerDirectory;

import java.util.List;
import java.util.UUID;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class InsatsController {

    /** The other side of an insats that the caller may address: municipalities for a coordinator, organisations for a handläggare. */
    @Serdeable
    record Party(UUID id, String name) {
    }

    private final InsatsService insatser;
    private final FollowUpService followUps;
    private final AdminService tenants;

    InsatsController(InsatsService insatser, FollowUpService followUps, AdminService tenants) {
        this.insatser = insatser;
        this.followUps = followUps;
        this.tenants = tenants;
    }

    @Get("/insats-parties")
    @Secured({Roles.COORDINATOR, Roles.HANDLAGGARE})
    List<Party> parties(Caller caller) {
        // Only those the caller's tenant works with (the admin's links), and only active ones.
        var list = caller.is(Roles.COORDINATOR) ? tenants.linkedMunicipalities(caller.requireOrganisation())
                : tenants.linkedOrganisations(caller.requireMunicipality());
        return list.stream().map(t -> new Party(t.id(), t.name())).toList();
    }

    // ---- referral ----------------------------------------------------------------------------------------

    @Post("/insatser")
    @Status(HttpStatus.CREATED)
    @Secured(Roles.COORDINATOR)
    InsatsViews.Detail propose(Caller caller, @Body @Valid InsatsRequests.Proposal proposal) {
        return insatser.propose(caller, proposal);
    }

    @Post("/referrals")
    @Status(HttpStatus.CREATED)
    @Secured(Roles.HANDLAGGARE)
    InsatsViews.Detail refer(Caller caller, @Body @Valid InsatsRequests.Referral referral) {
        return insatser.refer(caller, referral);
    }

    @Get("/insatser")
    @Secured({Roles.COORDINATOR, Roles.HANDLAGGARE})
    List<InsatsViews.Summary> list(Caller caller, @Nullable @QueryValue InsatsState state) {
        return insatser.list(caller, state);
    }

    @Get("/insatser/{id}")
    @Secured({Roles.COORDINATOR, Roles.HANDLAGGARE})
    InsatsViews.Detail get(Caller caller, @PathVariable UUID id) {
        return insatser.get(caller, id);
    }

    @Post("/insatser/{id}/consent")
    @Secured(Roles.COORDINATOR)
    InsatsViews.Detail consent(Caller caller, @PathVariable UUID id, @Body @Valid InsatsRequests.Consent consent) {
        return insatser.recordConsent(caller, id, consent);
    }

    @Delete("/insatser/{id}/consent")
    @Secured(Roles.COORDINATOR)
    InsatsViews.Detail revokeConsent(Caller caller, @PathVariable UUID id) {
        return insatser.revokeConsent(caller, id);
    }

    @Post("/insatser/{id}/volunteer-proposal")
    @Secured(Roles.COORDINATOR)
    InsatsViews.Detail proposeVolunteer(Caller caller, @PathVariable UUID id, @Body @Valid InsatsRequests.VolunteerProposal p) {
        return insatser.proposeVolunteer(caller, id, p);
    }

    @Post("/insatser/{id}/withdrawal")
    @Secured({Roles.COORDINATOR, Roles.HANDLAGGARE})
    InsatsViews.Detail withdraw(Caller caller, @PathVariable UUID id) {
        return insatser.withdraw(caller, id);
    }

    // ---- investigation, decision, uppdrag, plan -----------------------------------------------------------

    @Get("/insatser/{id}/volunteer")
    @Secured(Roles.HANDLAGGARE)
    VolunteerDirectory.InvestigationView volunteer(Caller caller, @PathVariable UUID id) {
        return insatser.volunteer(caller, id);
    }

    @Post("/insatser/{id}/investigation")
    @Secured(Roles.HANDLAGGARE)
    InsatsViews.Detail investigation(Caller caller, @PathVariable UUID id, @Body @Valid InsatsRequests.Investigation inv) {
        return insatser.recordInvestigation(caller, id, inv);
    }

    @Post("/insatser/{id}/decision")
    @Secured(Roles.HANDLAGGARE)
    InsatsViews.Detail decide(Caller caller, @PathVariable UUID id, @Body @Valid InsatsRequests.Decision decision) {
        return insatser.decide(caller, id, decision);
    }

    @Put("/insatser/{id}/uppdrag")
    @Secured(Roles.HANDLAGGARE)
    InsatsViews.Detail uppdrag(Caller caller, @PathVariable UUID id, @Body @Valid InsatsRequests.Uppdrag uppdrag) {
        return insatser.writeUppdrag(caller, id, uppdrag);
    }

    @Put("/insatser/{id}/plan")
    @Secured({Roles.COORDINATOR, Roles.HANDLAGGARE})
    InsatsViews.Plan plan(Caller caller, @PathVariable UUID id, @Body @Valid InsatsRequests.Plan plan) {
        return insatser.writePlan(caller, id, plan);
    }

    @Get("/insatser/{id}/plans")
    @Secured({Roles.COORDINATOR, Roles.HANDLAGGARE})
    List<InsatsViews.Plan> plans(Caller caller, @PathVariable UUID id) {
        return insatser.plans(caller, id);
    }

    @Post("/insatser/{id}/end")
    @Secured(Roles.HANDLAGGARE)
    InsatsViews.Detail end(Caller caller, @PathVariable UUID id, @Body @Valid InsatsRequests.End end) {
        return insatser.end(caller, id, end);
    }

    // ---- follow-ups --------------------------------------------------------------------------------------------

    @Get("/insatser/{id}/follow-ups")
    @Secured({Roles.COORDINATOR, Roles.HANDLAGGARE})
    List<InsatsViews.FollowUp> followUps(Caller caller, @PathVariable UUID id) {
        return followUps.list(caller, id);
    }

    @Post("/insatser/{id}/follow-ups/{followUpId}/report")
    @Secured(Roles.COORDINATOR)
    InsatsViews.FollowUp report(Caller caller, @PathVariable UUID id, @PathVariable UUID followUpId,
                                @Body @Valid InsatsRequests.ProviderReport report) {
        return followUps.report(caller, id, followUpId, report);
    }

    @Post("/insatser/{id}/follow-ups/{followUpId}/assessment")
    @Secured(Roles.HANDLAGGARE)
    InsatsViews.Detail assess(Caller caller, @PathVariable UUID id, @PathVariable UUID followUpId,
                              @Body @Valid InsatsRequests.Assessment assessment) {
        return followUps.assess(caller, id, followUpId, assessment);
    }

    // ---- devices -------------------------------------------------------------------------------------------------

    @Get("/me/insatser")
    @Secured(Roles.VOLUNTEER_DEVICE)
    List<InsatsViews.MyInsats> mine(Caller device) {
        return insatser.mine(device);
    }

    @Put("/me/insatser/{id}/plan")
    @Secured(Roles.VOLUNTEER_DEVICE)
    InsatsViews.Plan myPlan(Caller device, @PathVariable UUID id, @Body @Valid InsatsRequests.Plan plan) {
        return insatser.writePlanAsVolunteer(device, id, plan);
    }

    @Get("/me/follow-ups")
    @Secured(Roles.CLIENT_DEVICE)
    List<InsatsViews.MyFollowUp> myFollowUps(Caller device) {
        return followUps.mine(device);
    }

    @Post("/me/follow-ups/{id}/answer")
    @Secured(Roles.CLIENT_DEVICE)
    InsatsViews.MyFollowUp answer(Caller device, @PathVariable UUID id, @Body @Valid InsatsRequests.ClientAnswer answer) {
        return followUps.answer(device, id, answer);
    }
}
