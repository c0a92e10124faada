package se.bredvid.messaging.conversations;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.security.annotation.Secured;
import io.micronaut.serde.annotation.Serdeable;
import se.bredvid.identity.Caller;
import se.bredvid.platform.Roles;
import se.bredvid.identity.SubjectKind;
import se.bredvid.matching.Assignments;
import se.bredvid.platform.ProblemException;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Controller("/api/conversations")
@ExecuteOn(TaskExecutors.BLOCKING)
class ConversationController {

    /**
     * What a member device needs to know of a conversation; the assignment behind it stays on the server. A
     * kontaktperson's device also gets the client's pseudonym (never more), to tell its conversations apart.
     */
    @Serdeable
    record ConversationView(UUID id, SubjectKind self, Instant openedAt, String clientPseudonym) {
    }

    private final ConversationDirectory directory;
    private final Assignments assignments;

    ConversationController(ConversationDirectory directory, Assignments assignments) {
        this.directory = directory;
        this.assignments = assignments;
    }

    /** The open conversations of the calling device's client or volunteer. */
    @Get
    @Secured({Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE})
    List<ConversationView> mine(Caller caller) {
        SubjectKind kind = ConversationDirectory.deviceKind(caller).orElseThrow(() -> ProblemException.forbidden("Devices only."));
        return directory.conversationsOf(caller.requireOrganisation(), kind, caller.subjectId()).stream()
                .map(c -> new ConversationView(c.id(), kind, c.openedAt(), kind == SubjectKind.VOLUNTEER
                        ? assignments.client(c.organisationId(), c.clientId()).map(Assignments.ClientSummary::pseudonym).orElse(null)
                        : null))
                .toList();
    }
}
