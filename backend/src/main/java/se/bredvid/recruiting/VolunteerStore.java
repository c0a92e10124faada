package se.bredvid.recruiting;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import se.bredvid.platform.Gallring;
import se.bredvid.platform.StateMachine;
import jakarta.inject.Singleton;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * Volunteers and their state history. Every read is scoped by organisation. The personal fields are sealed here
 * on the way in and opened here on the way out ({@link Seals}, the contexts of {@link RecruitingSealedColumns}):
 * callers see them in clear only.
 */
@Singleton
class VolunteerStore {

    record Transition(UUID id, UUID volunteerId, UUID organisationId, VolunteerState from, VolunteerState to,
                      Instant at, String actorKind, UUID actorId, String reason) {

        @Override
        public String toString() {
            return se.bredvid.platform.Redacted.keeping(this, id, from, to);
        }
    }

    private static final String COLUMNS = """
            id, organisation_id, state, state_since, name_sealed, email_sealed, phone_sealed, languages, region,
            municipality, availability, hours_per_month, max_clients, digital_support, availability_note_sealed,
            motivation_sealed, consent_version, consent_at, applied_at""";

    private final JdbcOperations jdbc;
    private final Seals seals;

    VolunteerStore(JdbcOperations jdbc, Seals seals) {
        this.jdbc = jdbc;
        this.seals = seals;
    }

    void insert(Volunteer v) {
        jdbc.prepareStatement("insert into volunteer (" + COLUMNS + ") values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", ps -> {
            ps.setObject(1, v.id());
            ps.setObject(2, v.organisationId());
            ps.setString(3, v.state().name());
            ps.setTimestamp(4, Timestamp.from(v.stateSince()));
            ps.setBytes(5, seals.seal(v.name(), Volunteer.NAME, v.id()));
            ps.setBytes(6, seals.seal(v.email(), Volunteer.EMAIL, v.id()));
            ps.setBytes(7, seals.seal(v.phone(), Volunteer.PHONE, v.id()));
            ps.setArray(8, ps.getConnection().createArrayOf("text", v.languages().toArray()));
            ps.setString(9, v.region());
            ps.setString(10, v.municipality());
            ps.setArray(11, ps.getConnection().createArrayOf("text", v.availability().toArray()));
            ps.setInt(12, v.hoursPerMonth());
            ps.setInt(13, v.maxClients());
            ps.setBoolean(14, v.digitalSupport());
            ps.setBytes(15, seals.seal(v.availabilityNote(), Volunteer.AVAILABILITY_NOTE, v.id()));
            ps.setBytes(16, seals.seal(v.motivation(), Volunteer.MOTIVATION, v.id()));
            ps.setString(17, v.consentVersion());
            ps.setTimestamp(18, Timestamp.from(v.consentAt()));
            ps.setTimestamp(19, Timestamp.from(v.appliedAt()));
            return ps.executeUpdate();
        });
    }

    Optional<Volunteer> find(UUID organisationId, UUID id) {
        return one("select " + COLUMNS + " from volunteer where organisation_id = ? and id = ?", organisationId, id);
    }

    /** The row, locked until the transaction ends, so that concurrent transitions queue up. */
    Optional<Volunteer> findForUpdate(UUID organisationId, UUID id) {
        return one("select " + COLUMNS + " from volunteer where organisation_id = ? and id = ? for update",
                organisationId, id);
    }

    Optional<VolunteerState> state(UUID organisationId, UUID id) {
        return find(organisationId, id).map(Volunteer::state);
    }

