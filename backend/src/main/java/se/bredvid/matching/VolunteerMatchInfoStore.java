package se.bredvid.matching;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import se.bredvid.platform.FieldCipher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** The volunteers' matching facts, sealed at rest ({@link MatchingSealedColumns#MATCH_INFO}). */
@Singleton
class VolunteerMatchInfoStore {

    private final JdbcOperations jdbc;
    private final FieldCipher cipher;
    private final JsonMapper json;

    VolunteerMatchInfoStore(JdbcOperations jdbc, FieldCipher cipher, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    /** Sets the volunteer's facts; a volunteer of another organisation keeps theirs. */
    void put(UUID volunteerId, UUID org, VolunteerMatchInfo info, Instant now) {
        byte[] sealed;
        try {
            sealed = cipher.seal(json.writeValueAsBytes(info), MatchingSealedColumns.MATCH_INFO.context(volunteerId));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        jdbc.prepareStatement("""
                insert into volunteer_match_info (volunteer_id, organisation_id, info, updated_at) values (?, ?, ?, ?)
                on conflict (volunteer_id) do update set info = excluded.info, updated_at = excluded.updated_at
                where volunteer_match_info.organisation_id = excluded.organisation_id""", ps -> {
            ps.setObject(1, volunteerId);
            ps.setObject(2, org);
            ps.setBytes(3, sealed);
            ps.setTimestamp(4, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    /** Every volunteer of the organisation that has matching facts. */
    Map<UUID, VolunteerMatchInfo> ofOrganisation(UUID org) {
        return jdbc.prepareStatement("select volunteer_id, info from volunteer_match_info where organisation_id = ?", ps -> {
            ps.setObject(1, org);
            ResultSet rs = ps.executeQuery();
            Map<UUID, VolunteerMatchInfo> out = new HashMap<>();
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                try {
                    out.put(id, json.readValue(cipher.open(rs.getBytes(2), MatchingSealedColumns.MATCH_INFO.context(id)),
                            Argument.of(VolunteerMatchInfo.class)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            return out;
        });
    }
}
