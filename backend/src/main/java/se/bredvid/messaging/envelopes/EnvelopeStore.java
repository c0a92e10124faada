package se.bredvid.messaging.envelopes;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.protocol.Base64Url;
import se.bredvid.protocol.EnvelopeHeader;
import se.bredvid.protocol.WireEnvelope;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/** The envelope tables. Package-private: other modules go through {@link EnvelopeService}. */
@Singleton
class EnvelopeStore {

    /** Identifies one stored envelope (protocol §7). */
    record Key(UUID messageId, UUID recipientDeviceId) {
    }

    private static final String ENVELOPE_COLUMNS = "e.seq, e.received_at, e.conversation_id, e.sender_device_id, "
            + "e.recipient_device_id, e.message_id, e.sender_key_id, e.recipient_key_id, e.enc, e.ct";
    /** Envelopes of a closed conversation are never delivered again: closing ends access at once. */
    private static final String OPEN_ONLY = " join conversation c on c.id = e.conversation_id and c.closed_at is null ";

    private final JdbcOperations jdbc;

    EnvelopeStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Stores envelopes of one sender in one conversation and returns the sequence of each, in the caller's
     * transaction. An envelope already stored (same conversation, sender, message id and recipient) keeps
     * its original sequence and is not changed.
     *
     * <p>Sequences come from {@code device_queue} rows updated here and locked until commit, so for each
     * recipient they become visible in increasing order. The rows are locked in one fixed order (sorted
     * device ids) so that two batches never deadlock.
     */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Map<Key, Long> store(UUID conversationId, UUID senderDeviceId, List<WireEnvelope.Checked> envelopes, Instant now) {
        TreeMap<UUID, Integer> perRecipient = new TreeMap<>();
        for (WireEnvelope.Checked e : envelopes) {
            perRecipient.merge(e.header().recipientDeviceId(), 1, Integer::sum);
        }
        Map<Key, Long> stored = allocateAndInsert(conversationId, senderDeviceId, envelopes, perRecipient, now);
        List<Key> duplicates = new ArrayList<>();
        for (WireEnvelope.Checked e : envelopes) {
            Key k = new Key(e.header().messageId(), e.header().recipientDeviceId());
            if (!stored.containsKey(k)) {
                duplicates.add(k);
            }
        }
        if (!duplicates.isEmpty()) {
            // A retry: the numbers allocated for it stay unused (clients never infer loss from gaps).
            stored.putAll(existing(conversationId, senderDeviceId, duplicates));
        }
        return stored;
    }

