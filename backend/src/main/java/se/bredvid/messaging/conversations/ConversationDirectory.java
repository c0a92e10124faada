package se.bredvid.messaging.conversations;

import se.bredvid.platform.Published;

import io.micronaut.context.event.ApplicationEventPublisher;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.identity.Caller;
import se.bredvid.identity.DeviceService;
import se.bredvid.platform.Roles;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.notify.DeviceSignals;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The conversations of assignments: the one public service other modules (matching, check-ins) use.
 * A conversation exists only while its assignment is active; its members are every active device of the
 * assignment's client and of its volunteer, resolved on every request so that revoking a device removes
 * it from every conversation at once.
 *
 * <p>Anyone who is not a member is told "not found": existence is not leaked (ARCHITECTURE.md, tenancy).
 */
@Singleton
@Published
public class ConversationDirectory {

    public record Conversation(UUID id, UUID assignmentId, UUID organisationId, UUID clientId, UUID volunteerId,
                               Instant openedAt, Instant closedAt) {
        public boolean isOpen() {
            return closedAt == null;
        }

        public UUID subject(SubjectKind kind) {
            return kind == SubjectKind.CLIENT ? clientId : volunteerId;
        }
    }

    /** A member device with the identity key it registered at pairing. */
    public record MemberDevice(UUID deviceId, SubjectKind kind, byte[] identityKey) {
        @Override
        public byte[] identityKey() {
            return identityKey.clone();
        }
    }

    /** A conversation as seen by one of its member devices. */
    public record Members(Conversation conversation, SubjectKind callerKind, List<MemberDevice> devices) {
        public Set<UUID> deviceIds() {
            return devices.stream().map(MemberDevice::deviceId).collect(Collectors.toUnmodifiableSet());
        }

        public Optional<MemberDevice> device(UUID deviceId) {
            return devices.stream().filter(d -> d.deviceId().equals(deviceId)).findFirst();
        }

        /** The devices of one side of the conversation. */
        public List<MemberDevice> devicesOf(SubjectKind kind) {
            return devices.stream().filter(d -> d.kind() == kind).toList();
        }
    }

    /** How a member means to use the conversation. */
    public enum Access {
        /** Read, even after the conversation was closed. */
        READ,
        /** Only while the conversation is open (409 once closed). */
        OPEN,
        /**
         * As {@link #OPEN}, and holds a share lock on the conversation until the caller's transaction ends,
         * so that {@link #close} waits for writes in flight and no write lands after the close commits.
         */
        WRITE
    }

    private final ConversationStore store;
    private final DeviceService devices;
    private final DeviceSignals signals;
    private final ApplicationEventPublisher<ConversationClosed> events;
    private final Clock clock;

    ConversationDirectory(ConversationStore store, DeviceService devices, DeviceSignals signals,
                          ApplicationEventPublisher<ConversationClosed> events, Clock clock) {
        this.store = store;
        this.devices = devices;
        this.signals = signals;
        this.events = events;
        this.clock = clock;
    }

    /**
     * Opens the conversation of an active assignment, or returns the one already open for it (idempotent).
     *
     * @throws ProblemException 409 if the assignment's conversation was closed (a closed conversation is
     *                          never reopened) or was opened with other parties
     */
    @Transactional
    public UUID open(UUID assignmentId, UUID organisationId, UUID clientId, UUID volunteerId) {
        Objects.requireNonNull(assignmentId, "assignmentId");
        Objects.requireNonNull(organisationId, "organisationId");
        Objects.requireNonNull(clientId, "clientId");
        Objects.requireNonNull(volunteerId, "volunteerId");
        store.insertIfAbsent(assignmentId, organisationId, clientId, volunteerId, clock.instant());
        Conversation c = byAssignment(assignmentId).orElseThrow();
        if (!c.organisationId().equals(organisationId) || !c.clientId().equals(clientId)
                || !c.volunteerId().equals(volunteerId)) {
            throw ProblemException.conflict("conversation-parties", "The assignment's conversation has other parties.");
        }
        if (!c.isOpen()) {
            throw ProblemException.conflict("conversation-closed", "The assignment's conversation is closed.");
        }
        return c.id();
    }

