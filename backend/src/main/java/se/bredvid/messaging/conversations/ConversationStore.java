package se.bredvid.messaging.conversations;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.conversations.ConversationDirectory.Conversation;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The conversation table, for {@link ConversationDirectory} only. */
@Singleton
class ConversationStore {

    private static final String COLUMNS = "id, assignment_id, organisation_id, client_id, volunteer_id, opened_at, closed_at";

    private final JdbcOperations jdbc;

    ConversationStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Opens the assignment's conversation unless it has one (open or closed) already. */
    void insertIfAbsent(UUID assignmentId, UUID organisationId, UUID clientId, UUID volunteerId, Instant now) {
        jdbc.prepareStatement("""
                insert into conversation (id, assignment_id, organisation_id, client_id, volunteer_id, opened_at)
                values (?, ?, ?, ?, ?, ?) on conflict (assignment_id) do nothing""", ps -> {
            ps.setObject(1, UUID.randomUUID());
            ps.setObject(2, assignmentId);
            ps.setObject(3, organisationId);
            ps.setObject(4, clientId);
            ps.setObject(5, volunteerId);
            ps.setTimestamp(6, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    /** Closes the assignment's open conversation; empty if there was none open. */
    Optional<Conversation> close(UUID assignmentId, Instant now) {
        return jdbc.prepareStatement("update conversation set closed_at = ? "
                + "where assignment_id = ? and closed_at is null returning " + COLUMNS, ps -> {
            ps.setTimestamp(1, Timestamp.from(now));
            ps.setObject(2, assignmentId);
            ResultSet rs = ps.executeQuery();
            return rs.next() ? Optional.of(row(rs)) : Optional.<Conversation>empty();
        });
    }

    int deleteClosedBefore(Instant before) {
        return jdbc.prepareStatement("delete from conversation where closed_at < ?", ps -> {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
        });
    }

    Optional<Conversation> byId(UUID conversationId) {
        return one("select " + COLUMNS + " from conversation where id = ?", conversationId);
    }

    Optional<Conversation> byAssignment(UUID assignmentId) {
        return one("select " + COLUMNS + " from conversation where assignment_id = ?", assignmentId);
    }

    /** The organisation's conversation; with {@code share}, share-locked until the transaction ends (writers). */
    Optional<Conversation> ofOrganisation(UUID conversationId, UUID organisationId, boolean share) {
        return one("select " + COLUMNS + " from conversation where id = ? and organisation_id = ?"
                + (share ? " for share" : ""), conversationId, organisationId);
    }

    /** The open conversations of a client or a volunteer, oldest first. */
    List<Conversation> openOf(UUID organisationId, SubjectKind kind, UUID subjectId) {
        String column = kind == SubjectKind.CLIENT ? "client_id" : "volunteer_id";
        return many("select " + COLUMNS + " from conversation where organisation_id = ? and "
                + column + " = ? and closed_at is null order by opened_at, id", organisationId, subjectId);
    }

    List<Conversation> ofOrganisation(UUID organisationId) {
        return many("select " + COLUMNS + " from conversation where organisation_id = ?", organisationId);
    }

    /** The organisation's open conversations by assignment, with when their last message arrived. */
    Map<UUID, ConversationActivity.Activity> openActivity(UUID organisationId) {
        return jdbc.prepareStatement("""
                select c.assignment_id, c.id, c.opened_at, a.last_message_at
                from conversation c left join conversation_activity a on a.conversation_id = c.id
                where c.organisation_id = ? and c.closed_at is null""", ps -> {
            ps.setObject(1, organisationId);
            ResultSet rs = ps.executeQuery();
            Map<UUID, ConversationActivity.Activity> out = new HashMap<>();
            while (rs.next()) {
                Timestamp last = rs.getTimestamp(4);
                UUID assignment = rs.getObject(1, UUID.class);
                out.put(assignment, new ConversationActivity.Activity(assignment, rs.getObject(2, UUID.class),
                        rs.getTimestamp(3).toInstant(), last == null ? null : last.toInstant()));
            }
            return out;
        });
    }

    private Optional<Conversation> one(String sql, UUID... args) {
        return many(sql, args).stream().findFirst();
    }

    private List<Conversation> many(String sql, UUID... args) {
        return jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            ResultSet rs = ps.executeQuery();
            List<Conversation> out = new ArrayList<>();
            while (rs.next()) {
                out.add(row(rs));
            }
            return out;
        });
    }

    private static Conversation row(ResultSet rs) throws SQLException {
        Timestamp closed = rs.getTimestamp(7);
        return new Conversation(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getObject(3, UUID.class),
                rs.getObject(4, UUID.class), rs.getObject(5, UUID.class), rs.getTimestamp(6).toInstant(),
                closed == null ? null : closed.toInstant());
    }
}
