package se.bredvid.recruiting;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.sql.Connection;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class InterviewIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> tx;

    Recruits recruits;
    Fixtures.Staff coordinator;

    @BeforeAll
    void setUp() {
        recruits = new Recruits(fx, clock);
        coordinator = fx.coordinator(fx.organisation());
    }

    private String path(UUID id) {
        return "/api/recruiting/volunteers/" + id + "/interviews";
    }

    @Test
    void anInterviewKeepsTheStructuredAssessmentAndTheNotes() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.INTERVIEW_BOOKED);
        var body = recruits.interview();
        body.put("interviewers", List.of("Eva Samordnare", "Maria Volontärsamordnare"));
        body.put("suitability", "UNCERTAIN");
        assertEquals(201, fx.api.post(path(id), coordinator.accessToken(), body).status());
        var list = fx.api.get(path(id), coordinator.accessToken());
        assertEquals(200, list.status());
        var interview = list.json().get(0);
        assertEquals(recruits.today().toString(), interview.get("heldOn").getStringValue());
        assertEquals(2, interview.get("interviewers").size());
        assertEquals("Maria Volontärsamordnare", interview.get("interviewers").get(1).getStringValue());
        assertEquals(5, interview.get("motivation").getIntValue());
        assertEquals(3, interview.get("timeAvailable").getIntValue());
        assertEquals(4, interview.get("understanding").getIntValue());
        assertEquals("UNCERTAIN", interview.get("suitability").getStringValue());
        assertEquals(body.get("notes"), interview.get("notes").getStringValue());
        assertEquals(coordinator.id().toString(), interview.get("recordedBy").getStringValue());
    }

    @Test
    void interviewNotesAndInterviewersAreEncryptedAtRest() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.INTERVIEW_BOOKED);
        var body = recruits.interview();
        String notes = "Berättade om sin bror " + UUID.randomUUID();
        body.put("notes", notes);
        body.put("interviewers", List.of("Hemlig Intervjuare"));
        assertEquals(201, fx.api.post(path(id), coordinator.accessToken(), body).status());
        String raw = tx.executeRead(s -> jdbc.prepareStatement(
                "select string_agg(row_to_json(i)::text, '') from volunteer_interview i where volunteer_id = ?", ps -> {
                    ps.setObject(1, id);
                    var rs = ps.executeQuery();
                    rs.next();
                    return rs.getString(1);
                }));
        assertFalse(raw.contains("Berättade") || raw.contains("Hemlig"), raw);
        assertFalse(raw.contains(java.util.HexFormat.of().formatHex(notes.getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        assertTrue(raw.contains("\"suitability\":\"SUITABLE\""), "the structured assessment stays countable");
    }

    @Test
    void anInterviewInTheFutureIsRefused() {
        UUID id = recruits.apply(coordinator);
        var body = recruits.interview();
        body.put("heldOn", recruits.today().plusDays(3).toString());
        var r = fx.api.post(path(id), coordinator.accessToken(), body);
        assertEquals(400, r.status());
        assertTrue(r.body().contains("\"field\":\"heldOn\""), r.body());
    }

    @Test
    void aScoreOutsideOneToFiveIsRefused() {
        UUID id = recruits.apply(coordinator);
        var body = recruits.interview();
        body.put("understanding", 6);
        var r = fx.api.post(path(id), coordinator.accessToken(), body);
        assertEquals(400, r.status());
        assertTrue(r.body().contains("\"field\":\"understanding\""), r.body());
    }

    @Test
    void overLongNotesAreRefused() {
        UUID id = recruits.apply(coordinator);
        var body = recruits.interview();
        body.put("notes", "n".repeat(10_001));
        var r = fx.api.post(path(id), coordinator.accessToken(), body);
        assertEquals(400, r.status());
        assertTrue(r.body().contains("\"field\":\"notes\""), r.body());
    }

    @Test
    void anInterviewWithoutInterviewersIsRefused() {
        UUID id = recruits.apply(coordinator);
        var body = recruits.interview();
        body.put("interviewers", List.of());
        assertEquals(400, fx.api.post(path(id), coordinator.accessToken(), body).status());
    }

    @Test
    void anUnknownSuitabilityIsAProblem() {
        UUID id = recruits.apply(coordinator);
        var body = recruits.interview();
        body.put("suitability", "MAYBE");
        var r = fx.api.post(path(id), coordinator.accessToken(), body);
        assertEquals(400, r.status());
        assertEquals("urn:bredvid:problem:malformed-body", r.problemType());
    }

    @Test
    void noInterviewIsRecordedForAWithdrawnApplicant() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.WITHDRAWN);
        var r = fx.api.post(path(id), coordinator.accessToken(), recruits.interview());
        assertEquals(409, r.status());
        assertEquals("urn:bredvid:problem:volunteer-closed", r.problemType());
    }

    @Test
    void anInterviewOfAnUnknownVolunteerIsNotFound() {
        var r = fx.api.post(path(UUID.randomUUID()), coordinator.accessToken(), recruits.interview());
        assertEquals(404, r.status());
        assertEquals("urn:bredvid:problem:not-found", r.problemType());
        assertEquals(404, fx.api.get(path(UUID.randomUUID()), coordinator.accessToken()).status());
    }

    @Test
    void aMalformedVolunteerIdIsAProblem() {
        var r = fx.api.get("/api/recruiting/volunteers/not-a-uuid/interviews", coordinator.accessToken());
        assertEquals(400, r.status());
        assertEquals("application/problem+json", r.contentType());
    }

    @Test
    void aHandlaggareCannotReadInterviews() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.INTERVIEWED);
        var handlaggare = fx.handlaggare(fx.municipality());
        assertEquals(403, fx.api.get(path(id), handlaggare.accessToken()).status());
        assertEquals(403, fx.api.post(path(id), handlaggare.accessToken(), Map.of()).status());
    }
}
