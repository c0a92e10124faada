package se.bredvid.matching;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.notifications.StaffNotifications;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.notifications.StaffNotifications.Urgency;
import se.bredvid.platform.ProblemException;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The kontaktperson is not alone either: from her phone she asks her coordinators for support or raises a
 * worry about her client. Each request is an item in the coordinators' worklist (a possible child at risk
 * is urgent: the organisation must consider an orosanmälan, seed 003:652); what she wrote is sealed.
 */
@Singleton
class SupportRequests {

    enum Kind {
        SUPPORT_NOW("VOLUNTEER_SUPPORT", Urgency.NORMAL),
        CALL_ME("VOLUNTEER_CALL", Urgency.NORMAL),
        WORRY_ABOUT_CLIENT("VOLUNTEER_WORRY", Urgency.NORMAL),
        CHILD_AT_RISK("CHILD_AT_RISK", Urgency.URGENT);

        final String worklistKind;
        final Urgency urgency;

        Kind(String worklistKind, Urgency urgency) {
            this.worklistKind = worklistKind;
            this.urgency = urgency;
        }
    }

    @Serdeable
    record Received(UUID id, Kind kind, Instant createdAt) {
    }

    @Serdeable
    record View(UUID id, UUID volunteerId, @Nullable UUID clientId, Kind kind, @Nullable String text, Instant createdAt) {
        @Override
        public String toString() {
            return "SupportRequest[" + id + ", " + kind + "]";
        }
    }

    private final SupportRequestStore store;
    private final AssignmentStore assignments;
    private final StaffNotifications staff;
    private final AuditLog audit;
    private final Clock clock;

    SupportRequests(SupportRequestStore store, AssignmentStore assignments, StaffNotifications staff, AuditLog audit,
                    Clock clock) {
        this.store = store;
        this.assignments = assignments;
        this.staff = staff;
        this.audit = audit;
        this.clock = clock;
    }

    static String context(UUID id) {
        return MatchingSealedColumns.SUPPORT_TEXT.context(id);
    }

    @Transactional
    Received create(Caller device, @Nullable Kind kind, @Nullable UUID clientId, @Nullable String text) {
        UUID org = device.requireOrganisation();
        if (kind == null) {
            throw ProblemException.invalid("kind", "is required: SUPPORT_NOW, CALL_ME, WORRY_ABOUT_CLIENT or CHILD_AT_RISK");
        }
        String note = text == null || text.isBlank() ? null : text.strip();
        if ((kind == Kind.WORRY_ABOUT_CLIENT || kind == Kind.CHILD_AT_RISK) && note == null) {
            throw ProblemException.invalid("text", "says what the worry is");
        }
        if (clientId != null && !isOwnClient(org, device.subjectId(), clientId)) {
            throw ProblemException.notFound("Client");
        }
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        store.insert(id, org, device.subjectId(), clientId, kind, note, now);
        staff.notify(Audience.ORGANISATION, org, kind.worklistKind, "SUPPORT_REQUEST", id, kind.urgency);
        audit.record(device.actor(), "REQUEST_SUPPORT", "SUPPORT_REQUEST", id.toString());
        return new Received(id, kind, now);
    }

    /** The organisation's requests of the last 90 days, newest first (coordinators); the reading is audited. */
    @Transactional
    List<View> list(Caller coordinator) {
        UUID org = coordinator.requireOrganisation();
        List<View> out = store.since(org, clock.instant().minus(java.time.Duration.ofDays(90)));
        audit.record(coordinator.actor(), "READ", "SUPPORT_REQUESTS", org.toString());
        return out;
    }

    private boolean isOwnClient(UUID org, UUID volunteerId, UUID clientId) {
        return assignments.isOwnClient(org, volunteerId, clientId);
    }
}
