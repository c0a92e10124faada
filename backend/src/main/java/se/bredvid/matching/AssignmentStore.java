package se.bredvid.matching;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import se.bredvid.audit.AuditLog;
import se.bredvid.matching.Assignments.AssignmentView;
import se.bredvid.matching.Assignments.EndReason;
import se.bredvid.matching.Assignments.Kind;
import se.bredvid.matching.Assignments.State;
import se.bredvid.matching.engine.EndedForCause;
import se.bredvid.platform.StateMachine;

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

/**
 * Assignments and their history ({@code assignment}, {@code assignment_transition}). An assignment's state changes
 * only through {@link #transition}, which asks {@link State}'s table (the rules that also depend on the kind and on
 * who asks are {@link AssignmentLifecycle#refusal}'s, checked by the service first).
 */
@Singleton
class AssignmentStore {

    private static final String VIEW = "select a.*, c.pseudonym from assignment a join client c on c.id = a.client_id";

    /** One page of a filtered list and how many matched in all. */
    record Page(List<AssignmentView> items, long total) {
    }

    private final JdbcOperations jdbc;

    AssignmentStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, UUID org, UUID clientId, UUID volunteerId, Kind kind, Instant now) {
        jdbc.prepareStatement("insert into assignment (id, organisation_id, client_id, volunteer_id, kind, state, created_at) values (?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, org);
            ps.setObject(3, clientId);
            ps.setObject(4, volunteerId);
            ps.setString(5, kind.name());
            ps.setString(6, State.PROPOSED.name());
            ps.setTimestamp(7, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    /**
     * Every change of an assignment's state, with what goes with it: an end's reason, whether it ended for cause
     * (the pair is never proposed again) and when; the first activation's time. Only from the state read under
     * the row lock ({@code where state = ?}; 0 rows is a 409).
     */
    void transition(UUID id, State from, State to, EndReason reason, boolean forCause, Instant now) {
        StateMachine.require(from, to, "An assignment");
        StateMachine.changed(jdbc.prepareStatement("""
                update assignment set state = ?, end_reason = ?, for_cause = ?, ended_at = ?,
                       activated_at = coalesce(activated_at, ?) where id = ? and state = ?""", ps -> {
            ps.setString(1, to.name());
            ps.setString(2, to == State.ENDED ? reason.name() : null);
            ps.setBoolean(3, forCause);
            ps.setTimestamp(4, to == State.ENDED ? Timestamp.from(now) : null);
            ps.setTimestamp(5, to == State.ACTIVE ? Timestamp.from(now) : null);
            ps.setObject(6, id);
            ps.setString(7, from.name());
            return ps.executeUpdate();
        }), "The assignment");
    }

    void history(UUID assignmentId, State from, State to, AuditLog.Actor actor, String note, Instant now) {
        jdbc.prepareStatement("insert into assignment_transition (assignment_id, from_state, to_state, actor_kind, actor_id, reason, at) values (?, ?, ?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, assignmentId);
            ps.setString(2, from == null ? null : from.name());
            ps.setString(3, to.name());
            ps.setString(4, actor.kind().name());
            ps.setObject(5, actor.id());
            ps.setString(6, note);
            ps.setTimestamp(7, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    // ---- reading ---------------------------------------------------------------------------------------

    Optional<AssignmentView> find(UUID org, UUID id) {
        return views(VIEW + " where a.organisation_id = ? and a.id = ?", org, id).stream().findFirst();
    }

    Optional<AssignmentView> locked(UUID org, UUID id) {
        return views(VIEW + " where a.organisation_id = ? and a.id = ? for update of a", org, id).stream().findFirst();
    }

    Optional<AssignmentView> openOfClient(UUID org, UUID clientId) {
        return views(VIEW + " where a.organisation_id = ? and a.client_id = ? and a.state <> 'ENDED'", org, clientId)
                .stream().findFirst();
    }

    List<AssignmentView> activeOfVolunteer(UUID org, UUID volunteerId) {
        return views(VIEW + " where a.organisation_id = ? and a.volunteer_id = ? and a.state = 'ACTIVE'", org, volunteerId);
    }

    /**
     * The organisation's assignments filtered by state, kind and a LIKE pattern on the pseudonym (each null: any),
     * in the given order (from the service's own list, never a request's text), and paged when {@code size} is set.
     */
    Page page(UUID org, State state, Kind kind, String pseudonymLike, String orderBy, Integer page, Integer size) {
        List<Object> args = new ArrayList<>();
        args.add(org);
        StringBuilder where = new StringBuilder(" from assignment a join client c on c.id = a.client_id where a.organisation_id = ?");
        if (state != null) {
            where.append(" and a.state = ?");
            args.add(state.name());
        }
        if (kind != null) {
            where.append(" and a.kind = ?");
            args.add(kind.name());
        }
        if (pseudonymLike != null) {
            where.append(" and c.pseudonym ilike ?");
            args.add(pseudonymLike);
        }
        long total = jdbc.prepareStatement("select count(*)" + where, ps -> {
            for (int i = 0; i < args.size(); i++) {
                ps.setObject(i + 1, args.get(i));
            }
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        });
        String sql = "select a.*, c.pseudonym" + where + " order by " + orderBy
                + (size == null ? "" : " limit " + size + " offset " + ((long) (page == null ? 0 : page) * size));
        return new Page(views(sql, args.toArray()), total);
    }

    long countActiveOfVolunteer(UUID org, UUID volunteerId) {
        return jdbc.prepareStatement("select count(*) from assignment where organisation_id = ? and volunteer_id = ? and state = 'ACTIVE'", ps -> {
            ps.setObject(1, org);
            ps.setObject(2, volunteerId);
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        });
    }

    /** Open (not ended) assignments per volunteer of the organisation. */
    Map<UUID, Integer> openPerVolunteer(UUID org) {
        return jdbc.prepareStatement("select volunteer_id, count(*) from assignment where organisation_id = ? and state <> 'ENDED' group by volunteer_id", ps -> {
            ps.setObject(1, org);
            ResultSet rs = ps.executeQuery();
            Map<UUID, Integer> out = new HashMap<>();
            while (rs.next()) {
                out.put(rs.getObject(1, UUID.class), rs.getInt(2));
            }
            return out;
        });
    }

    EndedForCause endedForCause(UUID org) {
        return jdbc.prepareStatement("select client_id, volunteer_id from assignment where organisation_id = ? and for_cause", ps -> {
            ps.setObject(1, org);
            ResultSet rs = ps.executeQuery();
            List<EndedForCause.Pair> pairs = new ArrayList<>();
            while (rs.next()) {
                pairs.add(new EndedForCause.Pair(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class)));
            }
            return EndedForCause.of(pairs);
        });
    }

    /** A volunteer's active and paused clients, by pseudonym only, in the order they started. */
    List<MatchingViews.MyClient> clientsOfVolunteer(UUID org, UUID volunteerId) {
        return jdbc.prepareStatement("""
                select a.id, a.client_id, c.pseudonym, a.state from assignment a join client c on c.id = a.client_id
                where a.organisation_id = ? and a.volunteer_id = ? and a.state in ('ACTIVE', 'PAUSED') order by a.activated_at""", ps -> {
            ps.setObject(1, org);
            ps.setObject(2, volunteerId);
            ResultSet rs = ps.executeQuery();
            List<MatchingViews.MyClient> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new MatchingViews.MyClient(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getString(4)));
            }
            return out;
        });
    }

    /** Whether the volunteer has (or awaits a decision on) an open assignment with the client. */
    boolean isOwnClient(UUID org, UUID volunteerId, UUID clientId) {
        return jdbc.prepareStatement("""
                select 1 from assignment where organisation_id = ? and volunteer_id = ? and client_id = ?
                  and state in ('ACTIVE', 'PAUSED', 'AWAITING_DECISION')""", ps -> {
            ps.setObject(1, org);
            ps.setObject(2, volunteerId);
            ps.setObject(3, clientId);
            return ps.executeQuery().next();
        });
    }

    // ---- match support and overview ------------------------------------------------------------------

    /** Organisations with an ACTIVE or PAUSED assignment. */
    List<UUID> organisationsWithOpenPairs() {
        return jdbc.prepareStatement("select distinct organisation_id from assignment where state in ('ACTIVE', 'PAUSED')", ps -> {
            ResultSet rs = ps.executeQuery();
            List<UUID> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
            return out;
        });
    }

    /** The organisation's ACTIVE and PAUSED pairs, with what match support needs of them (no kind or end). */
    List<AssignmentView> openPairs(UUID org) {
        return jdbc.prepareStatement("""
                select a.id, a.client_id, c.pseudonym, a.volunteer_id, a.state, a.created_at, a.activated_at
                from assignment a join client c on c.id = a.client_id
                where a.organisation_id = ? and a.state in ('ACTIVE', 'PAUSED')""", ps -> {
            ps.setObject(1, org);
            ResultSet rs = ps.executeQuery();
            List<AssignmentView> out = new ArrayList<>();
            while (rs.next()) {
                Timestamp activated = rs.getTimestamp(7);
                out.add(new AssignmentView(rs.getObject(1, UUID.class), org, rs.getObject(2, UUID.class),
                        rs.getString(3), rs.getObject(4, UUID.class), null,
                        State.valueOf(rs.getString(5)), null, rs.getTimestamp(6).toInstant(),
                        activated == null ? null : activated.toInstant(), null));
            }
            return out;
        });
    }

    /** Assignments of the organisation activated and not yet ended at {@code at}. */
    long activeAt(UUID org, Instant at) {
        return jdbc.prepareStatement("""
                select count(*) from assignment where organisation_id = ? and activated_at is not null
                and activated_at <= ? and (ended_at is null or ended_at > ?)""", ps -> {
            ps.setObject(1, org);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setTimestamp(3, Timestamp.from(at));
            ResultSet rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        });
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private List<AssignmentView> views(String sql, Object... args) {
        return jdbc.prepareStatement(sql, ps -> {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            return viewsOf(ps.executeQuery());
        });
    }

    private static List<AssignmentView> viewsOf(ResultSet rs) throws SQLException {
        List<AssignmentView> out = new ArrayList<>();
        while (rs.next()) {
            String reason = rs.getString("end_reason");
            out.add(new AssignmentView(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                    rs.getObject("client_id", UUID.class), rs.getString("pseudonym"), rs.getObject("volunteer_id", UUID.class),
                    Kind.valueOf(rs.getString("kind")), State.valueOf(rs.getString("state")),
                    reason == null ? null : EndReason.valueOf(reason), ClientStore.instant(rs, "created_at"),
                    ClientStore.instant(rs, "activated_at"), ClientStore.instant(rs, "ended_at")));
        }
        return out;
    }
}
