package se.bredvid.matching;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
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
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.platform.ProblemException;

import java.util.List;
import java.util.UUID;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class MatchingController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Propose(@NotNull UUID clientId, @NotNull UUID volunteerId, @NotNull Assignments.Kind kind) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Transition(@NotNull Assignments.State to, @Nullable Assignments.EndReason endReason,
                      @Nullable @Size(max = 500) String note) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Concern(@NotBlank @Size(max = 2000) String text) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record BatchPair(@NotNull UUID clientId, @NotNull UUID volunteerId) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record ApplyBatch(@NotNull Assignments.Kind kind, @NotNull @Size(min = 1, max = 500) List<@NotNull @Valid BatchPair> pairs) {
    }

    static final String TOTAL_COUNT = "X-Total-Count";

    private final MatchingService matching;
    private final SupportRequests supportRequests;

    private final MatchSupport support;
    private final MatchingOverview overview;

    MatchingController(MatchingService matching, SupportRequests supportRequests, MatchSupport support,
                       MatchingOverview overview) {
        this.overview = overview;
        this.support = support;
        this.supportRequests = supportRequests;
        this.matching = matching;
    }

    @Post("/clients")
    @Status(HttpStatus.CREATED)
    @Secured(Roles.COORDINATOR)
    MatchingViews.ClientView createClient(Caller caller, @Body @Valid ClientIntake intake) {
        return matching.createClient(caller, intake);
    }

    /**
     * The organisation's clients, filtered, ordered and paged on the server; the body stays a plain list (as
     * before paging existed) and X-Total-Count says how many the filter matched in all.
     */
    @Get("/clients")
    @Secured(Roles.COORDINATOR)
    HttpResponse<List<MatchingViews.ClientListItem>> clients(Caller caller, @QueryValue @Nullable String q,
                                                             @QueryValue @Nullable String status,
                                                             @QueryValue @Nullable String region,
                                                             @QueryValue @Nullable String language,
                                                             @QueryValue @Nullable String sort,
                                                             @QueryValue @Nullable Integer page,
                                                             @QueryValue @Nullable Integer size) {
        MatchingService.ClientPage result = matching.clients(caller,
                ClientQuery.parse(q, status, region, language, sort, page, size, "createdAt"));
        return HttpResponse.ok(result.items()).header(TOTAL_COUNT, Long.toString(result.total()));
    }

    @Get("/clients/{id}")
    @Secured(Roles.COORDINATOR)
    MatchingViews.ClientDetail client(Caller caller, @PathVariable UUID id) {
        return matching.clientDetail(caller, id);
    }

    @Put("/clients/{id}")
    @Secured(Roles.COORDINATOR)
    MatchingViews.ClientView updateClient(Caller caller, @PathVariable UUID id, @Body @Valid ClientIntake intake) {
        return matching.updateClient(caller, id, intake);
    }

    @Get("/clients/{id}/suggestions")
    @Secured(Roles.COORDINATOR)
    MatchingViews.Suggestions suggestions(Caller caller, @PathVariable UUID id,
                                          @QueryValue(defaultValue = "5") @Min(1) @Max(50) int k) {
        return matching.suggest(caller, id, k);
    }

    @Put("/volunteers/{id}/matching-profile")
    @Secured(Roles.COORDINATOR)
    VolunteerMatchInfo setMatchingProfile(Caller caller, @PathVariable UUID id, @Body @Valid VolunteerMatchInfo info) {
        return matching.setVolunteerInfo(caller, id, info);
    }

    @Get("/volunteers/{id}/matching-profile")
    @Secured(Roles.COORDINATOR)
    VolunteerMatchInfo matchingProfile(Caller caller, @PathVariable UUID id) {
        return matching.volunteerInfo(caller, id);
    }

    /** A globally optimal proposal for the waiting list (nothing is stored). */
    @Post("/matching/batch")
    @Secured(Roles.COORDINATOR)
    MatchingViews.Batch batch(Caller caller) {
        return matching.batch(caller);
    }

    /** Applies the pairs of a batch preview that the coordinator accepted (all or nothing). */
    @Post("/matching/batch/apply")
    @Secured(Roles.COORDINATOR)
    List<Assignments.AssignmentView> applyBatch(Caller caller, @Body @Valid ApplyBatch body) {
        return matching.applyBatch(caller, body.kind(),
                body.pairs().stream().map(p -> new MatchingService.BatchPair(p.clientId(), p.volunteerId())).toList());
    }

    /** Active assignments over the last twelve months and the waiting times (the overview's matching side). */
    @Get("/matching/overview")
    @Secured(Roles.COORDINATOR)
    MatchingOverview.Overview overview(Caller caller) {
        return overview.overview(caller.requireOrganisation());
    }

    @Get("/waiting-list")
    @Secured(Roles.COORDINATOR)
    MatchingViews.WaitingList waitingList(Caller caller, @QueryValue(defaultValue = "30") @Min(0) @Max(3650) int thresholdDays,
                                          @QueryValue @Nullable String q, @QueryValue @Nullable String region,
                                          @QueryValue @Nullable String language, @QueryValue @Nullable String sort,
                                          @QueryValue @Nullable Integer page, @QueryValue @Nullable Integer size) {
        return matching.waitingList(caller, thresholdDays,
                ClientQuery.parse(q, null, region, language, sort, page, size, "waitingSince"));
    }

    @Post("/assignments")
    @Status(HttpStatus.CREATED)
    @Secured(Roles.COORDINATOR)
    Assignments.AssignmentView propose(Caller caller, @Body @Valid Propose body) {
        return matching.propose(caller, body.clientId(), body.volunteerId(), body.kind());
    }

    /**
     * The organisation's assignments, filtered by state, kind and part of the client's pseudonym, ordered and
     * paged on the server; a plain list as before paging existed, with X-Total-Count.
     */
    @Get("/assignments")
    @Secured(Roles.COORDINATOR)
    HttpResponse<List<Assignments.AssignmentView>> assignments(Caller caller, @QueryValue @Nullable Assignments.State state,
                                                              @QueryValue @Nullable Assignments.Kind kind,
                                                              @QueryValue @Nullable String q, @QueryValue @Nullable String sort,
                                                              @QueryValue @Nullable Integer page,
                                                              @QueryValue @Nullable Integer size) {
        MatchingService.AssignmentPage result = matching.assignments(caller, state, kind, q, sort, page, size);
        return HttpResponse.ok(result.items()).header(TOTAL_COUNT, Long.toString(result.total()));
    }

    /** Per open pair: days since the last message and check-in, missed check-ins, quiet or not (times only). */
    @Get("/assignments/support")
    @Secured(Roles.COORDINATOR)
    MatchSupport.Support support(Caller caller) {
        return support.support(caller.requireOrganisation());
    }

    @Get("/assignments/{id}")
    @Secured(Roles.COORDINATOR)
    Assignments.AssignmentView assignment(Caller caller, @PathVariable UUID id) {
        return matching.find(caller.requireOrganisation(), id).orElseThrow(() -> ProblemException.notFound("Assignment"));
    }

    @Post("/assignments/{id}/transitions")
    @Secured(Roles.COORDINATOR)
    Assignments.AssignmentView transition(Caller caller, @PathVariable UUID id, @Body @Valid Transition body) {
        return matching.transition(caller, id, body.to(), body.endReason(), body.note());
    }

    @Get("/reports")
    @Secured(Roles.COORDINATOR)
    List<MatchingViews.Report> reports(Caller caller) {
        return matching.reports(caller);
    }

    // ---- devices --------------------------------------------------------------------------------------

    @Get("/me/contact")
    @Secured(Roles.CLIENT_DEVICE)
    MatchingViews.MyContact myContact(Caller caller) {
        return matching.myContact(caller).orElseThrow(() -> ProblemException.notFound("Contact"));
    }

    /** The client ends the contact at once; no reason is asked. */
    @Post("/me/contact/end")
    @Status(HttpStatus.NO_CONTENT)
    @Secured(Roles.CLIENT_DEVICE)
    void endContact(Caller caller) {
        matching.clientEnds(caller);
    }

    @Post("/me/reports")
    @Status(HttpStatus.CREATED)
    @Secured(Roles.CLIENT_DEVICE)
    void report(Caller caller, @Body @Valid Concern body) {
        matching.report(caller, body.text());
    }

    /** A kontaktperson asks her coordinators for support, or raises a worry about her client. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record SupportRequest(@Nullable SupportRequests.Kind kind, @Nullable UUID clientId, @Nullable @Size(max = 4000) String text) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Post("/me/support-requests")
    @Status(HttpStatus.CREATED)
    @Secured(Roles.VOLUNTEER_DEVICE)
    SupportRequests.Received requestSupport(Caller caller, @Body @Valid SupportRequest body) {
        return supportRequests.create(caller, body.kind(), body.clientId(), body.text());
    }

    @Get("/support-requests")
    @Secured(Roles.COORDINATOR)
    List<SupportRequests.View> supportRequests(Caller caller) {
        return supportRequests.list(caller);
    }

    @Get("/me/clients")
    @Secured(Roles.VOLUNTEER_DEVICE)
    List<MatchingViews.MyClient> myClients(Caller caller) {
        return matching.myClients(caller);
    }
}