    /**
     * One statement: reserves {@code count} numbers per recipient queue (rows locked in sorted order) and
     * inserts the envelopes under them; the k-th envelope of c for a device gets {@code last - (c - 1 - k)}.
     */
    private Map<Key, Long> allocateAndInsert(UUID conversationId, UUID senderDeviceId, List<WireEnvelope.Checked> envelopes,
                                             TreeMap<UUID, Integer> perRecipient, Instant now) {
        StringBuilder sql = new StringBuilder("with alloc as (insert into device_queue (device_id, last_seq) values ");
        for (int i = 0; i < perRecipient.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?::uuid, ?::bigint)");
        }
        sql.append(" on conflict (device_id) do update set last_seq = device_queue.last_seq + excluded.last_seq"
                + " returning device_id, last_seq),"
                + " batch (recipient_device_id, back, message_id, sender_key_id, recipient_key_id, enc, ct) as (values ");
        for (int i = 0; i < envelopes.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append("(?::uuid, ?::bigint, ?::uuid, ?::bigint, ?::bigint, ?::bytea, ?::bytea)");
        }
        sql.append(") " + """
                insert into envelope (recipient_device_id, seq, conversation_id, sender_device_id, message_id,
                                      sender_key_id, recipient_key_id, enc, ct, received_at)
                select b.recipient_device_id, a.last_seq - b.back, ?, ?, b.message_id, b.sender_key_id,
                       b.recipient_key_id, b.enc, b.ct, ?
                from batch b join alloc a on a.device_id = b.recipient_device_id
                on conflict (conversation_id, sender_device_id, message_id, recipient_device_id) do nothing
                returning message_id, recipient_device_id, seq""");
        Map<UUID, Integer> remaining = new HashMap<>(perRecipient);
        return jdbc.prepareStatement(sql.toString(), ps -> {
            int p = 1;
            for (var entry : perRecipient.entrySet()) {
                ps.setObject(p++, entry.getKey());
                ps.setLong(p++, entry.getValue());
            }
            for (WireEnvelope.Checked e : envelopes) {
                EnvelopeHeader h = e.header();
                int back = remaining.merge(h.recipientDeviceId(), -1, Integer::sum);
                ps.setObject(p++, h.recipientDeviceId());
                ps.setLong(p++, back);
                ps.setObject(p++, h.messageId());
                ps.setLong(p++, h.senderKeyId());
                ps.setLong(p++, h.recipientKeyId());
                ps.setBytes(p++, e.enc());
                ps.setBytes(p++, e.ct());
            }
            ps.setObject(p++, conversationId);
            ps.setObject(p++, senderDeviceId);
            ps.setTimestamp(p, Timestamp.from(now));
            ResultSet rs = ps.executeQuery();
            Map<Key, Long> out = new LinkedHashMap<>();
            while (rs.next()) {
                out.put(new Key(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)), rs.getLong(3));
            }
            return out;
        });
    }

    private Map<Key, Long> existing(UUID conversationId, UUID senderDeviceId, List<Key> keys) {
        return jdbc.prepareStatement("""
                select e.message_id, e.recipient_device_id, e.seq from envelope e
                join unnest(?::uuid[], ?::uuid[]) as k(message_id, recipient_device_id)
                  on e.message_id = k.message_id and e.recipient_device_id = k.recipient_device_id
                where e.conversation_id = ? and e.sender_device_id = ?""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", keys.stream().map(Key::messageId).toArray()));
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", keys.stream().map(Key::recipientDeviceId).toArray()));
            ps.setObject(3, conversationId);
            ps.setObject(4, senderDeviceId);
            ResultSet rs = ps.executeQuery();
            Map<Key, Long> out = new HashMap<>();
            while (rs.next()) {
                out.put(new Key(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)), rs.getLong(3));
            }
            return out;
        });
    }

    /** A device's queue after {@code since}, in sequence order, at most {@code limit} envelopes. */
    @Transactional(readOnly = true)
    List<Delivered> since(UUID deviceId, long since, int limit) {
        return jdbc.prepareStatement("select " + ENVELOPE_COLUMNS + " from envelope e" + OPEN_ONLY
                + "where e.recipient_device_id = ? and e.seq > ? order by e.seq limit ?", ps -> {
            ps.setObject(1, deviceId);
            ps.setLong(2, since);
            ps.setInt(3, limit);
            ResultSet rs = ps.executeQuery();
            List<Delivered> out = new ArrayList<>();
            while (rs.next()) {
                out.add(delivered(rs, 1));
            }
            return out;
        });
    }

    /** The queues of many devices after their cursors, in one round trip (live delivery). */
    @Transactional(readOnly = true)
    Map<UUID, List<Delivered>> since(Map<UUID, Long> cursors, int limitPerDevice) {
        if (cursors.isEmpty()) {
            return Map.of();
        }
        UUID[] devices = cursors.keySet().toArray(UUID[]::new);
        Long[] after = new Long[devices.length];
        for (int i = 0; i < devices.length; i++) {
            after[i] = cursors.get(devices[i]);
        }
        return jdbc.prepareStatement("select w.d, " + ENVELOPE_COLUMNS.replace("e.", "x.")
                + " from unnest(?::uuid[], ?::bigint[]) as w(d, s) cross join lateral (select e.* from envelope e"
                + OPEN_ONLY + "where e.recipient_device_id = w.d and e.seq > w.s order by e.seq limit ?) x"
                + " order by w.d, x.seq", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", devices));
            ps.setArray(2, ps.getConnection().createArrayOf("bigint", after));
            ps.setInt(3, limitPerDevice);
            ResultSet rs = ps.executeQuery();
            Map<UUID, List<Delivered>> out = new HashMap<>();
            while (rs.next()) {
                out.computeIfAbsent(rs.getObject(1, UUID.class), k -> new ArrayList<>()).add(delivered(rs, 2));
            }
            return out;
        });
    }

    /**
     * Records that a device has processed its queue up to {@code upTo}; never moves backwards.
     *
     * @return false if {@code upTo} is beyond the last sequence the device was given
     */
    @Transactional
    boolean ack(UUID deviceId, long upTo, Instant now) {
        return jdbc.prepareStatement("""
                update device_queue set acked_seq = greatest(acked_seq, ?), acked_at = ?
                where device_id = ? and last_seq >= ? returning 1""", ps -> {
            ps.setLong(1, upTo);
            ps.setTimestamp(2, Timestamp.from(now));
            ps.setObject(3, deviceId);
            ps.setLong(4, upTo);
            return ps.executeQuery().next();
        }) || upTo == 0;
    }

    /** Many acknowledgements at once (from live sockets); values beyond a device's last sequence are capped. */
    @Transactional
    void ackAll(Map<UUID, Long> upTo, Instant now) {
        if (upTo.isEmpty()) {
            return;
        }
        UUID[] devices = upTo.keySet().toArray(UUID[]::new);
        Long[] seqs = new Long[devices.length];
        for (int i = 0; i < devices.length; i++) {
            seqs[i] = upTo.get(devices[i]);
        }
        jdbc.prepareStatement("""
                update device_queue q set acked_seq = greatest(q.acked_seq, least(a.up_to, q.last_seq)), acked_at = ?
                from unnest(?::uuid[], ?::bigint[]) as a(device_id, up_to) where q.device_id = a.device_id""", ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setArray(2, ps.getConnection().createArrayOf("uuid", devices));
            ps.setArray(3, ps.getConnection().createArrayOf("bigint", seqs));
            return ps.executeUpdate();
        });
    }

    /** Retention: envelopes their recipient has acknowledged. */
    @Transactional
    int deleteAcknowledged() {
        return jdbc.prepareStatement("""
                delete from envelope e using device_queue q
                where q.device_id = e.recipient_device_id and e.seq <= q.acked_seq""", PreparedStatement::executeUpdate);
    }

    /** Retention: every envelope received before {@code before}, delivered or not. */
    @Transactional
    int deleteReceivedBefore(Instant before) {
        return jdbc.prepareStatement("delete from envelope where received_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }

    /** Retention: envelopes of closed conversations, which nobody can fetch any more. */
    @Transactional
    int deleteOfClosedConversations() {
        return jdbc.prepareStatement("""
                delete from envelope e using conversation c
                where c.id = e.conversation_id and c.closed_at is not null""", PreparedStatement::executeUpdate);
    }

    private static Delivered delivered(ResultSet rs, int at) throws SQLException {
        long seq = rs.getLong(at);
        long receivedAt = rs.getTimestamp(at + 1).toInstant().toEpochMilli();
        WireEnvelope envelope = new WireEnvelope(WireEnvelope.VERSION, rs.getObject(at + 2, UUID.class).toString(),
                rs.getObject(at + 3, UUID.class).toString(), rs.getObject(at + 4, UUID.class).toString(),
                rs.getObject(at + 5, UUID.class).toString(), rs.getLong(at + 6), rs.getLong(at + 7),
                Base64Url.encode(rs.getBytes(at + 8)), Base64Url.encode(rs.getBytes(at + 9)));
        return new Delivered(seq, receivedAt, envelope);
    }
}