    /**
     * Closes the conversation of an assignment that ended: from the commit on, no envelope is accepted or
     * delivered, and the members' live sockets are closed. Idempotent.
     *
     * @return whether an open conversation was closed now
     */
    @Transactional
    public boolean close(UUID assignmentId) {
        Conversation closed = store.close(assignmentId, clock.instant()).orElse(null);
        if (closed == null) {
            return false;
        }
        events.publishEvent(new ConversationClosed(closed.id()));
        signals.conversationClosed(allMemberDevices(closed).stream().map(MemberDevice::deviceId).toList());
        return true;
    }

    /**
     * Retention: forgets conversations closed before {@code before} — who talked to whom is kept no longer
     * than the envelopes themselves (protocol §9). Their envelopes and check-ins go with them.
     */
    @Transactional
    public int deleteClosedBefore(Instant before) {
        return store.deleteClosedBefore(before);
    }

    /** A conversation by id, for server-side jobs (check-ins); requests use {@link #requireMember}. */
    @Transactional(readOnly = true)
    public Optional<Conversation> byId(UUID conversationId) {
        return store.byId(conversationId);
    }

    /** The active devices of one side of a conversation. */
    public List<MemberDevice> memberDevices(Conversation c, SubjectKind kind) {
        return devices.activeDevices(c.organisationId(), kind, c.subject(kind)).stream()
                .map(d -> new MemberDevice(d.id(), kind, d.identityKey()))
                .toList();
    }

    /** The active devices of both sides of a conversation. */
    public List<MemberDevice> allMemberDevices(Conversation c) {
        List<MemberDevice> all = new ArrayList<>();
        for (SubjectKind side : SubjectKind.values()) {
            all.addAll(memberDevices(c, side));
        }
        return all;
    }

    /** The open conversations of a client or a volunteer, oldest first. */
    @Transactional(readOnly = true)
    public List<Conversation> conversationsOf(UUID organisationId, SubjectKind kind, UUID subjectId) {
        return store.openOf(organisationId, kind, subjectId);
    }

    /** Every conversation of an organisation, open and closed (not yet deleted), for a coordinator's lists. */
    @Transactional(readOnly = true)
    public List<Conversation> ofOrganisation(UUID organisationId) {
        return store.ofOrganisation(organisationId);
    }

    @Transactional(readOnly = true)
    public Optional<Conversation> byAssignment(UUID assignmentId) {
        return store.byAssignment(assignmentId);
    }

    /** Which side of conversations a device caller is on; anyone else is no member of anything. */
    public static Optional<SubjectKind> deviceKind(Caller caller) {
        if (caller.kind() != Caller.Kind.DEVICE || caller.subjectId() == null) {
            return Optional.empty();
        }
        if (caller.is(Roles.CLIENT_DEVICE)) {
            return Optional.of(SubjectKind.CLIENT);
        }
        if (caller.is(Roles.VOLUNTEER_DEVICE)) {
            return Optional.of(SubjectKind.VOLUNTEER);
        }
        return Optional.empty();
    }

    /**
     * The conversation and its member devices, if the calling device is one of them.
     *
     * @throws ProblemException 404 if the caller is not a member device (or the conversation does not
     *                          exist); 409 if it is closed and {@code access} is not {@link Access#READ}
     */
    @Transactional
    public Members requireMember(Caller caller, UUID conversationId, Access access) {
        SubjectKind kind = deviceKind(caller).orElseThrow(() -> ProblemException.notFound("Conversation"));
        UUID org = caller.requireOrganisation();
        Conversation c = store.ofOrganisation(conversationId, org, access == Access.WRITE).orElse(null);
        if (c == null || !c.subject(kind).equals(caller.subjectId())) {
            throw ProblemException.notFound("Conversation");
        }
        List<MemberDevice> members = allMemberDevices(c);
        if (members.stream().noneMatch(m -> m.deviceId().equals(caller.id()))) {
            throw ProblemException.notFound("Conversation");
        }
        if (!c.isOpen() && access != Access.READ) {
            throw closedProblem();
        }
        return new Members(c, kind, List.copyOf(members));
    }

    public static ProblemException closedProblem() {
        return ProblemException.conflict("conversation-closed",
                "The conversation is closed: the assignment has ended.");
    }
}
