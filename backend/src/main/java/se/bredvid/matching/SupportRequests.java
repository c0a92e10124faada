package se.bredvid.matching;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.Caller;
import se.bredvid.notifications.StaffNotifications;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.notifications.StaffNotifications.Urgency;
import se.bredvid.platform.FieldCipher;
import se.bredvid.platform.ProblemException;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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

    private final JdbcOperations jdbc;
    private final FieldCipher cipher;
    private final StaffNotifications staff;
    private final AuditLog audit;
    private final Clock clock;

    SupportRequests(JdbcOperations jdbc, FieldCipher cipher, StaffNotifications staff, AuditLog audit, Clock clock) {
        this.jdbc = jdbc;
        this.cipher = cipher;
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
        jdbc.prepareStatement("""
                insert into support_request (id, organisation_id, volunteer_id, client_id, kind, text, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, org);
            ps.setObject(3, device.subjectId());
            ps.setObject(4, clientId);
            ps.setString(5, kind.name());
            ps.setBytes(6, note == null ? null : cipher.seal(note, context(id)));
            ps.setTimestamp(7, Timestamp.from(now));
            return ps.executeUpdate();
        });
        staff.notify(Audience.ORGANISATION, org, kind.worklistKind, "SUPPORT_REQUEST", id, kind.urgency);
        audit.record(device.actor(), "REQUEST_SUPPORT", "SUPPORT_REQUEST", id.toString());
        return new Received(id, kind, now);
    }

    /** The organisation's requests of the last 90 days, newest first (coordinators); the reading is audited. */
    @Transactional
    List<View> list(Caller coordinator) {
        UUID org = coordinator.requireOrganisation();
        List<View> out = jdbc.prepareStatement("""
                select id, volunteer_id, client_id, kind, text, created_at from support_request
                where organisation_id = ? and created_at > ? order by created_at desc limit 200""", ps -> {
            ps.setObject(1, org);
            ps.setTimestamp(2, Timestamp.from(clock.instant().minus(java.time.Duration.ofDays(90))));
            ResultSet rs = ps.executeQuery();
            List<View> list = new ArrayList<>();
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                byte[] sealed = rs.getBytes(5);
                list.add(new View(id, rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), Kind.valueOf(rs.getString(4)),
                        sealed == null ? null : cipher.openString(sealed, context(id)), rs.getTimestamp(6).toInstant()));
            }
            return list;
        });
        audit.record(coordinator.actor(), "READ", "SUPPORT_REQUESTS", org.toString());
        return out;
    }

    private boolean isOwnClient(UUID org, UUID volunteerId, UUID clientId) {
        return jdbc.prepareStatement("""
                select 1 from assignment where organisation_id = ? and volunteer_id = ? and client_id = ?
                  and state in ('ACTIVE', 'PAUSED', 'AWAITING_DECISION')""", ps -> {
            ps.setObject(1, org);
            ps.setObject(2, volunteerId);
            ps.setObject(3, clientId);
            return ps.executeQuery().next();
        });
    }
}
