package se.bredvid.identity;

import se.bredvid.platform.Redacted;
import se.bredvid.platform.Roles;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import java.util.List;
import java.util.UUID;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
class DeviceController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record IssueCode(@NotNull SubjectKind kind, @NotNull UUID subjectId) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record PairRequest(@NotBlank @Size(max = 40) String code, @NotBlank @Size(max = 64) String identityKey,
                       @Size(max = 60) String label) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record ChallengeRequest(@NotNull UUID deviceId) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record SignInRequest(@NotNull UUID deviceId, @NotBlank @Size(max = 64) String nonce, long issuedAt,
                         @NotBlank @Size(max = 100) String signature) {
    }

    private final DeviceService devices;

    DeviceController(DeviceService devices) {
        this.devices = devices;
    }

    /** Issues a one-time pairing code for a client or volunteer of the coordinator's organisation. */
    @Post("/pairing-codes")
    @Status(HttpStatus.CREATED)
    @Secured(Roles.COORDINATOR)
    DeviceService.IssuedCode issueCode(Caller caller, @Body @Valid IssueCode body) {
        return devices.issueCode(caller, body.kind(), body.subjectId());
    }

    @Post("/devices/pair")
    @Status(HttpStatus.CREATED)
    @Secured(SecurityRule.IS_ANONYMOUS)
    DeviceService.Paired pair(@Body @Valid PairRequest body) {
        return devices.pair(DeviceService.normaliseCode(body.code()), body.identityKey(), body.label());
    }

    @Post("/devices/challenge")
    @Secured(SecurityRule.IS_ANONYMOUS)
    DeviceService.Challenge challenge(@Body @Valid ChallengeRequest body) {
        return devices.challenge(body.deviceId());
    }

    @Post("/devices/sign-in")
    @Secured(SecurityRule.IS_ANONYMOUS)
    TokenPair signIn(@Body @Valid SignInRequest body) {
        return devices.signIn(body.deviceId(), body.nonce(), body.issuedAt(), body.signature());
    }

    /** A coordinator lists the devices of a subject of the organisation. */
    @Get("/devices")
    @Secured(Roles.COORDINATOR)
    List<DeviceService.DeviceView> list(Caller caller, @QueryValue SubjectKind kind, @QueryValue UUID subjectId) {
        return devices.list(caller, kind, subjectId);
    }

    /** The holder lists their own devices. */
    @Get("/devices/mine")
    @Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    List<DeviceService.DeviceView> mine(Caller caller) {
        SubjectKind kind = caller.is(Roles.CLIENT_DEVICE) ? SubjectKind.CLIENT : SubjectKind.VOLUNTEER;
        return devices.list(caller, kind, caller.subjectId());
    }

    @Delete("/devices/{id}")
    @Status(HttpStatus.NO_CONTENT)
    @Secured({Roles.COORDINATOR, Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    void revoke(Caller caller, @PathVariable UUID id) {
        devices.revoke(caller, id);
    }

    /** Panic wipe: the device revokes itself. */
    @Delete("/devices/me")
    @Status(HttpStatus.NO_CONTENT)
    @Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    void revokeSelf(Caller caller) {
        devices.revoke(caller, caller.id());
    }
}
