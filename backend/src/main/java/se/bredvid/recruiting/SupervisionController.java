package se.bredvid.recruiting;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
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
import jakarta.validation.constraints.NotNull;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Controller("/api/recruiting")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.COORDINATOR)
class SupervisionController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record NewSession(@NotNull Instant heldAt, @NotNull SupervisionSession.Kind kind, @Min(15) @Max(480) int minutes) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Attendance(@NotNull Boolean present) {
    }

    private final SupervisionService supervision;

    SupervisionController(SupervisionService supervision) {
        this.supervision = supervision;
    }

    @Post("/supervision-sessions")
    @Status(HttpStatus.CREATED)
    SupervisionService.SessionView create(Caller caller, @Body @Valid NewSession body) {
        return supervision.create(caller, body);
    }

    @Get("/supervision-sessions")
    List<SupervisionService.SessionSummary> sessions(Caller caller) {
        return supervision.sessions(caller);
    }

    @Get("/supervision-sessions/{sessionId}")
    SupervisionService.SessionView session(Caller caller, @PathVariable UUID sessionId) {
        return supervision.session(caller, sessionId);
    }

    @Put("/supervision-sessions/{sessionId}/attendance/{volunteerId}")
    @Status(HttpStatus.NO_CONTENT)
    void setAttendance(Caller caller, @PathVariable UUID sessionId, @PathVariable UUID volunteerId,
                       @Body @Valid Attendance body) {
        supervision.setAttendance(caller, sessionId, volunteerId, body.present());
    }

    /** One volunteer's supervision sessions of the last year and whether it is overdue. */
    @Get("/volunteers/{id}/supervision")
    SupervisionService.VolunteerSupervision ofVolunteer(Caller caller, @PathVariable UUID id) {
        return supervision.ofVolunteer(caller, id);
    }

    /** Active volunteers without supervision for longer than the configured number of weeks. */
    @Get("/supervision/overdue")
    SupervisionService.OverdueReport overdue(Caller caller) {
        return supervision.overdue(caller);
    }
}
