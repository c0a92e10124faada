package se.bredvid.platform;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** Shared by the retention jobs: claim a batch of expired rows so that instances running at once share the work. */
public final class Gallring {

    private Gallring() {
    }

    /**
     * The ids a query selects, locked for the caller's transaction and skipped by any other instance.
     *
     * @param where a condition with one parameter, the cutoff ({@code updated_at < ?})
     */
    public static List<UUID> claim(JdbcOperations jdbc, String table, String where, String orderBy, Instant cutoff,
                                   int batch) {
        return jdbc.prepareStatement("select id from " + table + " where " + where + " order by " + orderBy
                + " limit ? for update skip locked", ps -> {
            ps.setTimestamp(1, Timestamp.from(cutoff));
            ps.setInt(2, batch);
            ResultSet rs = ps.executeQuery();
            List<UUID> out = new ArrayList<>();
            while (rs.next()) {
                out.add(rs.getObject(1, UUID.class));
            }
            return out;
        });
    }
}
