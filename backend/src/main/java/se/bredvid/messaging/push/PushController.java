package se.bredvid.messaging.push;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Put;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import se.bredvid.platform.Redacted;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.platform.ProblemException;

@Controller("/api/push")
@ExecuteOn(TaskExecutors.BLOCKING)
@Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
class PushController {

    /** The W3C {@code PushSubscription.toJSON()} shape. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Subscribe(@NotNull @Size(max = 2048) String endpoint, @Nullable Long expirationTime, @NotNull @Valid Keys keys) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Keys(@NotNull @Size(max = 128) String p256dh, @NotNull @Size(max = 64) String auth) {
    }

    @Serdeable
    record VapidKey(String publicKey) {
    }

    private final PushSubscriptions subscriptions;

    PushController(PushSubscriptions subscriptions) {
        this.subscriptions = subscriptions;
    }

    /** The VAPID public key to subscribe with; 404 when this installation does not push. */
    @Get("/vapid-public-key")
    VapidKey vapidPublicKey() {
        return subscriptions.vapidPublicKey().map(VapidKey::new)
                .orElseThrow(() -> ProblemException.notFound("Push configuration"));
    }

    /** Registers or replaces the calling device's push subscription. */
    @Put("/subscription")
    @Status(HttpStatus.NO_CONTENT)
    void subscribe(Caller caller, @Body @Valid Subscribe body) {
        subscriptions.register(caller, body.endpoint(), body.keys().p256dh(), body.keys().auth());
    }

    @Delete("/subscription")
    @Status(HttpStatus.NO_CONTENT)
    void unsubscribe(Caller caller) {
        subscriptions.remove(caller);
    }
}
