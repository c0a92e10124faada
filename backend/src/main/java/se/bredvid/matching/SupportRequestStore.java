package se.bredvid.matching;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import se.bredvid.matching.SupportRequests.Kind;
import se.bredvid.matching.SupportRequests.View;
import se.bredvid.platform.FieldCipher;

import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** A kontaktperson's requests for support, the text sealed at rest ({@link MatchingSealedColumns#SUPPORT_TEXT}). */
@Singleton
class SupportRequestStore {

    private final JdbcOperations jdbc;
    private final FieldCipher cipher;

    SupportRequestStore(JdbcOperations jdbc, FieldCipher cipher) {
        this.jdbc = jdbc;
        this.cipher = cipher;
    }

    void insert(UUID id, UUID org, UUID volunteerId, UUID clientId, Kind kind, String noteOrNull, Instant now) {
        jdbc.prepareStatement("""
                insert into support_request (id, organisation_id, volunteer_id, client_id, kind, text, created_at)
                values (?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, org);
            ps.setObject(3, volunteerId);
            ps.setObject(4, clientId);
            ps.setString(5, kind.name());
            ps.setBytes(6, noteOrNull == null ? null : cipher.seal(noteOrNull, SupportRequests.context(id)));
            ps.setTimestamp(7, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    /** The organisation's requests made after {@code from}, newest first, at most 200. */
    List<View> since(UUID org, Instant from) {
        return jdbc.prepareStatement("""
                select id, volunteer_id, client_id, kind, text, created_at from support_request
                where organisation_id = ? and created_at > ? order by created_at desc limit 200""", ps -> {
            ps.setObject(1, org);
            ps.setTimestamp(2, Timestamp.from(from));
            ResultSet rs = ps.executeQuery();
            List<View> list = new ArrayList<>();
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                byte[] sealed = rs.getBytes(5);
                list.add(new View(id, rs.getObject(2, UUID.class), rs.getObject(3, UUID.class), Kind.valueOf(rs.getString(4)),
                        sealed == null ? null : cipher.openString(sealed, SupportRequests.context(id)), rs.getTimestamp(6).toInstant()));
            }
            return list;
        });
    }
}
