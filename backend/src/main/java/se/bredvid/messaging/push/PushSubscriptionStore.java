package se.bredvid.messaging.push;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;

import java.net.URI;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.UUID;

/** The push_subscription table. */
@Singleton
class PushSubscriptionStore {

    record Stored(UUID deviceId, PushSubscription subscription) {
    }

    private final JdbcOperations jdbc;

    PushSubscriptionStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    @Transactional
    void put(UUID deviceId, PushSubscription s, Instant now) {
        jdbc.prepareStatement("""
                insert into push_subscription (device_id, endpoint, p256dh, auth, created_at) values (?, ?, ?, ?, ?)
                on conflict (device_id) do update set endpoint = excluded.endpoint, p256dh = excluded.p256dh,
                    auth = excluded.auth, created_at = excluded.created_at, last_push_at = null""", ps -> {
            ps.setObject(1, deviceId);
            ps.setString(2, s.endpoint().toString());
            ps.setBytes(3, s.p256dh());
            ps.setBytes(4, s.auth());
            ps.setTimestamp(5, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    @Transactional
    boolean delete(UUID deviceId) {
        return jdbc.prepareStatement("delete from push_subscription where device_id = ?", ps -> {
            ps.setObject(1, deviceId);
            return ps.executeUpdate() > 0;
        });
    }

    /** Deletes a subscription the push service called gone, unless the device registered a new one since. */
    @Transactional
    void deleteIfUnchanged(UUID deviceId, URI endpoint) {
        jdbc.prepareStatement("delete from push_subscription where device_id = ? and endpoint = ?", ps -> {
            ps.setObject(1, deviceId);
            ps.setString(2, endpoint.toString());
            return ps.executeUpdate();
        });
    }

    @Transactional
    void pushed(UUID deviceId, Instant at) {
        jdbc.prepareStatement("update push_subscription set last_push_at = ? where device_id = ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setObject(2, deviceId);
            return ps.executeUpdate();
        });
    }

    @Transactional(readOnly = true)
    List<Stored> of(Collection<UUID> deviceIds) {
        return jdbc.prepareStatement("""
                select device_id, endpoint, p256dh, auth from push_subscription where device_id = any(?)""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", deviceIds.toArray()));
            ResultSet rs = ps.executeQuery();
            List<Stored> out = new ArrayList<>();
            while (rs.next()) {
                try {
                    out.add(new Stored(rs.getObject(1, UUID.class),
                            new PushSubscription(URI.create(rs.getString(2)), rs.getBytes(3), rs.getBytes(4))));
                } catch (RuntimeException stale) {
                    // A row that no longer passes the checks is skipped, never sent to.
                }
            }
            return out;
        });
    }
}
