package se.bredvid.messaging.keys;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import se.bredvid.messaging.keys.KeyDirectory.PreKeyView;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The devices' signed pre-keys (public keys only), for {@link KeyDirectory}. */
@Singleton
class PreKeyStore {

    /** A device's newest pre-key, as published. */
    record Newest(long keyId, byte[] publicKey, byte[] signature) {
    }

    private final JdbcOperations jdbc;

    PreKeyStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** One upload per device at a time, so that "newest" and "current" cannot race: held until the transaction ends. */
    void lockDevice(UUID device) {
        jdbc.prepareStatement("select pg_advisory_xact_lock(?)", ps -> {
            ps.setLong(1, device.getMostSignificantBits() ^ device.getLeastSignificantBits());
            return ps.executeQuery().next();
        });
    }

    Optional<Newest> newest(UUID device) {
        return jdbc.prepareStatement("""
                select key_id, public_key, signature from signed_pre_key where device_id = ?
                order by key_id desc limit 1""", ps -> {
            ps.setObject(1, device);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(new Newest(rs.getLong(1), rs.getBytes(2), rs.getBytes(3))) : Optional.<Newest>empty();
        });
    }

    /** The key becomes the device's current one; the previous current one is superseded. */
    void publish(UUID device, long keyId, byte[] publicKey, byte[] signature, Instant now) {
        jdbc.prepareStatement("update signed_pre_key set superseded_at = ? where device_id = ? and superseded_at is null", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, device);
            return ps.executeUpdate();
        });
        jdbc.prepareStatement("""
                insert into signed_pre_key (device_id, key_id, public_key, signature, uploaded_at)
                values (?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, device);
            ps.setLong(2, keyId);
            ps.setBytes(3, publicKey);
            ps.setBytes(4, signature);
            ps.setTimestamp(5, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    /** The current pre-key of each of the devices that has one. */
    Map<UUID, PreKeyView> current(UUID[] devices) {
        return jdbc.prepareStatement("""
                select device_id, key_id, public_key, signature from signed_pre_key
                where device_id = any(?) and superseded_at is null""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", devices));
            ResultSet rs = ps.executeQuery();
            Map<UUID, PreKeyView> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getObject(1, UUID.class), PreKeyView.of(rs.getLong(2), rs.getBytes(3), rs.getBytes(4)));
            }
            return out;
        });
    }

    Optional<PreKeyView> byId(UUID device, long keyId) {
        return jdbc.prepareStatement("select public_key, signature from signed_pre_key where device_id = ? and key_id = ?", ps -> {
            ps.setObject(1, device);
            ps.setLong(2, keyId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(PreKeyView.of(keyId, rs.getBytes(1), rs.getBytes(2))) : Optional.<PreKeyView>empty();
        });
    }

    int deleteSupersededBefore(Instant before) {
        return jdbc.prepareStatement("delete from signed_pre_key where superseded_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }
}
