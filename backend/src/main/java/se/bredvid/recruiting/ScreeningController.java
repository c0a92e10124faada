package se.bredvid.recruiting;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Controller("/api/recruiting/volunteers/{id}")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.COORDINATOR)
class ScreeningController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewInterview(@NotNull LocalDate heldOn,
                        @NotEmpty @Size(max = 5) List<@NotBlank @Size(max = 200)
                                @Pattern(regexp = ApplicationController.ONE_LINE) String> interviewers,
                        @Min(1) @Max(5) int motivation,
                        @Min(1) @Max(5) int timeAvailable,
                        @Min(1) @Max(5) int understanding,
                        @NotNull Interview.Suitability suitability,
                        @Size(max = 10000) String notes) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewBackgroundCheck(@NotNull BackgroundCheck.Kind kind, @NotNull LocalDate issuedOn, @NotNull LocalDate seenOn) {
    }

    private final ScreeningService screening;

    ScreeningController(ScreeningService screening) {
        this.screening = screening;
    }

    @Post("/interviews")
    @Status(HttpStatus.CREATED)
    ScreeningService.InterviewView recordInterview(Caller caller, @PathVariable UUID id, @Body @Valid NewInterview body) {
        return screening.recordInterview(caller, id, body);
    }

    @Get("/interviews")
    List<ScreeningService.InterviewView> interviews(Caller caller, @PathVariable UUID id) {
        return screening.interviews(caller, id);
    }

    @Post("/background-checks")
    @Status(HttpStatus.CREATED)
    ScreeningService.BackgroundCheckView recordBackgroundCheck(Caller caller, @PathVariable UUID id,
                                                               @Body @Valid NewBackgroundCheck body) {
        return screening.recordBackgroundCheck(caller, id, body);
    }

    @Get("/background-checks")
    List<ScreeningService.BackgroundCheckView> backgroundChecks(Caller caller, @PathVariable UUID id) {
        return screening.backgroundChecks(caller, id);
    }
}
