package se.bredvid.recruiting;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class ApplicationIT implements PostgresBacked {

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

    private int volunteerCount() {
        return recruits.api.get("/api/recruiting/volunteers", coordinator.accessToken()).json().size();
    }

    private void assertProblem(Api.Response r, int status, String slug) {
        assertEquals(status, r.status(), r.toString());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("urn:bredvid:problem:" + slug, r.problemType(), r.toString());
    }

    private void assertRefused(Map<String, Object> body, String field) {
        int before = volunteerCount();
        var r = recruits.submit(coordinator.organisationId(), body);
        assertProblem(r, 400, "validation");
        // Prefix: the platform names list elements "languages.<list element>[0]" (reported to the lead).
        assertTrue(r.body().contains("\"field\":\"" + field), r.body());
        assertEquals(before, volunteerCount(), "nothing stored");
    }

    @Test
    void anApplicationReachesTheCoordinatorAsApplied() {
        String name = Recruits.uniqueName("Leyla");
        UUID id = recruits.apply(coordinator, recruits.application(name));
        var detail = recruits.api.get("/api/recruiting/volunteers/" + id, coordinator.accessToken());
        assertEquals(200, detail.status(), detail.toString());
        assertEquals(name, detail.text("name"));
        assertEquals("applicant@example.org", detail.text("email"));
        assertEquals("+46 70 123 45 67", detail.text("phone"));
        assertEquals("APPLIED", detail.text("state"));
        assertEquals("SE-E", detail.text("region"));
        assertEquals(recruits.consentVersion(), detail.text("consentTextVersion"));
        assertNotNull(detail.text("consentAt"));
        List<String> allowed = new java.util.ArrayList<>();
        detail.json().get("allowedTransitions").values().forEach(n -> allowed.add(n.getStringValue()));
        assertEquals(List.of("INTERVIEW_BOOKED", "WITHDRAWN", "NOT_SUITABLE"), allowed);
    }

    @Test
    void theApplicationIsTheFirstEntryOfTheHistoryAndNamesNoStaff() {
        UUID id = recruits.apply(coordinator);
        var history = recruits.api.get("/api/recruiting/volunteers/" + id + "/transitions", coordinator.accessToken());
        assertEquals(200, history.status());
        assertEquals(1, history.json().size());
        var first = history.json().get(0);
        assertEquals("APPLIED", first.get("to").getStringValue());
        assertEquals("ANONYMOUS", first.get("actorKind").getStringValue());
        assertNull(first.get("from"));
    }

    @Test
    void personalFieldsAreEncryptedAtRest() {
        String name = Recruits.uniqueName("Zeynep");
        var body = recruits.application(name);
        body.put("email", "zeynep.unik@example.org");
        body.put("phone", "+46 73 999 88 77");
        body.put("motivation", "Min hemliga motivering " + UUID.randomUUID());
        body.put("availabilityNote", "Hemlig anteckning " + UUID.randomUUID());
        UUID id = recruits.apply(coordinator, body);
        recruits.move(coordinator, id, VolunteerState.INTERVIEW_BOOKED);
        String raw = tx.executeRead(status -> jdbc.prepareStatement("""
                select (select row_to_json(v)::text from volunteer v where id = ?)
                       || (select string_agg(row_to_json(t)::text, '') from volunteer_transition t where volunteer_id = ?)""",
                ps -> {
                    ps.setObject(1, id);
                    ps.setObject(2, id);
                    var rs = ps.executeQuery();
                    rs.next();
                    return rs.getString(1);
                }));
        assertNotNull(raw);
        for (Object secret : List.of(name, body.get("email"), body.get("phone"), body.get("motivation"),
                body.get("availabilityNote"), "Test: to INTERVIEW_BOOKED")) {
            String s = secret.toString();
            assertFalse(raw.contains(s), "plaintext in the row: " + s);
            assertFalse(raw.contains(HexFormat.of().formatHex(s.getBytes(StandardCharsets.UTF_8))),
                    "plaintext as hex in the row: " + s);
        }
        // What the overview counts by stays in clear.
        assertTrue(raw.contains("SE-E"));
    }

    @Test
    void aMissingConsentIsRefused() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.remove("consent");
        assertRefused(body, "consent");
    }

    @Test
    void aDeclinedConsentIsRefused() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.put("consent", false);
        assertRefused(body, "consent");
    }

    @Test
    void consentToAnOutdatedTextIsRefused() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.put("consentTextVersion", "1999-1");
        assertRefused(body, "consentTextVersion");
    }

    @Test
    void anInvalidEmailIsRefused() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.put("email", "not an address");
        assertRefused(body, "email");
    }

    @Test
    void anInvalidPhoneNumberIsRefused() {
        for (String phone : List.of("12", "070-abc-123", "+46 70 123 45 67 89 01 23", "=1+2")) {
            var body = recruits.application(Recruits.uniqueName("Sara"));
            body.put("phone", phone);
            assertRefused(body, "phone");
        }
    }

    @Test
    void anApplicationWithoutAnyContactDetailIsRefused() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.remove("email");
        body.remove("phone");
        assertRefused(body, "email");
    }

    @Test
    void aPhoneNumberAloneIsEnoughContact() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.remove("email");
        UUID id = recruits.apply(coordinator, body);
        assertEquals("APPLIED", recruits.state(coordinator, id));
    }

    @Test
    void overLongTextIsRefused() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.put("motivation", "x".repeat(4001));
        assertRefused(body, "motivation");
        var longName = recruits.application("N".repeat(201));
        assertRefused(longName, "name");
    }

    @Test
    void aNameWithControlCharactersIsRefused() {
        assertRefused(recruits.application("Sara\r\n=cmd"), "name");
    }

    @Test
    void anUnknownRegionIsRefused() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.put("region", "SE-QQ");
        assertRefused(body, "region");
    }

    @Test
    void anInvalidLanguageCodeIsRefused() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.put("languages", List.of("Swedish"));
        assertRefused(body, "languages");
    }

    @Test
    void aCapacityOutsideOneToThreeIsRefused() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.put("maxClients", 0);
        assertRefused(body, "maxClients");
    }

    @Test
    void malformedJsonIsAProblem() {
        var r = recruits.api.post("/api/public/organisations/" + coordinator.organisationId() + "/volunteer-applications",
                null, "{\"name\": \"Sara\", ");
        assertProblem(r, 400, "malformed-body");
    }

    @Test
    void anUnknownFieldIsAProblem() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.put("state", "APPROVED");
        assertProblem(recruits.submit(coordinator.organisationId(), body), 400, "malformed-body");
    }

    @Test
    void anUnknownWeekdayIsAProblem() {
        var body = recruits.application(Recruits.uniqueName("Sara"));
        body.put("availability", List.of(Map.of("day", "FUNDAY", "part", "EVENING")));
        assertProblem(recruits.submit(coordinator.organisationId(), body), 400, "malformed-body");
    }

    @Test
    void anApplicationToAnUnknownOrganisationIsNotFound() {
        assertProblem(recruits.submit(UUID.randomUUID(), recruits.application(Recruits.uniqueName("Sara"))), 404,
                "not-found");
    }

    @Test
    void nothingPersonalReachesTheLogs() {
        Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
        Logger ours = (Logger) LoggerFactory.getLogger("se.bredvid");
        Level before = ours.getLevel();
        ListAppender<ILoggingEvent> appender = new ListAppender<>();
        appender.start();
        root.addAppender(appender);
        ours.setLevel(Level.TRACE);
        String name = Recruits.uniqueName("Loggtest");
        try {
            var body = recruits.application(name);
            body.put("email", "logg.unik@example.org");
            UUID id = recruits.apply(coordinator, body);
            var bad = recruits.application(name);
            bad.put("email", "logg.unik@@example.org");
            recruits.submit(coordinator.organisationId(), bad);
            recruits.move(coordinator, id, VolunteerState.INTERVIEW_BOOKED);
            recruits.api.get("/api/recruiting/volunteers/" + id, coordinator.accessToken());
        } finally {
            root.detachAppender(appender);
            ours.setLevel(before);
        }
        for (ILoggingEvent e : appender.list) {
            String line = e.getFormattedMessage() + (e.getThrowableProxy() == null ? "" : e.getThrowableProxy().getMessage());
            assertFalse(line.contains(name) || line.contains("logg.unik"), "personal data logged: " + line);
        }
    }
}
