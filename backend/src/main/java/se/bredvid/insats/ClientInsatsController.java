package se.bredvid.insats;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.util.List;
import java.util.UUID;

/**
 * Routes issue 15 added: the client's own insats on her phone (consent in the app, the plan confirmation) and the
 * handläggare's export before gallring.
 */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class ClientInsatsController {

    private final ClientInsatsService client;
    private final InsatsExportService export;

    ClientInsatsController(ClientInsatsService client, InsatsExportService export) {
        this.client = client;
        this.export = export;
    }

    @Get("/me/client/insatser")
    @Secured(Roles.CLIENT_DEVICE)
    List<InsatsViews.MyClientInsats> mine(Caller device) {
        return client.mine(device);
    }

    @Post("/me/client/insatser/{id}/consent")
    @Secured(Roles.CLIENT_DEVICE)
    InsatsViews.MyClientInsats consent(Caller device, @PathVariable UUID id, @Body @Valid ClientInsatsService.ClientConsent consent) {
        return client.consent(device, id, consent);
    }

    @Delete("/me/client/insatser/{id}/consent")
    @Secured(Roles.CLIENT_DEVICE)
    InsatsViews.MyClientInsats revoke(Caller device, @PathVariable UUID id) {
        return client.revoke(device, id);
    }

    @Post("/me/client/insatser/{id}/plan-confirmation")
    @Secured(Roles.CLIENT_DEVICE)
    InsatsViews.MyClientInsats confirmPlan(Caller device, @PathVariable UUID id,
                                           @Body @Valid ClientInsatsService.PlanConfirmation confirmation) {
        return client.confirmPlan(device, id, confirmation);
    }

    @Get(value = "/insatser/{id}/export.pdf", produces = "application/pdf")
    @Secured(Roles.HANDLAGGARE)
    HttpResponse<byte[]> export(Caller caller, @PathVariable UUID id) {
        return HttpResponse.ok(export.export(caller, id))
                // The file name names no one: it may end up in download lists and logs.
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"insats.pdf\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }

    @Get("/insats-gallring")
    @Secured(Roles.HANDLAGGARE)
    List<InsatsExportService.DueForGallring> dueForGallring(Caller caller) {
        return export.dueForGallring(caller);
    }
}
