package se.bredvid.insats;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.util.List;
import java.util.UUID;

/** Routes the handläggare's desk added (issue 15): a change outside a follow-up, the uppdrag's versions, the arvode rate. */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class InsatsDeskController {

    private final InsatsChangeService changes;
    private final ArvodeRateService rates;

    InsatsDeskController(InsatsChangeService changes, ArvodeRateService rates) {
        this.changes = changes;
        this.rates = rates;
    }

    @Post("/insatser/{id}/change")
    @Secured(Roles.HANDLAGGARE)
    InsatsViews.Detail change(Caller caller, @PathVariable UUID id, @Body @Valid InsatsChangeService.PeriodChange change) {
        return changes.change(caller, id, change);
    }

    @Get("/insatser/{id}/audit")
    @Secured(Roles.HANDLAGGARE)
    List<InsatsChangeService.AuditTrailEntry> auditTrail(Caller caller, @PathVariable UUID id) {
        return changes.auditTrail(caller, id);
    }

    @Get("/insatser/{id}/uppdrag-versions")
    @Secured({Roles.COORDINATOR, Roles.HANDLAGGARE})
    List<InsatsChangeService.UppdragVersion> uppdragVersions(Caller caller, @PathVariable UUID id) {
        return changes.uppdragVersions(caller, id);
    }

    @Get("/time-reports/arvode-rate")
    @Secured(Roles.HANDLAGGARE)
    ArvodeRateService.Rate arvodeRate(Caller caller) {
        return rates.get(caller);
    }

    @Put("/time-reports/arvode-rate")
    @Secured(Roles.HANDLAGGARE)
    ArvodeRateService.Rate setArvodeRate(Caller caller, @Body @Valid ArvodeRateService.NewRate rate) {
        return rates.set(caller, rate);
    }
}
