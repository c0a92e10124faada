package se.bredvid.notifications;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import se.bredvid.platform.FieldCipher;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Staff members' digest addresses ({@code staff_notification_email}): sealed at rest, bound to their row
 * ({@link NotificationsSealedColumns#EMAIL}), opened here only when a mail is sent or the owner reads it.
 */
@Singleton
class StaffEmailStore {

    /** An address as the digest locks it: its tenant's list and what it was last told. */
    record DigestAddress(UUID staffId, String audience, UUID tenantId, byte[] sealed, long announced) {
    }

    /** An address of a tenant, still sealed. */
    record Address(UUID staffId, byte[] sealed) {
    }

    private final JdbcOperations jdbc;
    private final FieldCipher cipher;

    StaffEmailStore(JdbcOperations jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    /** The staff member's address in clear, or null; with {@code forUpdate}, locked for the transaction. */
    String email(UUID staffId, boolean forUpdate) {
        byte[] sealed = jdbc.prepareStatement("select email_sealed from staff_notification_email where staff_id = ?"
                + (forUpdate ? " for update" : ""), ps -> {
            ps.setObject(1, staffId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? rs.getBytes(1) : null;
        });
        return sealed == null ? null : open(staffId, sealed);
    }

    /** False if there was no address. */
    boolean delete(UUID staffId) {
        return jdbc.prepareStatement("delete from staff_notification_email where staff_id = ?", ps -> {
            ps.setObject(1, staffId);
            return ps.executeUpdate();
        }) > 0;
    }

    /**
     * Sets the address. A new address has been told nothing yet: its watermark starts over, so the next digest
     * covers every open item. A failure count belonged to the old address.
     */
    void put(UUID staffId, Tenancy t, String email, Instant now) {
        jdbc.prepareStatement("""
                insert into staff_notification_email (staff_id, audience, organisation_id, municipality_id, email_sealed, updated_at)
                values (?, ?, ?, ?, ?, ?)
                on conflict (staff_id) do update set audience = excluded.audience,
                    organisation_id = excluded.organisation_id, municipality_id = excluded.municipality_id,
                    email_sealed = excluded.email_sealed, updated_at = excluded.updated_at,
                    announced_version = 0, last_sent_at = null, last_sent_count = null,
                    failed_attempts = 0, last_failed_at = null""", ps -> {
            ps.setObject(1, staffId);
            ps.setString(2, t.audience().name());
            ps.setObject(3, t.organisationId(), Types.OTHER);
            ps.setObject(4, t.municipalityId(), Types.OTHER);
            ps.setBytes(5, cipher.seal(email, StaffEmails.context(staffId)));
            ps.setTimestamp(6, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    /** Addresses with something new to announce: an open item newer than their watermark. */
    List<UUID> dueForDigest() {
        return jdbc.prepareStatement("""
                select e.staff_id from staff_notification_email e
                where exists (select 1 from staff_notification n
                              where n.audience = e.audience and n.tenant_id = e.tenant_id
                                and n.handled_at is null and n.version > e.announced_version)
                order by e.staff_id""", ps -> {
            ResultSet rs = ps.executeQuery();
            List<UUID> ids = new ArrayList<>();
            while (rs.next()) {
                ids.add(rs.getObject(1, UUID.class));
            }
            return ids;
        });
    }

    /** The address, locked; empty if another instance holds it (it is sending this digest right now). */
    Optional<DigestAddress> lockForDigest(UUID staffId) {
        return jdbc.prepareStatement("""
                select audience, tenant_id, email_sealed, announced_version from staff_notification_email
                where staff_id = ? for update skip locked""", ps -> {
            ps.setObject(1, staffId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(new DigestAddress(staffId, rs.getString(1), rs.getObject(2, UUID.class),
                    rs.getBytes(3), rs.getLong(4))) : Optional.<DigestAddress>empty();
        });
    }

    void digestFailed(UUID staffId, Instant now) {
        jdbc.prepareStatement("""
                update staff_notification_email set failed_attempts = failed_attempts + 1, last_failed_at = ?
                where staff_id = ?""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, staffId);
            return ps.executeUpdate();
        });
    }

    void digestSent(UUID staffId, long announcedVersion, long count, Instant now) {
        jdbc.prepareStatement("""
                update staff_notification_email set announced_version = ?, last_sent_at = ?, last_sent_count = ?,
                    failed_attempts = 0, last_failed_at = null
                where staff_id = ?""", ps -> {
            ps.setLong(1, announcedVersion);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setInt(3, (int) Math.min(Integer.MAX_VALUE, count));
            ps.setObject(4, staffId);
            return ps.executeUpdate();
        });
    }

    /** Every address of a tenant's staff, in staff order. */
    List<Address> ofTenant(String audience, UUID tenantId) {
        return jdbc.prepareStatement("""
                select staff_id, email_sealed from staff_notification_email
                where audience = ? and tenant_id = ? order by staff_id""", ps -> {
            ps.setString(1, audience);
            ps.setObject(2, tenantId);
            ResultSet rs = ps.executeQuery();
            List<Address> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Address(rs.getObject(1, UUID.class), rs.getBytes(2)));
            }
            return out;
        });
    }

    String open(UUID staffId, byte[] sealed) {
        return cipher.openString(sealed, StaffEmails.context(staffId));
    }
}
