package se.bredvid.matching;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
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

import java.util.UUID;

/** The organisation's rule for clients aged 13-17 and the steps recorded on a client (docs/matching.md). */
@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class MinorsController {

    private final MinorRules minors;

    MinorsController(MinorRules minors) {
        this.minors = minors;
    }

    @Get("/organisation/minors-policy")
    @Secured(Roles.COORDINATOR)
    MinorRules.PolicyView policy(Caller caller) {
        return minors.get(caller);
    }

    @Put("/organisation/minors-policy")
    @Secured(Roles.COORDINATOR)
    MinorRules.PolicyView setPolicy(Caller caller, @Body @Valid MinorRules.NewPolicy body) {
        return minors.set(caller, body);
    }

    @Post("/clients/{id}/minor-step")
    @Secured(Roles.COORDINATOR)
    MinorRules.View recordStep(Caller caller, @PathVariable UUID id, @Body @Valid MinorRules.NewStep body) {
        return minors.recordStep(caller, id, body);
    }

    @Delete("/clients/{id}/minor-step")
    @Secured(Roles.COORDINATOR)
    MinorRules.View deleteStep(Caller caller, @PathVariable UUID id) {
        return minors.deleteStep(caller, id);
    }
}