    List<Volunteer> list(UUID organisationId, VolunteerState stateOrNull) {
        String sql = "select " + COLUMNS + " from volunteer where organisation_id = ?"
                + (stateOrNull == null ? "" : " and state = ?") + " order by applied_at, id";
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, organisationId);
            if (stateOrNull != null) {
                ps.setString(2, stateOrNull.name());
            }
            return all(ps);
        });
    }

    /** The columns a list needs (no sealed free text), for the search below; the name is opened when asked for. */
    record Row(UUID id, VolunteerState state, Instant stateSince, Supplier<String> openName, List<String> languages,
               String region, String municipality, int maxClients, Instant appliedAt) {

        /** The name in clear, opened on each call. */
        String name() {
            return openName.get();
        }

        @Override
        public String toString() {
            return se.bredvid.platform.Redacted.keeping(this, id, state);
        }
    }

    /**
     * The organisation's volunteers narrowed by state, region and language in SQL (names are sealed, so the
     * name search and the name order happen in the service). Light columns only: a board of 2,000 rows.
     */
    List<Row> search(UUID organisationId, List<VolunteerState> statesOrEmpty, String regionOrNull, String languageOrNull) {
        StringBuilder sql = new StringBuilder("""
                select id, state, state_since, name_sealed, languages, region, municipality, max_clients, applied_at
                from volunteer where organisation_id = ?""");
        if (!statesOrEmpty.isEmpty()) {
            sql.append(" and state = any (?)");
        }
        if (regionOrNull != null) {
            sql.append(" and region = ?");
        }
        if (languageOrNull != null) {
            sql.append(" and ? = any (languages)");
        }
        sql.append(" order by applied_at, id");
        return jdbc.prepareStatement(sql.toString(), ps -> {
            int i = 1;
            ps.setObject(i++, organisationId);
            if (!statesOrEmpty.isEmpty()) {
                ps.setArray(i++, ps.getConnection().createArrayOf("text", statesOrEmpty.stream().map(Enum::name).toArray()));
            }
            if (regionOrNull != null) {
                ps.setString(i++, regionOrNull);
            }
            if (languageOrNull != null) {
                ps.setString(i, languageOrNull);
            }
            List<Row> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    UUID id = rs.getObject(1, UUID.class);
                    byte[] name = rs.getBytes(4);
                    rows.add(new Row(id, VolunteerState.valueOf(rs.getString(2)),
                            rs.getTimestamp(3).toInstant(), () -> seals.open(name, Volunteer.NAME, id),
                            strings(rs, "languages"), rs.getString(6), rs.getString(7), rs.getInt(8),
                            rs.getTimestamp(9).toInstant()));
                }
            }
            return rows;
        });
    }

    List<Volunteer> inStates(UUID organisationId, List<VolunteerState> states) {
        return jdbc.prepareStatement("select " + COLUMNS + " from volunteer where organisation_id = ? and state = any (?)"
                + " order by applied_at, id", ps -> {
            ps.setObject(1, organisationId);
            ps.setArray(2, ps.getConnection().createArrayOf("text", states.stream().map(Enum::name).toArray()));
            return all(ps);
        });
    }

    /**
     * The one way a volunteer's state changes: allowed by {@link VolunteerState}'s table, and only from the state
     * read under the row lock ({@code where state = ?}; 0 rows is a 409).
     */
    void transition(UUID id, VolunteerState from, VolunteerState to, Instant at) {
        StateMachine.require(from, to, "A volunteer");
        StateMachine.changed(jdbc.prepareStatement("update volunteer set state = ?, state_since = ? where id = ? and state = ?", ps -> {
            ps.setString(1, to.name());
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setObject(3, id);
            ps.setString(4, from.name());
            return ps.executeUpdate();
        }), "The volunteer");
    }

    /** Applications not taken on (withdrawn or not suitable) since before the cutoff, claimed (SKIP LOCKED). */
    List<UUID> claimNotTakenOn(Instant cutoff, int batch) {
        return Gallring.claim(jdbc, "volunteer", "state in ('WITHDRAWN', 'NOT_SUITABLE') and state_since < ?",
                "state_since", cutoff, batch);
    }

    /** The volunteer and every row of this module that names them. */
    void purge(UUID id) {
        for (String table : List.of("supervision_attendance", "training_attendance", "training_cohort_member",
                "background_check", "volunteer_interview", "volunteer_transition")) {
            delete("delete from " + table + " where volunteer_id = ?", id);
        }
        delete("delete from volunteer where id = ?", id);
    }

    private void delete(String sql, UUID id) {
        jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, id);
            return ps.executeUpdate();
        });
    }

    void insertTransition(Transition t) {
        jdbc.prepareStatement("""
                insert into volunteer_transition (id, volunteer_id, organisation_id, from_state, to_state, at, actor_kind,
                                                  actor_id, reason_sealed)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, t.id());
            ps.setObject(2, t.volunteerId());
            ps.setObject(3, t.organisationId());
            ps.setString(4, t.from() == null ? null : t.from().name());
            ps.setString(5, t.to().name());
            ps.setTimestamp(6, Timestamp.from(t.at()));
            ps.setString(7, t.actorKind());
            ps.setObject(8, t.actorId());
            ps.setBytes(9, seals.seal(t.reason(), Volunteer.TRANSITION_REASON, t.id()));
            return ps.executeUpdate();
        });
    }

    List<Transition> transitions(UUID organisationId, UUID volunteerId) {
        return jdbc.prepareStatement("""
                select id, volunteer_id, organisation_id, from_state, to_state, at, actor_kind, actor_id, reason_sealed
                from volunteer_transition where organisation_id = ? and volunteer_id = ? order by seq""", ps -> {
            ps.setObject(1, organisationId);
            ps.setObject(2, volunteerId);
            ResultSet rs = ps.executeQuery();
            List<Transition> list = new ArrayList<>();
            while (rs.next()) {
                String from = rs.getString(4);
                UUID id = rs.getObject(1, UUID.class);
                list.add(new Transition(id, rs.getObject(2, UUID.class),
                        rs.getObject(3, UUID.class), from == null ? null : VolunteerState.valueOf(from),
                        VolunteerState.valueOf(rs.getString(5)), rs.getTimestamp(6).toInstant(), rs.getString(7),
                        rs.getObject(8, UUID.class), seals.open(rs.getBytes(9), Volunteer.TRANSITION_REASON, id)));
            }
            return list;
        });
    }

    /** For each volunteer of the organisation, when it first entered the given state. */
    Map<UUID, Instant> firstEntered(UUID organisationId, VolunteerState state) {
        return jdbc.prepareStatement("""
                select volunteer_id, min(at) from volunteer_transition
                where organisation_id = ? and to_state = ? group by volunteer_id""", ps -> {
            ps.setObject(1, organisationId);
            ps.setString(2, state.name());
            ResultSet rs = ps.executeQuery();
            Map<UUID, Instant> map = new HashMap<>();
            while (rs.next()) {
                map.put(rs.getObject(1, UUID.class), rs.getTimestamp(2).toInstant());
            }
            return map;
        });
    }

    private Optional<Volunteer> one(String sql, UUID organisationId, UUID id) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, organisationId);
            ps.setObject(2, id);
            List<Volunteer> list = all(ps);
            return list.isEmpty() ? Optional.<Volunteer>empty() : Optional.of(list.get(0));
        });
    }

    private List<Volunteer> all(PreparedStatement ps) throws SQLException {
        List<Volunteer> list = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                list.add(map(rs));
            }
        }
        return list;
    }

    private Volunteer map(ResultSet rs) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        return new Volunteer(id, rs.getObject("organisation_id", UUID.class),
                VolunteerState.valueOf(rs.getString("state")), rs.getTimestamp("state_since").toInstant(),
                opener(rs.getBytes("name_sealed"), Volunteer.NAME, id),
                opener(rs.getBytes("email_sealed"), Volunteer.EMAIL, id),
                opener(rs.getBytes("phone_sealed"), Volunteer.PHONE, id),
                strings(rs, "languages"), rs.getString("region"), rs.getString("municipality"),
                strings(rs, "availability"), rs.getInt("hours_per_month"), rs.getInt("max_clients"),
                rs.getBoolean("digital_support"),
                opener(rs.getBytes("availability_note_sealed"), Volunteer.AVAILABILITY_NOTE, id),
                opener(rs.getBytes("motivation_sealed"), Volunteer.MOTIVATION, id), rs.getString("consent_version"),
                rs.getTimestamp("consent_at").toInstant(), rs.getTimestamp("applied_at").toInstant());
    }

    /** Opens a sealed field of the row when it is asked for, not before (a list seldom needs the free text). */
    private Supplier<String> opener(byte[] sealed, String field, UUID id) {
        return () -> seals.open(sealed, field, id);
    }

    private static List<String> strings(ResultSet rs, String column) throws SQLException {
        java.sql.Array array = rs.getArray(column);
        return array == null ? List.of() : Arrays.asList((String[]) array.getArray());
    }
}
