package se.bredvid.checkins;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
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
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.protocol.WireEnvelope;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class CheckinController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record ProposeSchedule(@Nullable CheckinSchedule.Kind kind, @Nullable Integer dayOfWeek, @Nullable Integer everyDays,
                           @Nullable @Size(max = 16) String timeOfDay, @Nullable @Size(max = 64) String zone,
                           @Nullable Integer graceMinutes, @Nullable LocalDate startsOn) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Answer(@Nullable CheckinStatus status, @Nullable List<WireEnvelope> envelopes) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    private final CheckinService checkins;

    CheckinController(CheckinService checkins) {
        this.checkins = checkins;
    }

    /** One side proposes the check-in schedule of a conversation; the other side agrees to it. */
    @Put("/conversations/{id}/checkin-schedule")
    @Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    CheckinService.ScheduleView propose(Caller caller, @PathVariable UUID id, @Body @Valid ProposeSchedule body) {
        return checkins.propose(caller, id, new CheckinService.Proposal(body.kind(), body.dayOfWeek(), body.everyDays(),
                body.timeOfDay(), body.zone(), body.graceMinutes(), body.startsOn()));
    }

    @Post("/conversations/{id}/checkin-schedule/agree")
    @Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    CheckinService.ScheduleView agree(Caller caller, @PathVariable UUID id) {
        return checkins.agree(caller, id);
    }

    @Get("/conversations/{id}/checkin-schedule")
    @Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    CheckinService.ScheduleView schedule(Caller caller, @PathVariable UUID id) {
        return checkins.schedule(caller, id);
    }

    @Get("/conversations/{id}/checkins")
    @Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    List<CheckinService.CheckinView> list(Caller caller, @PathVariable UUID id) {
        return checkins.checkins(caller, id);
    }

    /** The client opens a check-in now (outside the schedule), e.g. to ask for help. */
    @Post("/conversations/{id}/checkins")
    @Status(HttpStatus.CREATED)
    @Secured(Roles.CLIENT_DEVICE)
    CheckinService.CheckinView open(Caller caller, @PathVariable UUID id) {
        return checkins.open(caller, id);
    }

    /** The client answers: encrypted envelopes to the kontaktperson's devices plus the status in clear. */
    @Post("/checkins/{id}/answer")
    @Secured(Roles.CLIENT_DEVICE)
    CheckinService.CheckinView answer(Caller caller, @PathVariable UUID id, @Body Answer body) {
        return checkins.answer(caller, id, body.status(), body.envelopes());
    }

    /** One check-in, for a member of its conversation: the client follows her alarm's acknowledgement here. */
    @Get("/checkins/{id}")
    @Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    CheckinService.CheckinView one(Caller caller, @PathVariable UUID id) {
        return checkins.checkin(caller, id);
    }

    /** "Jag har sett det": the kontaktperson or a coordinator has seen the client's request for help. */
    @Post("/checkins/{id}/acknowledge")
    @Secured({Roles.COORDINATOR, Roles.VOLUNTEER_DEVICE})
    CheckinService.CheckinView acknowledge(Caller caller, @PathVariable UUID id) {
        return checkins.acknowledge(caller, id);
    }

    /** Recent requests for help: the organisation's (coordinator) or the kontaktperson's own clients'. */
    @Get("/alarms")
    @Secured({Roles.COORDINATOR, Roles.VOLUNTEER_DEVICE})
    List<CheckinService.AlarmView> alarms(Caller caller) {
        return checkins.alarms(caller);
    }

    @Get("/checkin-notifications")
    @Secured(Roles.VOLUNTEER_DEVICE)
    List<CheckinService.NotificationView> notifications(Caller caller) {
        return checkins.notifications(caller);
    }

    @Post("/checkin-notifications/{id}/read")
    @Status(HttpStatus.NO_CONTENT)
    @Secured(Roles.VOLUNTEER_DEVICE)
    void read(Caller caller, @PathVariable UUID id) {
        checkins.markRead(caller, id);
    }
}
