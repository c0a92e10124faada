package se.bredvid.messaging.keys;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.identity.Caller;
import se.bredvid.identity.DeviceService;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.messaging.conversations.ConversationDirectory.Access;
import se.bredvid.messaging.conversations.ConversationDirectory.MemberDevice;
import se.bredvid.protocol.Base64Url;
import se.bredvid.protocol.SignedPreKey;
import se.bredvid.platform.ProblemException;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The key directory (docs/protocol.md §2, §8): devices publish signed X25519 pre-keys, verified against
 * the identity key they registered at pairing; members of a conversation fetch each other's bundles.
 * Only public keys ever reach the server.
 */
@Singleton
public class KeyDirectory {

    @Serdeable
    public record PreKeyView(long keyId, String publicKey, String signature) {
        static PreKeyView of(long keyId, byte[] publicKey, byte[] signature) {
            return new PreKeyView(keyId, Base64Url.encode(publicKey), Base64Url.encode(signature));
        }
    }

    /** What a sender needs to encrypt to a device: its identity key and its current signed pre-key. */
    @Serdeable
    public record DeviceBundle(UUID deviceId, SubjectKind kind, String identityKey, @Nullable PreKeyView preKey) {
    }

    public record Published(PreKeyView preKey, boolean created) {
    }

    private final JdbcOperations jdbc;
    private final DeviceService devices;
    private final ConversationDirectory conversations;
    private final Clock clock;

    KeyDirectory(JdbcOperations jdbc, DeviceService devices, ConversationDirectory conversations, Clock clock) {
        this.jdbc = jdbc;
        this.devices = devices;
        this.conversations = conversations;
        this.clock = clock;
    }

    /**
     * Publishes a new signed pre-key of the calling device; it becomes the device's current pre-key and the
     * previous one is superseded (kept for R + C, then deleted by the retention job). Pre-key ids must
     * increase: an id, once used, is never accepted for another key. Publishing the same key again
     * changes nothing (a retried upload).
     */
    @Transactional
    public Published publish(Caller caller, long keyId, String publicKey, String signature) {
        SubjectKind kind = ConversationDirectory.deviceKind(caller).orElseThrow(() -> ProblemException.notFound("Device"));
        byte[] identityKey = devices.activeDevices(caller.requireOrganisation(), kind, caller.subjectId()).stream()
                .filter(d -> d.id().equals(caller.id())).findFirst()
                .map(DeviceService.ActiveDevice::identityKey)
                .orElseThrow(() -> ProblemException.notFound("Device"));
        SignedPreKey key = SignedPreKey.fromWire(keyId, publicKey, signature).requireSignedBy(identityKey);
        UUID device = caller.id();
        // One upload per device at a time, so that "newest" and "current" cannot race.
        jdbc.prepareStatement("select pg_advisory_xact_lock(?)", ps -> {
            ps.setLong(1, device.getMostSignificantBits() ^ device.getLeastSignificantBits());
            return ps.executeQuery().next();
        });
        record Existing(long keyId, byte[] publicKey, byte[] signature) {
        }
        Existing newest = jdbc.prepareStatement("""
                select key_id, public_key, signature from signed_pre_key where device_id = ?
                order by key_id desc limit 1""", ps -> {
            ps.setObject(1, device);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? new Existing(rs.getLong(1), rs.getBytes(2), rs.getBytes(3)) : null;
        });
        if (newest != null && newest.keyId() == key.keyId()) {
            if (Arrays.equals(newest.publicKey(), key.publicKey()) && Arrays.equals(newest.signature(), key.signature())) {
                return new Published(PreKeyView.of(key.keyId(), key.publicKey(), key.signature()), false);
            }
            throw ProblemException.conflict("pre-key-id-used", "This pre-key id is already used for another key.");
        }
        if (newest != null && key.keyId() < newest.keyId()) {
            throw ProblemException.conflict("pre-key-id-used",
                    "Pre-key ids must increase; the newest published id is " + newest.keyId() + ".");
        }
        Instant now = clock.instant();
        jdbc.prepareStatement("update signed_pre_key set superseded_at = ? where device_id = ? and superseded_at is null", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, device);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("""
                insert into signed_pre_key (device_id, key_id, public_key, signature, uploaded_at)
                values (?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, device);
            ps.setLong(2, key.keyId());
            ps.setBytes(3, key.publicKey());
            ps.setBytes(4, key.signature());
            ps.setTimestamp(5, Timestamp.from(now));
            return ps.executeUpdate();
        });
        return new Published(PreKeyView.of(key.keyId(), key.publicKey(), key.signature()), true);
    }

    /** The bundle of every member device of a conversation, for a member: whom to encrypt to. */
    @Transactional
    public List<DeviceBundle> bundles(Caller caller, UUID conversationId) {
        var members = conversations.requireMember(caller, conversationId, Access.OPEN);
        UUID[] ids = members.devices().stream().map(MemberDevice::deviceId).toArray(UUID[]::new);
        Map<UUID, PreKeyView> current = jdbc.prepareStatement("""
                select device_id, key_id, public_key, signature from signed_pre_key
                where device_id = any(?) and superseded_at is null""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", ids));
            ResultSet rs = ps.executeQuery();
            Map<UUID, PreKeyView> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getObject(1, UUID.class), PreKeyView.of(rs.getLong(2), rs.getBytes(3), rs.getBytes(4)));
            }
            return out;
        });
        return members.devices().stream()
                .map(d -> new DeviceBundle(d.deviceId(), d.kind(), Base64Url.encode(d.identityKey()), current.get(d.deviceId())))
                .toList();
    }

    /**
     * A member device's pre-key by id, current or superseded within R + C: a recipient verifies the
     * sender's pre-key named in an envelope before opening it (protocol §4).
     */
    @Transactional
    public PreKeyView preKey(Caller caller, UUID conversationId, UUID deviceId, long keyId) {
        var members = conversations.requireMember(caller, conversationId, Access.OPEN);
        if (members.device(deviceId).isEmpty()) {
            throw ProblemException.notFound("Pre-key");
        }
        return jdbc.prepareStatement("select public_key, signature from signed_pre_key where device_id = ? and key_id = ?", ps -> {
            ps.setObject(1, deviceId);
            ps.setLong(2, keyId);
            ResultSet rs = ps.executeQuery();
            if (!rs.next()) {
                throw ProblemException.notFound("Pre-key");
            }
            return PreKeyView.of(keyId, rs.getBytes(1), rs.getBytes(2));
        });
    }

    /** Retention: superseded public pre-keys older than {@code before} (superseded at least R + C ago). */
    @Transactional
    public int deleteSupersededBefore(Instant before) {
        return jdbc.prepareStatement("delete from signed_pre_key where superseded_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }
}
