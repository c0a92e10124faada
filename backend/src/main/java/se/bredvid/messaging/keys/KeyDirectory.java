package se.bredvid.messaging.keys;

import io.micronaut.core.annotation.Nullable;
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

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
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

    private final PreKeyStore store;
    private final DeviceService devices;
    private final ConversationDirectory conversations;
    private final Clock clock;

    KeyDirectory(PreKeyStore store, DeviceService devices, ConversationDirectory conversations, Clock clock) {
        this.store = store;
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
        store.lockDevice(device);
        PreKeyStore.Newest newest = store.newest(device).orElse(null);
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
        store.publish(device, key.keyId(), key.publicKey(), key.signature(), now);
        return new Published(PreKeyView.of(key.keyId(), key.publicKey(), key.signature()), true);
    }

    /** The bundle of every member device of a conversation, for a member: whom to encrypt to. */
    @Transactional
    public List<DeviceBundle> bundles(Caller caller, UUID conversationId) {
        var members = conversations.requireMember(caller, conversationId, Access.OPEN);
        UUID[] ids = members.devices().stream().map(MemberDevice::deviceId).toArray(UUID[]::new);
        Map<UUID, PreKeyView> current = store.current(ids);
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
        return store.byId(deviceId, keyId).orElseThrow(() -> ProblemException.notFound("Pre-key"));
    }

    /** Retention: superseded public pre-keys older than {@code before} (superseded at least R + C ago). */
    @Transactional
    public int deleteSupersededBefore(Instant before) {
        return store.deleteSupersededBefore(before);
    }
}
