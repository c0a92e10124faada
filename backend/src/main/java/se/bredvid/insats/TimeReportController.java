package se.bredvid.insats;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
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
import io.micronaut.validation.Validated;
import jakarta.validation.Valid;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.util.List;
import java.util.UUID;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
class TimeReportController {

    private final TimeReportService reports;

    TimeReportController(TimeReportService reports) {
        this.reports = reports;
    }

    @Get("/me/time-reports")
    @Secured(Roles.VOLUNTEER_DEVICE)
    List<TimeReportService.View> mine(Caller device) {
        return reports.mine(device);
    }

    @Post("/me/time-reports")
    @Status(HttpStatus.CREATED)
    @Secured(Roles.VOLUNTEER_DEVICE)
    TimeReportService.View submit(Caller device, @Body @Valid TimeReportService.Submission submission) {
        return reports.submit(device, submission);
    }

    @Put("/me/time-reports/{id}")
    @Secured(Roles.VOLUNTEER_DEVICE)
    TimeReportService.View resubmit(Caller device, @PathVariable UUID id, @Body @Valid TimeReportService.Resubmission r) {
        return reports.resubmit(device, id, r);
    }

    @Get("/time-reports")
    @Secured({Roles.COORDINATOR, Roles.HANDLAGGARE})
    List<TimeReportService.View> list(Caller caller, @Nullable @QueryValue String month,
                                      @Nullable @QueryValue TimeReportService.State state) {
        return reports.list(caller, month, state);
    }

    @Post("/time-reports/{id}/approval")
    @Secured(Roles.HANDLAGGARE)
    TimeReportService.View approve(Caller caller, @PathVariable UUID id) {
        return reports.approve(caller, id);
    }

    @Post("/time-reports/{id}/return")
    @Secured(Roles.HANDLAGGARE)
    TimeReportService.View sendBack(Caller caller, @PathVariable UUID id, @Body @Valid TimeReportService.Return ret) {
        return reports.sendBack(caller, id, ret);
    }

    /** The month's approved reports as CSV for payroll (audited). */
    @Get(value = "/time-reports/export", produces = "text/csv; charset=utf-8")
    @Secured(Roles.HANDLAGGARE)
    HttpResponse<String> export(Caller caller, @QueryValue String month) {
        return HttpResponse.ok(reports.export(caller, month))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"tidrapporter-" + month.replaceAll("[^0-9-]", "") + ".csv\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
