package se.bredvid.messaging.keys;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.util.List;
import java.util.UUID;

@Controller("/api")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
class KeyController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record PublishPreKey(@NotNull Long keyId, @NotNull @Size(max = 64) String publicKey,
                         @NotNull @Size(max = 128) String signature) {
    }

    private final KeyDirectory keys;

    KeyController(KeyDirectory keys) {
        this.keys = keys;
    }

    /** Publishes the calling device's new signed pre-key (201), or confirms one already published (200). */
    @Post("/keys/pre-keys")
    HttpResponse<KeyDirectory.PreKeyView> publish(Caller caller, @Body @Valid PublishPreKey body) {
        var published = keys.publish(caller, body.keyId(), body.publicKey(), body.signature());
        return published.created() ? HttpResponse.created(published.preKey()) : HttpResponse.ok(published.preKey());
    }

    /** The key bundles of every member device of a conversation (members only). */
    @Get("/conversations/{id}/devices")
    List<KeyDirectory.DeviceBundle> bundles(Caller caller, @PathVariable UUID id) {
        return keys.bundles(caller, id);
    }

    /** One pre-key of a member device, current or recently superseded, to verify an envelope's sender key. */
    @Get("/conversations/{id}/devices/{deviceId}/pre-keys/{keyId}")
    KeyDirectory.PreKeyView preKey(Caller caller, @PathVariable UUID id, @PathVariable UUID deviceId,
                                   @PathVariable long keyId) {
        return keys.preKey(caller, id, deviceId, keyId);
    }
}
