package se.bredvid.recruiting;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class TrainingIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    @Client("/")
    HttpClient http;

    Recruits recruits;
    Fixtures.Staff coordinator;

    @BeforeAll
    void setUp() {
        recruits = new Recruits(fx, clock);
        coordinator = fx.coordinator(fx.organisation());
    }

    private List<JsonNode> curriculum() {
        var r = recruits.api.get("/api/recruiting/curriculum", coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        List<JsonNode> list = new ArrayList<>();
        r.json().values().forEach(list::add);
        return list;
    }

    /** A fresh cohort of past weekly sessions and a volunteer in training in it. */
    private record Trainee(UUID id, String name, Recruits.Cohort cohort) {
    }

    private Trainee trainee(String name) {
        var cohort = recruits.newCohort(coordinator, clock.instant().minus(Duration.ofDays(70)));
        UUID id = recruits.apply(coordinator, recruits.application(name));
        recruits.move(coordinator, id, VolunteerState.INTERVIEW_BOOKED);
        recruits.move(coordinator, id, VolunteerState.INTERVIEWED);
        recruits.enrol(coordinator, cohort.id(), id);
        assertEquals(200, recruits.transition(coordinator, id, VolunteerState.IN_TRAINING).status());
        return new Trainee(id, name, cohort);
    }

    private Trainee trainee() {
        return trainee(Recruits.uniqueName("Nour"));
    }

    private JsonNode record(UUID id) {
        var r = recruits.api.get("/api/recruiting/volunteers/" + id + "/training", coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        return r.json();
    }

    private UUID makeUp(UUID themeId, Instant at) {
        var r = recruits.api.post("/api/recruiting/make-up-sessions", coordinator.accessToken(),
                Map.of("themeId", themeId, "startsAt", at.toString(), "lecturer", "Gästföreläsare Hemlig"));
        assertEquals(201, r.status(), r.toString());
        return UUID.fromString(r.text("id"));
    }

    private HttpResponse<byte[]> certificate(UUID id) {
        return http.toBlocking().exchange(HttpRequest.GET("/api/recruiting/volunteers/" + id + "/training-certificate")
                .bearerAuth(coordinator.accessToken()), byte[].class);
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    @Test
    void theDefaultCurriculumIsEightThreeHourThemesOfWhichThreeAreMandatory() {
        List<JsonNode> themes = curriculum();
        assertEquals(8, themes.size());
        int mandatory = 0;
        for (int i = 0; i < themes.size(); i++) {
            assertEquals(i + 1, themes.get(i).get("position").getIntValue());
            assertEquals(180, themes.get(i).get("minutes").getIntValue());
            mandatory += themes.get(i).get("mandatory").getBooleanValue() ? 1 : 0;
        }
        assertEquals(3, mandatory);
    }

    @Test
    void aCohortStartingOnADateGetsOneWeeklySessionPerThemeAtTheSameLocalTime() {
        Instant first = Instant.parse("2027-02-02T17:00:00Z");
        var r = recruits.api.post("/api/recruiting/cohorts", coordinator.accessToken(),
                Map.of("name", "Vårgruppen " + UUID.randomUUID(), "firstSessionAt", first.toString()));
        assertEquals(201, r.status(), r.toString());
        List<JsonNode> sessions = new ArrayList<>();
        r.json().get("sessions").values().forEach(sessions::add);
        List<JsonNode> themes = curriculum();
        assertEquals(themes.size(), sessions.size());
        for (int i = 0; i < sessions.size(); i++) {
            // Same wall-clock time each week, across the change to summer time.
            assertEquals(first.atZone(Recruits.ZONE).plusWeeks(i).toInstant(),
                    Instant.parse(sessions.get(i).get("startsAt").getStringValue()));
            assertEquals(themes.get(i).get("id").getStringValue(), sessions.get(i).get("themeId").getStringValue());
        }
        assertEquals("2027-02-02", r.text("startsOn"));
    }

    @Test
    void aDuplicateCohortNameIsAConflict() {
        String name = "Höstgruppen " + UUID.randomUUID();
        assertEquals(201, recruits.api.post("/api/recruiting/cohorts", coordinator.accessToken(), Map.of("name", name)).status());
        var again = recruits.api.post("/api/recruiting/cohorts", coordinator.accessToken(), Map.of("name", name));
        assertEquals(409, again.status());
        assertEquals("urn:bredvid:problem:duplicate-name", again.problemType());
    }

    @Test
    void aCoordinatorCanAddAndChangeThemes() {
        // An organisation of its own: the other tests rely on the default curriculum.
        var coordinator = fx.coordinator(fx.organisation());
        var added = recruits.api.post("/api/recruiting/curriculum/themes", coordinator.accessToken(),
                Map.of("title", "Könsstympning", "minutes", 120, "mandatory", false));
        assertEquals(201, added.status(), added.toString());
        assertEquals("9", added.text("position"));
        var changed = recruits.api.put("/api/recruiting/curriculum/themes/" + added.text("id"), coordinator.accessToken(),
                Map.of("title", "Könsstympning och hedersnormer", "minutes", 150, "mandatory", false));
        assertEquals(200, changed.status(), changed.toString());
        assertEquals("Könsstympning och hedersnormer", changed.text("title"));
        assertEquals("150", changed.text("minutes"));
    }

    @Test
    void aThemeOfImpossibleLengthIsRefused() {
        var r = recruits.api.post("/api/recruiting/curriculum/themes", coordinator.accessToken(),
                Map.of("title", "Kort", "minutes", 5, "mandatory", false));
        assertEquals(400, r.status());
        assertTrue(r.body().contains("\"field\":\"minutes\""), r.body());
    }

    @Test
    void sevenOfEightThemesWithEveryMandatoryOneCompleteTheTraining() {
        Trainee t = trainee();
        List<UUID> sessions = t.cohort().sessionIds();
        recruits.attend(coordinator, t.id(), sessions.subList(0, 7));
        JsonNode r = record(t.id());
        assertTrue(r.get("complete").getBooleanValue());
        assertEquals(7, r.get("themesCovered").getIntValue());
        assertEquals(7, r.get("themesRequired").getIntValue());
        assertEquals(7 * 180, r.get("minutesAttended").getIntValue());
        assertEquals(21.0, r.get("hours").getDoubleValue());
        var seventh = recruits.api.get("/api/recruiting/training-sessions/" + sessions.get(6), coordinator.accessToken());
        assertEquals(LocalDate.ofInstant(Instant.parse(seventh.text("startsAt")), Recruits.ZONE).toString(),
                r.get("completedOn").getStringValue());
    }

    @Test
    void sixOfEightThemesDoNotCompleteTheTraining() {
        Trainee t = trainee();
        List<UUID> sessions = t.cohort().sessionIds();
        recruits.attend(coordinator, t.id(), List.of(sessions.get(0), sessions.get(2), sessions.get(3), sessions.get(4),
                sessions.get(5), sessions.get(6)));
        JsonNode r = record(t.id());
        assertFalse(r.get("complete").getBooleanValue());
        assertEquals(6, r.get("themesCovered").getIntValue());
        assertEquals(null, r.get("missingMandatory"), "empty lists are left out of responses");
    }

    @Test
    void missingAMandatoryThemeLeavesTheTrainingIncompleteUntilAMakeUpSession() {
        Trainee t = trainee();
        List<UUID> sessions = t.cohort().sessionIds();
        List<JsonNode> themes = curriculum();
        // Everything but the third theme (säkerhetsplanering, mandatory).
        List<UUID> attended = new ArrayList<>(sessions);
        attended.remove(2);
        recruits.attend(coordinator, t.id(), attended);
        JsonNode before = record(t.id());
        assertFalse(before.get("complete").getBooleanValue());
        assertEquals(7, before.get("themesCovered").getIntValue());
        assertEquals(themes.get(2).get("id").getStringValue(), before.get("missingMandatory").get(0).getStringValue());

        UUID makeUp = makeUp(UUID.fromString(themes.get(2).get("id").getStringValue()), clock.instant().minus(Duration.ofDays(1)));
        assertEquals(204, recruits.markPresent(coordinator, makeUp, t.id(), true).status());
        JsonNode after = record(t.id());
        assertTrue(after.get("complete").getBooleanValue());
        assertTrue(after.get("themes").get(2).get("atMakeUp").getBooleanValue());
        // The make-up sessions are listed (they belong to no cohort), with who came.
        var listed = recruits.api.get("/api/recruiting/make-up-sessions", coordinator.accessToken());
        assertEquals(200, listed.status(), listed.toString());
        JsonNode found = null;
        for (JsonNode n : listed.json().values()) {
            if (n.get("id").getStringValue().equals(makeUp.toString())) {
                found = n;
            }
        }
        assertTrue(found != null && found.get("makeUp").getBooleanValue() && found.get("present").getIntValue() == 1,
                String.valueOf(found));
        var theirs = recruits.api.get("/api/recruiting/make-up-sessions", fx.coordinator(fx.organisation()).accessToken());
        assertFalse(theirs.body().contains(makeUp.toString()), "another organisation's list");
        assertEquals(200, recruits.transition(coordinator, t.id(), VolunteerState.TRAINED).status());
    }

    @Test
    void attendingOneThemeTwiceCountsItOnce() {
        Trainee t = trainee();
        List<UUID> sessions = t.cohort().sessionIds();
        recruits.attend(coordinator, t.id(), sessions.subList(0, 6));
        UUID repeat = makeUp(UUID.fromString(curriculum().get(0).get("id").getStringValue()),
                clock.instant().minus(Duration.ofDays(1)));
        assertEquals(204, recruits.markPresent(coordinator, repeat, t.id(), true).status());
        JsonNode r = record(t.id());
        assertEquals(6, r.get("themesCovered").getIntValue());
        assertEquals(7, r.get("sessionsAttended").getIntValue());
        assertFalse(r.get("complete").getBooleanValue());
    }

    @Test
    void markingAbsentUndoesAPresence() {
        Trainee t = trainee();
        UUID session = t.cohort().sessionIds().get(0);
        recruits.attend(coordinator, t.id(), List.of(session));
        assertEquals(1, record(t.id()).get("themesCovered").getIntValue());
        assertEquals(204, recruits.markPresent(coordinator, session, t.id(), false).status());
        assertEquals(0, record(t.id()).get("themesCovered").getIntValue());
    }

    @Test
    void noOneCanAttendASessionThatHasNotStarted() {
        Trainee t = trainee();
        var future = recruits.api.post("/api/recruiting/cohorts/" + t.cohort().id() + "/sessions", coordinator.accessToken(),
                Map.of("themeId", curriculum().get(0).get("id").getStringValue(),
                        "startsAt", clock.instant().plus(Duration.ofDays(2)).toString()));
        assertEquals(201, future.status(), future.toString());
        var r = recruits.markPresent(coordinator, UUID.fromString(future.text("id")), t.id(), true);
        assertEquals(409, r.status());
        assertEquals("urn:bredvid:problem:session-not-held", r.problemType());
    }

    @Test
    void onlyMembersOfTheCohortCanAttendItsSessions() {
        Trainee member = trainee();
        Trainee outsider = trainee();
        var r = recruits.markPresent(coordinator, member.cohort().sessionIds().get(0), outsider.id(), true);
        assertEquals(409, r.status());
        assertEquals("urn:bredvid:problem:not-a-member", r.problemType());
    }

    @Test
    void aMakeUpSessionIsOnlyForEnrolledVolunteers() {
        UUID notEnrolled = recruits.volunteerIn(coordinator, VolunteerState.INTERVIEWED);
        UUID session = makeUp(UUID.fromString(curriculum().get(1).get("id").getStringValue()),
                clock.instant().minus(Duration.ofHours(3)));
        var r = recruits.markPresent(coordinator, session, notEnrolled, true);
        assertEquals(409, r.status());
        assertEquals("urn:bredvid:problem:not-a-member", r.problemType());
    }

    @Test
    void aMakeUpSessionOnAThemeOfNoCurriculumIsRefused() {
        var r = recruits.api.post("/api/recruiting/make-up-sessions", coordinator.accessToken(),
                Map.of("themeId", UUID.randomUUID(), "startsAt", clock.instant().toString()));
        assertEquals(400, r.status());
        assertTrue(r.body().contains("\"field\":\"themeId\""), r.body());
    }

    @Test
    void theSessionListsEveryMemberWithTheirPresence() {
        Trainee a = trainee();
        UUID b = recruits.apply(coordinator);
        recruits.move(coordinator, b, VolunteerState.INTERVIEW_BOOKED);
        recruits.move(coordinator, b, VolunteerState.INTERVIEWED);
        recruits.enrol(coordinator, a.cohort().id(), b);
        UUID session = a.cohort().sessionIds().get(0);
        recruits.attend(coordinator, a.id(), List.of(session));
        var r = recruits.api.get("/api/recruiting/training-sessions/" + session, coordinator.accessToken());
        assertEquals(200, r.status());
        assertEquals(2, r.json().get("attendees").size());
        r.json().get("attendees").values().forEach(att -> assertEquals(
                att.get("volunteerId").getStringValue().equals(a.id().toString()), att.get("present").getBooleanValue()));
        var cohort = recruits.api.get("/api/recruiting/cohorts/" + a.cohort().id(), coordinator.accessToken());
        assertEquals(2, cohort.json().get("members").size());
        assertEquals(1, cohort.json().get("sessions").get(0).get("present").getIntValue());
    }

    @Test
    void aCompletedVolunteerGetsACertificateWithTheirNameAndHours() throws IOException {
        String name = Recruits.uniqueName("Åsa Öberg");
        Trainee t = trainee(name);
        recruits.attend(coordinator, t.id(), t.cohort().sessionIds().subList(0, 7));
        HttpResponse<byte[]> pdf = certificate(t.id());
        assertEquals(200, pdf.getStatus().getCode());
        assertEquals("application/pdf", pdf.getContentType().orElseThrow().toString());
        String text = text(pdf.body());
        assertTrue(text.contains(name), text);
        assertTrue(text.contains(CertificateRenderer.hours(7 * 180) + " timmar"), text);
        assertTrue(text.contains("21 timmar"), text);
        assertTrue(text.contains("Utbildningsintyg"), text);
        assertFalse(pdf.getHeaders().get("Content-Disposition").contains("Åsa"));
    }

    @Test
    void aNameBeyondLatin1PrintsAsWritten() throws IOException {
        Trainee t = trainee("Şükrü Ağaoğlu Łucja Nguyễn " + UUID.randomUUID().toString().substring(0, 4));
        recruits.attend(coordinator, t.id(), t.cohort().sessionIds());
        String text = text(certificate(t.id()).body());
        assertTrue(text.contains("Şükrü Ağaoğlu Łucja Nguyễn"), text);
        assertTrue(text.contains("24 timmar"), text);
    }

    @Test
    void noCertificateBeforeTheTrainingIsComplete() {
        Trainee t = trainee();
        recruits.attend(coordinator, t.id(), t.cohort().sessionIds().subList(0, 3));
        var r = recruits.api.get("/api/recruiting/volunteers/" + t.id() + "/training-certificate", coordinator.accessToken());
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:training-incomplete", r.problemType());
    }
}
