package se.bredvid.recruiting;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;

import java.sql.ResultSet;
import java.util.EnumMap;
import java.util.Map;
import java.util.UUID;

/** The state history of an organisation's volunteers, counted. Definitions: docs/recruiting.md. */
@Singleton
class FunnelStore {

    /** Completed stays in a state: how many, and their median length in seconds. */
    record Stays(long count, double medianSeconds) {
    }

    private final JdbcOperations jdbc;

    FunnelStore(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** Distinct volunteers who ever entered each state. */
    Map<VolunteerState, Long> reached(UUID org) {
        return counts("""
                select to_state, count(distinct volunteer_id) from volunteer_transition
                where organisation_id = ? group by to_state""", org);
    }

    /** Volunteers in each state now. */
    Map<VolunteerState, Long> current(UUID org) {
        return counts("select state, count(*) from volunteer where organisation_id = ? group by state", org);
    }

    /** Transitions from each state into the given terminal state. */
    Map<VolunteerState, Long> exitsTo(UUID org, VolunteerState terminal) {
        return jdbc.prepareStatement("""
                select from_state, count(*) from volunteer_transition
                where organisation_id = ? and to_state = ? group by from_state""", ps -> {
            ps.setObject(1, org);
            ps.setString(2, terminal.name());
            return read(ps.executeQuery());
        });
    }

    /**
     * Per state, the stays that have ended: from entering the state to the volunteer's next transition. A
     * volunteer who enters a state twice (ACTIVE, PAUSED, ACTIVE) has two stays in it.
     */
    Map<VolunteerState, Stays> completedStays(UUID org) {
        return jdbc.prepareStatement("""
                select to_state, count(*),
                       percentile_cont(0.5) within group (order by extract(epoch from next_at - at))
                from (select to_state, at, lead(at) over (partition by volunteer_id order by seq) as next_at
                      from volunteer_transition where organisation_id = ?) stays
                where next_at is not null group by to_state""", ps -> {
            ps.setObject(1, org);
            ResultSet rs = ps.executeQuery();
            Map<VolunteerState, Stays> map = new EnumMap<>(VolunteerState.class);
            while (rs.next()) {
                map.put(VolunteerState.valueOf(rs.getString(1)), new Stays(rs.getLong(2), rs.getDouble(3)));
            }
            return map;
        });
    }

    private Map<VolunteerState, Long> counts(String sql, UUID org) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, org);
            return read(ps.executeQuery());
        });
    }

    private static Map<VolunteerState, Long> read(ResultSet rs) throws java.sql.SQLException {
        Map<VolunteerState, Long> map = new EnumMap<>(VolunteerState.class);
        while (rs.next()) {
            map.put(VolunteerState.valueOf(rs.getString(1)), rs.getLong(2));
        }
        return map;
    }
}
