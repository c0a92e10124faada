package se.bredvid.messaging.envelopes;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import se.bredvid.identity.SubjectKind;
import se.bredvid.protocol.Base64Url;
import se.bredvid.protocol.EnvelopeHeader;
import se.bredvid.protocol.WireEnvelope;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The envelope tables. Package-private: other modules go through {@link EnvelopeService}. */
@Singleton
class EnvelopeStore {

    /** Identifies one stored envelope (protocol §7). */
    record Key(UUID messageId, UUID recipientDeviceId) {
    }

    /**
     * What one send stored: the sequence of each of its envelopes, and which of them this statement inserted
     * (the others were stored before, by an earlier attempt with the same message id, perhaps with other bytes).
     */
    record Stored(Map<Key, Long> seqs, Set<Key> inserted) {
    }

    private static final String ENVELOPE_COLUMNS = "e.seq, e.received_at, e.conversation_id, e.sender_device_id, "
            + "e.recipient_device_id, e.message_id, e.sender_key_id, e.recipient_key_id, e.enc, e.ct";
    /** Envelopes of a closed conversation are never delivered again: closing ends access at once. */
    private static final String OPEN_ONLY = " join conversation c on c.id = e.conversation_id and c.closed_at is null ";

    private final JdbcOperations jdbc;
    /** The pool itself, for {@link #storeAll(List, Instant)}: one statement in autocommit, outside any transaction. */
    private final DataSource pool;

    EnvelopeStore(JdbcOperations jdbc, DataSource dataSource) {
        this.jdbc = jdbc;
        this.pool = DelegatingDataSource.unwrapDataSource(dataSource);
    }

    /**
     * One send: the checked envelopes of one sender device into one conversation, with who the sender says it
     * is (the side and subject its token names). {@link #storeAll} checks the conversation side of that claim.
     */
    record Send(UUID conversationId, UUID organisationId, UUID senderDeviceId, SubjectKind senderKind,
                UUID senderSubjectId, List<WireEnvelope.Checked> envelopes) {
    }

