package se.bredvid.messaging;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.testing.Fixtures;

import java.util.UUID;

/** Builds conversations the way the matching module will: through {@link ConversationDirectory}. */
@Singleton
@Requires(env = Environment.TEST)
public class ChatFixtures {

    /** An open conversation between one client device and one volunteer device of one organisation. */
    public record Chat(UUID organisationId, Fixtures.Staff coordinator, UUID assignmentId, UUID conversationId,
                       UUID clientId, UUID volunteerId, TestDevice client, TestDevice volunteer) {
    }

    private final Fixtures fx;
    private final ConversationDirectory directory;
    private final JsonMapper mapper;

    public ChatFixtures(Fixtures fx, ConversationDirectory directory, JsonMapper mapper) {
        this.fx = fx;
        this.directory = directory;
        this.mapper = mapper;
    }

    public Chat chat() {
        UUID org = fx.organisation();
        return chat(org, fx.coordinator(org));
    }

    public Chat chat(UUID org, Fixtures.Staff coordinator) {
        UUID client = UUID.randomUUID();
        UUID volunteer = UUID.randomUUID();
        TestDevice clientDevice = device(coordinator, SubjectKind.CLIENT, client);
        TestDevice volunteerDevice = device(coordinator, SubjectKind.VOLUNTEER, volunteer);
        UUID assignment = UUID.randomUUID();
        UUID conversation = directory.open(assignment, org, client, volunteer);
        return new Chat(org, coordinator, assignment, conversation, client, volunteer, clientDevice, volunteerDevice);
    }

    /** Another open conversation between the same two people (another assignment of theirs). */
    public UUID secondConversation(Chat chat) {
        return directory.open(UUID.randomUUID(), chat.organisationId(), chat.clientId(), chat.volunteerId());
    }

    /** A paired device with a published pre-key. */
    public TestDevice device(Fixtures.Staff coordinator, SubjectKind kind, UUID subjectId) {
        return TestDevice.pair(fx, coordinator, kind, subjectId, mapper);
    }

    public JsonMapper mapper() {
        return mapper;
    }
}
