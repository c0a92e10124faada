package se.bredvid.notifications;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.sse.Event;
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
import io.micronaut.validation.Validated;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;
import se.bredvid.platform.Redacted;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

@Controller("/api/notifications")
@ExecuteOn(TaskExecutors.BLOCKING)
@Validated
@Secured({Roles.COORDINATOR, Roles.HANDLAGGARE})
class NotificationController {

    /** The signed-in staff member's own digest address; null means no e-mail. */
    @Serdeable
    @JsonIgnoreProperties(ignoreUnknown = false)
    record EmailSetting(@Nullable String email) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    private final NotificationService notifications;
    private final StaffEmails emails;

    private final StreamConfig streamConfig;

    NotificationController(NotificationService notifications, StaffEmails emails, StreamConfig streamConfig) {
        this.notifications = notifications;
        this.emails = emails;
        this.streamConfig = streamConfig;
    }

    @Get
    List<NotificationService.Item> open(Caller caller) {
        return notifications.open(caller);
    }

    /**
     * Live changes of the caller's worklist as server-sent events: a {@code changed} event with a counter
     * whenever an item is raised, handled or escalated (on any instance), and a {@code ping} now and then.
     * The events carry no item: the desk fetches the list again. The stream ends after
     * {@code bredvid.notifications.stream.max-age} (default the access token's lifetime); the desk then
     * reconnects with a fresh token, so a revoked session stops listening.
     */
    @Get(value = "/stream", produces = MediaType.TEXT_EVENT_STREAM)
    Publisher<Event<Map<String, Long>>> stream(Caller caller) {
        notifications.changes(caller);
        long pingEvery = Math.max(1, streamConfig.ping().toMillis() / streamConfig.poll().toMillis());
        long[] last = {-1};
        long[] quiet = {0};
        return Flux.interval(Duration.ZERO, streamConfig.poll())
                .onBackpressureDrop()
                .take(streamConfig.maxAge())
                .publishOn(Schedulers.boundedElastic())
                .<Event<Map<String, Long>>>handle((tick, sink) -> {
                    long now = notifications.changes(caller);
                    if (now != last[0]) {
                        last[0] = now;
                        quiet[0] = 0;
                        sink.next(Event.of(Map.of("changes", now)).name("changed"));
                    } else if (++quiet[0] >= pingEvery) {
                        quiet[0] = 0;
                        sink.next(Event.of(Map.of("changes", now)).name("ping"));
                    }
                });
    }

    /** 204 also when the item was already handled (by a colleague, or by the module that raised it). */
    @Post("/{id}/done")
    @Status(HttpStatus.NO_CONTENT)
    void done(Caller caller, @PathVariable UUID id) {
        notifications.done(caller, id);
    }

    @Get("/email")
    EmailSetting email(Caller caller) {
        return new EmailSetting(emails.get(caller));
    }

    @Put("/email")
    EmailSetting setEmail(Caller caller, @Body EmailSetting body) {
        return new EmailSetting(emails.set(caller, body.email()));
    }
}
