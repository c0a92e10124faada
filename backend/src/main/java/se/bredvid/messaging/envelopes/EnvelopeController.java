package se.bredvid.messaging.envelopes;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import jakarta.inject.Named;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotNull;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.protocol.WireEnvelope;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;

@Controller("/api")
@Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
class EnvelopeController {

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record PostEnvelopes(List<WireEnvelope> envelopes) {
        @Override
        public String toString() {
            return "PostEnvelopes[" + (envelopes == null ? 0 : envelopes.size()) + "]";
        }
    }

    @Serdeable
    record Posted(List<EnvelopeService.Receipt> stored) {
    }

    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record Ack(@NotNull Long upTo) {
    }

    private final EnvelopeService envelopes;
    private final ExecutorService blocking;

    EnvelopeController(EnvelopeService envelopes, @Named(TaskExecutors.BLOCKING) ExecutorService blocking) {
        this.envelopes = envelopes;
        this.blocking = blocking;
    }

    /**
     * Stores envelopes for the devices of a conversation. The answer comes after the commit; a repeated
     * post of the same envelopes returns the sequences of the first. Runs on the event loop and holds no thread
     * while the group commits ({@link EnvelopeService#postAsync}); what may block runs on the blocking executor.
     */
    @Post("/conversations/{id}/envelopes")
    CompletableFuture<Posted> post(Caller caller, @PathVariable UUID id, @Body PostEnvelopes body) {
        CompletableFuture<Posted> out = new CompletableFuture<>();
        envelopes.postAsync(caller, id, body.envelopes(), blocking).whenComplete((stored, failed) -> {
            if (failed != null) {
                out.completeExceptionally(failed);
            } else {
                out.complete(new Posted(stored));
            }
        });
        return out;
    }

    /** The calling device's queue after {@code since}, oldest first. */
    @Get("/envelopes")
    @ExecuteOn(TaskExecutors.BLOCKING)
    EnvelopeService.Page sync(Caller caller, @QueryValue(defaultValue = "0") long since,
                              @QueryValue(defaultValue = "100") int limit) {
        return envelopes.sync(caller, since, limit);
    }

    /** The calling device has processed its queue up to {@code upTo} (delivered). */
    @Post("/envelopes/ack")
    @Status(HttpStatus.NO_CONTENT)
    @ExecuteOn(TaskExecutors.BLOCKING)
    void ack(Caller caller, @Body Ack body) {
        if (body.upTo() == null) {
            throw se.bredvid.platform.ProblemException.invalid("upTo", "is required");
        }
        envelopes.ack(caller, body.upTo());
    }
}
