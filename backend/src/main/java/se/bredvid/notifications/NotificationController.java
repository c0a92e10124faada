package se.bredvid.notifications;

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
import io.micronaut.validation.Validated;
import se.bredvid.identity.Caller;
import se.bredvid.identity.Roles;

import java.util.List;
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
            return "EmailSetting[REDACTED]";
        }
    }

    private final NotificationService notifications;
    private final StaffEmails emails;

    NotificationController(NotificationService notifications, StaffEmails emails) {
        this.notifications = notifications;
        this.emails = emails;
    }

    @Get
    List<NotificationService.Item> open(Caller caller) {
        return notifications.open(caller);
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
