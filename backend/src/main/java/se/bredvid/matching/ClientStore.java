package se.bredvid.matching;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import se.bredvid.platform.FieldCipher;
import se.bredvid.platform.StateMachine;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Clients under pseudonyms and the concerns they report: the SQL, binding and sealing (the intake profile, the
 * municipality contact, a report's text). A client's status changes only through {@link #transition}.
 */
@Singleton
class ClientStore {

    record Row(UUID id, UUID organisationId, String pseudonym, byte[] profile, ProtectionLevel protectionLevel,
               UUID municipalityId, byte[] municipalityContact, ClientStatus status, Instant waitingSince,
               Instant createdAt, String minorStepKind, LocalDate minorStepOn, byte[] minorStepNote, Instant minorStepAt) {
    }

    private final JdbcOperations jdbc;
    private final FieldCipher cipher;
    private final JsonMapper json;

    ClientStore(JdbcOperations jdbc, FieldCipher cipher, JsonMapper json) {
        this.jdbc = jdbc;
        this.cipher = cipher;
        this.json = json;
    }

    /** A new client, waiting from {@code now}. */
    void insert(UUID id, UUID org, String pseudonym, ClientIntake intake, Instant now) {
        jdbc.prepareStatement("""
                insert into client (id, organisation_id, pseudonym, profile, protection_level, municipality_id,
                                    municipality_contact, status, waiting_since, created_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, org);
            ps.setString(3, pseudonym);
            ps.setBytes(4, sealProfile(id, intake));
            ps.setString(5, ProtectionLevel.of(intake.protectionLevel(), intake.protectedIdentity()).name());
            ps.setObject(6, intake.municipalityId());
            ps.setBytes(7, cipher.seal(intake.municipalityContact(), MatchingSealedColumns.MUNICIPALITY_CONTACT.context(id)));
            ps.setString(8, ClientStatus.WAITING.name());
            ps.setTimestamp(9, Timestamp.from(now));
            ps.setTimestamp(10, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    void update(UUID id, ClientIntake intake) {
        jdbc.prepareStatement("update client set profile = ?, protection_level = ?, municipality_id = ?, municipality_contact = ? where id = ?", ps -> {
            ps.setBytes(1, sealProfile(id, intake));
            ps.setString(2, ProtectionLevel.of(intake.protectionLevel(), intake.protectedIdentity()).name());
            ps.setObject(3, intake.municipalityId());
            ps.setBytes(4, cipher.seal(intake.municipalityContact(), MatchingSealedColumns.MUNICIPALITY_CONTACT.context(id)));
            ps.setObject(5, id);
            return ps.executeUpdate();
        });
    }

    /**
     * Every change of a client's status: allowed by {@link ClientStatus}'s table, and only from the status read
     * ({@code where status = ?}; 0 rows is a 409). Back on the waiting list, the client keeps an earlier waiting
     * start if it has one; off the list, it has none.
     */
    void transition(UUID id, ClientStatus from, ClientStatus to, Instant now) {
        StateMachine.require(from, to, "A client");
        StateMachine.changed(jdbc.prepareStatement("update client set status = ?, waiting_since = case when ? = 'WAITING' then coalesce(waiting_since, ?) else null end where id = ? and status = ?", ps -> {
            ps.setString(1, to.name());
            ps.setString(2, to.name());
            ps.setTimestamp(3, Timestamp.from(now));
            ps.setObject(4, id);
            ps.setString(5, from.name());
            return ps.executeUpdate();
        }), "The client");
    }

    Optional<Row> byId(UUID org, UUID id) {
        return rows(org, "select * from client where organisation_id = ? and id = ?", id).stream().findFirst();
    }

    List<Row> waiting(UUID org) {
        return rows(org, "select * from client where organisation_id = ? and status = ?", ClientStatus.WAITING.name());
    }

    /**
     * The organisation's clients of a status (null: all) whose pseudonym matches a LIKE pattern (null: all), in
     * the given order, which comes from {@link ClientQuery}'s own list, never from a request's text.
     */
    List<Row> filtered(UUID org, String statusOrNull, String likeOrNull, String orderBy) {
        List<Object> args = new ArrayList<>();
        StringBuilder sql = new StringBuilder("select * from client where organisation_id = ?");
        if (statusOrNull != null) {
            sql.append(" and status = ?");
            args.add(statusOrNull);
        }
        if (likeOrNull != null) {
            sql.append(" and pseudonym ilike ?");
            args.add(likeOrNull);
        }
        sql.append(" order by ").append(orderBy);
        return rows(org, sql.toString(), args.toArray());
    }

    /** When each waiting client of the organisation started waiting, latest first. */
    List<Instant> waitingSince(UUID org) {
        return jdbc.prepareStatement(
                "select waiting_since from client where organisation_id = ? and status = ? order by waiting_since desc", ps -> {
                    ps.setObject(1, org);
                    ps.setString(2, ClientStatus.WAITING.name());
                    ResultSet rs = ps.executeQuery();
                    List<Instant> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(rs.getTimestamp(1).toInstant());
                    }
                    return out;
                });
    }

    boolean pseudonymTaken(UUID org, String pseudonym) {
        return jdbc.prepareStatement("select 1 from client where organisation_id = ? and pseudonym = ?", ps -> {
            ps.setObject(1, org);
            ps.setString(2, pseudonym);
            return ps.executeQuery().next();
        });
    }

    /** A step taken for a client aged 13-17 (the guardian's consent, socialtjänsten involved); the note sealed. */
    void recordMinorStep(UUID id, String kind, LocalDate on, String note, UUID by, Instant now) {
        jdbc.prepareStatement("""
                update client set minor_step_kind = ?, minor_step_on = ?, minor_step_note = ?, minor_step_by = ?,
                                  minor_step_at = ? where id = ?""", ps -> {
            ps.setString(1, kind);
            ps.setObject(2, on);
            ps.setBytes(3, cipher.seal(note, MatchingSealedColumns.MINOR_STEP_NOTE.context(id)));
            ps.setObject(4, by);
            ps.setTimestamp(5, Timestamp.from(now));
            ps.setObject(6, id);
            return ps.executeUpdate();
        });
    }

    void clearMinorStep(UUID id) {
        jdbc.prepareStatement("""
                update client set minor_step_kind = null, minor_step_on = null, minor_step_note = null, minor_step_by = null,
                                  minor_step_at = null where id = ?""", ps -> {
            ps.setObject(1, id);
            return ps.executeUpdate();
        });
    }

    String minorStepNote(Row row) {
        return cipher.openString(row.minorStepNote(), MatchingSealedColumns.MINOR_STEP_NOTE.context(row.id()));
    }

    ClientIntake intake(Row row) {
        return read(cipher.open(row.profile(), MatchingSealedColumns.PROFILE.context(row.id())), ClientIntake.class);
    }

    // ---- the client's reports of concern ------------------------------------------------------------

    void insertReport(UUID id, UUID org, UUID clientId, UUID assignmentId, String text, Instant now) {
        jdbc.prepareStatement("insert into client_report (id, organisation_id, client_id, assignment_id, text, created_at) values (?, ?, ?, ?, ?, ?)", ps -> {
            ps.setObject(1, id);
            ps.setObject(2, org);
            ps.setObject(3, clientId);
            ps.setObject(4, assignmentId);
            ps.setBytes(5, cipher.seal(text, MatchingSealedColumns.REPORT_TEXT.context(id)));
            ps.setTimestamp(6, Timestamp.from(now));
            return ps.executeUpdate();
        });
    }

    /** The organisation's reports nobody has handled yet, oldest first. */
    List<MatchingViews.Report> openReports(UUID org) {
        return jdbc.prepareStatement("""
                select r.id, r.client_id, c.pseudonym, r.assignment_id, r.text, r.created_at
                from client_report r join client c on c.id = r.client_id
                where r.organisation_id = ? and r.handled_at is null order by r.created_at""", ps -> {
            ps.setObject(1, org);
            ResultSet rs = ps.executeQuery();
            List<MatchingViews.Report> out = new ArrayList<>();
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                out.add(new MatchingViews.Report(id, rs.getObject(2, UUID.class), rs.getString(3),
                        rs.getObject(4, UUID.class), cipher.openString(rs.getBytes(5), MatchingSealedColumns.REPORT_TEXT.context(id)),
                        rs.getTimestamp(6).toInstant()));
            }
            return out;
        });
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private List<Row> rows(UUID org, String sql, Object... more) {
        return jdbc.prepareStatement(sql, ps -> {
            ps.setObject(1, org);
            for (int i = 0; i < more.length; i++) {
                ps.setObject(i + 2, more[i]);
            }
            ResultSet rs = ps.executeQuery();
            List<Row> out = new ArrayList<>();
            while (rs.next()) {
                out.add(new Row(rs.getObject("id", UUID.class), rs.getObject("organisation_id", UUID.class),
                        rs.getString("pseudonym"), rs.getBytes("profile"), ProtectionLevel.valueOf(rs.getString("protection_level")),
                        rs.getObject("municipality_id", UUID.class), rs.getBytes("municipality_contact"),
                        ClientStatus.valueOf(rs.getString("status")), instant(rs, "waiting_since"), instant(rs, "created_at"),
                        rs.getString("minor_step_kind"), rs.getObject("minor_step_on", LocalDate.class),
                        rs.getBytes("minor_step_note"), instant(rs, "minor_step_at")));
            }
            return out;
        });
    }

    private byte[] sealProfile(UUID id, ClientIntake intake) {
        try {
            return cipher.seal(json.writeValueAsBytes(intake), MatchingSealedColumns.PROFILE.context(id));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private <T> T read(byte[] bytes, Class<T> type) {
        try {
            return json.readValue(bytes, Argument.of(type));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
