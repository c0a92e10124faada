package se.bredvid.recruiting;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.util.List;
import java.util.UUID;

@Controller("/api/recruiting/volunteers")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured(Roles.COORDINATOR)
class VolunteerController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record TransitionRequest(@NotNull VolunteerState to, @NotBlank @Size(max = 1000) String reason) {
        @Override
        public String toString() {
            return "TransitionRequest[" + to + "]";
        }
    }

    private final VolunteerService volunteers;

    VolunteerController(VolunteerService volunteers) {
        this.volunteers = volunteers;
    }

    @Get
    List<VolunteerService.VolunteerSummary> list(Caller caller, @Nullable @QueryValue VolunteerState state) {
        return volunteers.list(caller, state);
    }

    @Get("/{id}")
    VolunteerService.VolunteerDetail get(Caller caller, @PathVariable UUID id) {
        return volunteers.get(caller, id);
    }

    @Get("/{id}/transitions")
    List<VolunteerService.TransitionView> history(Caller caller, @PathVariable UUID id) {
        return volunteers.history(caller, id);
    }

    @Post("/{id}/transitions")
    VolunteerService.VolunteerDetail transition(Caller caller, @PathVariable UUID id, @Body @Valid TransitionRequest body) {
        return volunteers.transition(caller, id, body.to(), body.reason());
    }
}
