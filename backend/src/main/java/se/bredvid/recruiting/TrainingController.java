package se.bredvid.recruiting;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Controller("/api/recruiting")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.COORDINATOR)
class TrainingController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record ThemeRequest(@NotBlank @Size(max = 200) @Pattern(regexp = ApplicationController.ONE_LINE) String title,
                        @Min(15) @Max(600) int minutes,
                        boolean mandatory) {
    }

    /** A cohort; with {@code firstSessionAt}, one weekly session per curriculum theme is scheduled from then. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewCohort(@NotBlank @Size(max = 100) @Pattern(regexp = ApplicationController.ONE_LINE) String name,
                     LocalDate startsOn,
                     Instant firstSessionAt) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Enrolment(@NotNull UUID volunteerId) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewSession(@NotNull UUID themeId, @NotNull Instant startsAt, @Min(15) @Max(600) Integer minutes,
                      @Size(max = 200) @Pattern(regexp = ApplicationController.ONE_LINE) String lecturer) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Attendance(@NotNull Boolean present) {
    }

    private final TrainingService training;

    TrainingController(TrainingService training) {
        this.training = training;
    }

    @Get("/curriculum")
    List<TrainingService.ThemeView> curriculum(Caller caller) {
        return training.curriculum(caller);
    }

    @Post("/curriculum/themes")
    @Status(HttpStatus.CREATED)
    TrainingService.ThemeView addTheme(Caller caller, @Body @Valid ThemeRequest body) {
        return training.addTheme(caller, body);
    }

    @Put("/curriculum/themes/{themeId}")
    TrainingService.ThemeView updateTheme(Caller caller, @PathVariable UUID themeId, @Body @Valid ThemeRequest body) {
        return training.updateTheme(caller, themeId, body);
    }

    @Post("/cohorts")
    @Status(HttpStatus.CREATED)
    TrainingService.CohortView createCohort(Caller caller, @Body @Valid NewCohort body) {
        return training.createCohort(caller, body);
    }

    @Get("/cohorts")
    List<TrainingService.CohortSummary> cohorts(Caller caller) {
        return training.cohorts(caller);
    }

    @Get("/cohorts/{cohortId}")
    TrainingService.CohortView cohort(Caller caller, @PathVariable UUID cohortId) {
        return training.cohort(caller, cohortId);
    }

    @Post("/cohorts/{cohortId}/members")
    @Status(HttpStatus.NO_CONTENT)
    void enrol(Caller caller, @PathVariable UUID cohortId, @Body @Valid Enrolment body) {
        training.enrol(caller, cohortId, body.volunteerId());
    }

    @Post("/cohorts/{cohortId}/sessions")
    @Status(HttpStatus.CREATED)
    TrainingService.SessionView scheduleSession(Caller caller, @PathVariable UUID cohortId, @Body @Valid NewSession body) {
        return training.scheduleSession(caller, cohortId, body);
    }

    /** A make-up session on one theme, open to any enrolled volunteer who missed it. */
    @Post("/make-up-sessions")
    @Status(HttpStatus.CREATED)
    TrainingService.SessionView scheduleMakeUp(Caller caller, @Body @Valid NewSession body) {
        return training.scheduleMakeUp(caller, body);
    }

    /** Make-up sessions of the last year and ahead (they belong to no cohort). */
    @Get("/make-up-sessions")
    List<TrainingService.SessionSummary> makeUpSessions(Caller caller) {
        return training.makeUpSessions(caller);
    }

    @Get("/training-sessions/{sessionId}")
    TrainingService.SessionView session(Caller caller, @PathVariable UUID sessionId) {
        return training.session(caller, sessionId);
    }

    @Put("/training-sessions/{sessionId}/attendance/{volunteerId}")
    @Status(HttpStatus.NO_CONTENT)
    void setAttendance(Caller caller, @PathVariable UUID sessionId, @PathVariable UUID volunteerId,
                       @Body @Valid Attendance body) {
        training.setAttendance(caller, sessionId, volunteerId, body.present());
    }

    @Get("/volunteers/{id}/training")
    TrainingService.TrainingRecord record(Caller caller, @PathVariable UUID id) {
        return training.record(caller, id);
    }

    @Get(value = "/volunteers/{id}/training-certificate", produces = "application/pdf")
    HttpResponse<byte[]> certificate(Caller caller, @PathVariable UUID id) {
        return HttpResponse.ok(training.certificate(caller, id))
                // The file name names no one: it may end up in download lists and logs.
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"utbildningsintyg.pdf\"")
                .header(HttpHeaders.CACHE_CONTROL, "no-store");
    }
}