    /**
     * Stores many sends in one statement, which is its own transaction (autocommit on a connection of the
     * pool): one round trip and one commit for all of them. Sends whose conversation is not open, not of the
     * sender's organisation or not the sender's subject's store nothing and answer {@code null}; the caller
     * finds out why through the checked path ({@link EnvelopeService}).
     */
    List<Stored> storeAll(List<Send> sends, Instant now) {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(true);
            return storeAll(c, sends, now);
        } catch (SQLException e) {
            throw new DataAccessException("storing envelopes failed: " + e.getSQLState(), e);
        }
    }

    /** {@link #storeAll(List, Instant)} inside the caller's transaction (the checked path). */
    @Transactional(propagation = TransactionDefinition.Propagation.MANDATORY)
    Map<Key, Long> storeInTransaction(Send send, Instant now) {
        return jdbc.execute(c -> {
            try {
                Stored stored = storeAll(c, List.of(send), now).get(0);
                return stored == null ? null : stored.seqs();
            } catch (SQLException e) {
                throw new DataAccessException("storing envelopes failed: " + e.getSQLState(), e);
            }
        });
    }

    /**
     * The statement. Each send's conversation is checked and share-locked (a close waits for the commit, and
     * no envelope lands after a close commits); the envelopes of the sends that pass reserve numbers in their
     * recipients' queues ({@code device_queue} rows upserted in sorted device order, so two statements never
     * deadlock) and are inserted under them: the k-th of c envelopes for a device in this statement gets
     * {@code last - (c - 1 - k)}, in the order of the sends. An envelope already stored (same conversation, sender, message id and recipient:
     * a retry) keeps its first sequence; the numbers reserved for it stay unused (clients never infer loss
     * from gaps). The last-message time is not written here: its rows would be locked in no fixed order by
     * concurrent statements ({@link #messagesAt}).
     */
    private static List<Stored> storeAll(Connection c, List<Send> sends, Instant now) throws SQLException {
        int rows = sends.stream().mapToInt(s -> s.envelopes().size()).sum();
        Integer[] sendIdx = new Integer[sends.size()];
        UUID[] conversations = new UUID[sends.size()];
        UUID[] organisations = new UUID[sends.size()];
        UUID[] senders = new UUID[sends.size()];
        String[] kinds = new String[sends.size()];
        UUID[] subjects = new UUID[sends.size()];
        Integer[] rowIdx = new Integer[rows];
        UUID[] recipients = new UUID[rows];
        UUID[] messages = new UUID[rows];
        Long[] senderKeys = new Long[rows];
        Long[] recipientKeys = new Long[rows];
        byte[][] encs = new byte[rows][];
        byte[][] cts = new byte[rows][];
        int r = 0;
        for (int i = 0; i < sends.size(); i++) {
            Send s = sends.get(i);
            sendIdx[i] = i;
            conversations[i] = s.conversationId();
            organisations[i] = s.organisationId();
            senders[i] = s.senderDeviceId();
            kinds[i] = s.senderKind().name();
            subjects[i] = s.senderSubjectId();
            for (WireEnvelope.Checked e : s.envelopes()) {
                EnvelopeHeader h = e.header();
                rowIdx[r] = i;
                recipients[r] = h.recipientDeviceId();
                messages[r] = h.messageId();
                senderKeys[r] = h.senderKeyId();
                recipientKeys[r] = h.recipientKeyId();
                encs[r] = e.enc();
                cts[r] = e.ct();
                r++;
            }
        }
        List<Stored> out = new ArrayList<>(sends.size());
        Map<StoredKey, Long> stored = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(STORE_ALL)) {
            int p = 1;
            ps.setArray(p++, c.createArrayOf("int4", sendIdx));
            ps.setArray(p++, c.createArrayOf("uuid", conversations));
            ps.setArray(p++, c.createArrayOf("uuid", organisations));
            ps.setArray(p++, c.createArrayOf("uuid", senders));
            ps.setArray(p++, c.createArrayOf("text", kinds));
            ps.setArray(p++, c.createArrayOf("uuid", subjects));
            ps.setArray(p++, c.createArrayOf("int4", rowIdx));
            ps.setArray(p++, c.createArrayOf("uuid", recipients));
            ps.setArray(p++, c.createArrayOf("uuid", messages));
            ps.setArray(p++, c.createArrayOf("int8", senderKeys));
            ps.setArray(p++, c.createArrayOf("int8", recipientKeys));
            ps.setArray(p++, c.createArrayOf("bytea", encs));
            ps.setArray(p++, c.createArrayOf("bytea", cts));
            ps.setTimestamp(p, Timestamp.from(now));
            boolean[] passed = new boolean[sends.size()];
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    if (rs.getInt(1) == 0) {
                        passed[rs.getInt(2)] = true;
                    } else {
                        stored.put(new StoredKey(rs.getObject(3, UUID.class), rs.getObject(4, UUID.class),
                                new Key(rs.getObject(5, UUID.class), rs.getObject(6, UUID.class))), rs.getLong(7));
                    }
                }
            }
            for (int i = 0; i < sends.size(); i++) {
                out.add(passed[i] ? receipts(c, sends.get(i), stored) : null);
            }
        }
        return out;
    }

    /**
     * Records that these conversations had a message at {@code at}, in autocommit, rows locked in sorted order
     * (a no-op upsert still locks its row). Kept to ten minutes (match support counts days), so a chatting
     * pair's row is rewritten at most every ten minutes.
     */
    void messagesAt(java.util.Collection<UUID> conversationIds, Instant at) {
        if (conversationIds.isEmpty()) {
            return;
        }
        UUID[] ids = conversationIds.stream().sorted().toArray(UUID[]::new);
        try (Connection c = pool.getConnection(); PreparedStatement ps = c.prepareStatement("""
                insert into conversation_activity (conversation_id, last_message_at)
                select u.id, ?::timestamptz from unnest(?::uuid[]) as u(id) join conversation c on c.id = u.id order by u.id
                on conflict (conversation_id) do update set last_message_at = excluded.last_message_at
                where conversation_activity.last_message_at < excluded.last_message_at - interval '10 minutes'""")) {
            c.setAutoCommit(true);
            ps.setTimestamp(1, Timestamp.from(at));
            ps.setArray(2, c.createArrayOf("uuid", ids));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new DataAccessException("recording conversation activity failed: " + e.getSQLState(), e);
        }
    }

    /** A stored envelope's identity across the sends of one statement. */
    private record StoredKey(UUID conversationId, UUID senderDeviceId, Key key) {
    }

    private static final String STORE_ALL = """
            with s (idx, conversation_id, organisation_id, sender_device_id, sender_kind, sender_subject_id) as (
                select * from unnest(?::int4[], ?::uuid[], ?::uuid[], ?::uuid[], ?::text[], ?::uuid[])),
            ok as (
                select s.idx, s.conversation_id, s.sender_device_id
                from s join conversation c on c.id = s.conversation_id
                where c.organisation_id = s.organisation_id and c.closed_at is null
                  and case s.sender_kind when 'CLIENT' then c.client_id else c.volunteer_id end = s.sender_subject_id
                for share of c),
            e (ord, idx, recipient_device_id, message_id, sender_key_id, recipient_key_id, enc, ct) as (
                select u.ord, u.idx, u.recipient_device_id, u.message_id, u.sender_key_id, u.recipient_key_id, u.enc, u.ct
                from unnest(?::int4[], ?::uuid[], ?::uuid[], ?::int8[], ?::int8[], ?::bytea[], ?::bytea[])
                     with ordinality as u (idx, recipient_device_id, message_id, sender_key_id, recipient_key_id, enc, ct, ord)),
            v as (
                select e.*, ok.conversation_id, ok.sender_device_id,
                       count(*) over (partition by e.recipient_device_id)
                           - row_number() over (partition by e.recipient_device_id order by e.ord) as back
                from e join ok on ok.idx = e.idx),
            alloc as (
                insert into device_queue (device_id, last_seq)
                select recipient_device_id, count(*) from v group by recipient_device_id order by recipient_device_id
                on conflict (device_id) do update set last_seq = device_queue.last_seq + excluded.last_seq
                returning device_id, last_seq),
            stored as (
                insert into envelope (recipient_device_id, seq, conversation_id, sender_device_id, message_id,
                                      sender_key_id, recipient_key_id, enc, ct, received_at)
                select v.recipient_device_id, a.last_seq - v.back, v.conversation_id, v.sender_device_id, v.message_id,
                       v.sender_key_id, v.recipient_key_id, v.enc, v.ct, ?
                from v join alloc a on a.device_id = v.recipient_device_id
                order by v.ord
                on conflict (conversation_id, sender_device_id, message_id, recipient_device_id) do nothing
                returning conversation_id, sender_device_id, message_id, recipient_device_id, seq)
            select 0, ok.idx, null::uuid, null::uuid, null::uuid, null::uuid, null::int8 from ok
            union all
            select 1, null, conversation_id, sender_device_id, message_id, recipient_device_id, seq from stored""";

    /** The sequences of one send's envelopes: stored now, or (a retry) stored before. */
    private static Stored receipts(Connection c, Send send, Map<StoredKey, Long> stored) throws SQLException {
        Map<Key, Long> out = new LinkedHashMap<>();
        Set<Key> inserted = new HashSet<>();
        List<Key> earlier = new ArrayList<>();
        for (WireEnvelope.Checked e : send.envelopes()) {
            Key k = new Key(e.header().messageId(), e.header().recipientDeviceId());
            Long seq = stored.get(new StoredKey(send.conversationId(), send.senderDeviceId(), k));
            if (seq == null) {
                earlier.add(k);
            } else {
                out.put(k, seq);
                inserted.add(k);
            }
        }
        if (!earlier.isEmpty()) {
            out.putAll(existing(c, send.conversationId(), send.senderDeviceId(), earlier));
        }
        return new Stored(out, inserted);
    }

    private static Map<Key, Long> existing(Connection c, UUID conversationId, UUID senderDeviceId, List<Key> keys)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                select e.message_id, e.recipient_device_id, e.seq from envelope e
                join unnest(?::uuid[], ?::uuid[]) as k(message_id, recipient_device_id)
                  on e.message_id = k.message_id and e.recipient_device_id = k.recipient_device_id
                where e.conversation_id = ? and e.sender_device_id = ?""")) {
            ps.setArray(1, c.createArrayOf("uuid", keys.stream().map(Key::messageId).toArray()));
            ps.setArray(2, c.createArrayOf("uuid", keys.stream().map(Key::recipientDeviceId).toArray()));
            ps.setObject(3, conversationId);
            ps.setObject(4, senderDeviceId);
            Map<Key, Long> out = new HashMap<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(new Key(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)), rs.getLong(3));
                }
            }
            return out;
        }
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
        // The rows are locked in sorted order, as the statement that stores envelopes locks them: never a deadlock.
        jdbc.prepareStatement("""
                with a as (select * from unnest(?::uuid[], ?::bigint[]) as a(device_id, up_to)),
                locked as (select q.device_id from device_queue q join a on a.device_id = q.device_id
                           order by q.device_id for update of q)
                update device_queue q set acked_seq = greatest(q.acked_seq, least(a.up_to, q.last_seq)), acked_at = ?
                from a join locked l on l.device_id = a.device_id where q.device_id = a.device_id""", ps -> {
            ps.setArray(1, ps.getConnection().createArrayOf("uuid", devices));
            ps.setArray(2, ps.getConnection().createArrayOf("bigint", seqs));
            ps.setTimestamp(3, Timestamp.from(now));
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
