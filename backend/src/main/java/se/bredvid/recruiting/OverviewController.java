package se.bredvid.recruiting;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

@Controller("/api/recruiting")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.COORDINATOR)
class OverviewController {

    private final OverviewService overview;

    OverviewController(OverviewService overview) {
        this.overview = overview;
    }

    @Get("/overview")
    OverviewService.Overview overview(Caller caller) {
        return overview.overview(caller);
    }

    @Get(value = "/roster.csv", produces = "text/csv; charset=utf-8")
    HttpResponse<String> roster(Caller caller) {
        return HttpResponse.ok(overview.rosterCsv(caller))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"volunteers.csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
