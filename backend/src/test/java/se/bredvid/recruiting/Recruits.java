package se.bredvid.recruiting;

import io.micronaut.json.tree.JsonNode;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Builds recruiting test data through the public API, the way a coordinator would: applications, then
 * each step of the lifecycle with the records its guard needs (interview, enrolment, attendance, check).
 */
public final class Recruits {

    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");
    /** The main path through the lifecycle; WITHDRAWN and NOT_SUITABLE branch off APPLIED. */
    static final List<VolunteerState> MAIN_PATH = List.of(VolunteerState.APPLIED, VolunteerState.INTERVIEW_BOOKED,
            VolunteerState.INTERVIEWED, VolunteerState.IN_TRAINING, VolunteerState.TRAINED, VolunteerState.APPROVED,
            VolunteerState.ACTIVE, VolunteerState.PAUSED, VolunteerState.ENDED);

    final Fixtures fx;
    final Api api;
    final Clock clock;
    private final Map<UUID, Cohort> cohorts = new HashMap<>();
    private String consentVersion;

    record Cohort(UUID id, List<UUID> sessionIds) {
    }

    public Recruits(Fixtures fx, Clock clock) {
        this.fx = fx;
        this.api = fx.api;
        this.clock = clock;
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    String consentVersion() {
        if (consentVersion == null) {
            var r = api.get("/api/public/volunteer-applications/consent", null);
            assertEquals(200, r.status(), r.toString());
            consentVersion = r.text("version");
        }
        return consentVersion;
    }

    /** The signed hand-out time the consent call gives with the form; the application must send it back. */
    String formStamp() {
        var r = api.get("/api/public/volunteer-applications/consent", null);
        assertEquals(200, r.status(), r.toString());
        return r.text("formStamp");
    }

    /**
     * A sender address of its own for each call: applicants apply from their own phones. The tests' loopback
     * is a trusted proxy (application-test.yml), so the address counts as the source of the request.
     */
    static String newSource() {
        int n = SOURCES.incrementAndGet();
        return "10." + ((n >> 16) & 0xff) + "." + ((n >> 8) & 0xff) + "." + (n & 0xff);
    }

    private static final AtomicInteger SOURCES = new AtomicInteger();

    /** A complete, valid application body with a fresh form stamp; tests change single fields. */
    public Map<String, Object> application(String name) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", name);
        m.put("email", "applicant@example.org");
        m.put("phone", "+46 70 123 45 67");
        m.put("languages", List.of("sv", "ar"));
        m.put("region", "SE-E");
        m.put("municipality", "Norrköping");
        m.put("availability", List.of(Map.of("day", "THURSDAY", "part", "EVENING"),
                Map.of("day", "SATURDAY", "part", "AFTERNOON")));
        m.put("hoursPerMonth", 8);
        m.put("maxClients", 2);
        m.put("digitalSupport", true);
        m.put("availabilityNote", "Helst kvällar");
        m.put("motivation", "Jag har själv haft en kontaktperson och vill ge tillbaka.");
        m.put("consent", true);
        m.put("consentTextVersion", consentVersion());
        m.put("formStamp", formStamp());
        return m;
    }

    public static String uniqueName(String first) {
        return first + " Test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    Api.Response submit(UUID org, Map<String, Object> body) {
        return submitFrom(newSource(), org, body);
    }

    /** Submits as the given sender address (as the trusted proxy names it in X-Forwarded-For). */
    Api.Response submitFrom(String source, UUID org, Map<String, Object> body) {
        return api.send(io.micronaut.http.HttpMethod.POST, "/api/public/organisations/" + org + "/volunteer-applications",
                null, body, Map.of("X-Forwarded-For", source));
    }

    /** Applies under the coordinator's organisation and returns the new volunteer's id. */
    public UUID apply(Fixtures.Staff coordinator, Map<String, Object> body) {
        var r = submit(coordinator.organisationId(), body);
        assertEquals(202, r.status(), r.toString());
        return idOf(coordinator, (String) body.get("name"));
    }

    UUID apply(Fixtures.Staff coordinator) {
        return apply(coordinator, application(uniqueName("Amina")));
    }

    UUID idOf(Fixtures.Staff coordinator, String name) {
        var list = api.get("/api/recruiting/volunteers", coordinator.accessToken());
        assertEquals(200, list.status(), list.toString());
        for (JsonNode v : list.json().values()) {
            if (name.equals(v.get("name").getStringValue())) {
                return UUID.fromString(v.get("id").getStringValue());
            }
        }
        throw new AssertionError("no volunteer named " + name);
    }

    String state(Fixtures.Staff coordinator, UUID id) {
        var r = api.get("/api/recruiting/volunteers/" + id, coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        return r.text("state");
    }

    Api.Response transition(Fixtures.Staff coordinator, UUID id, VolunteerState to) {
        return api.post("/api/recruiting/volunteers/" + id + "/transitions", coordinator.accessToken(),
                Map.of("to", to.name(), "reason", "Test: to " + to));
    }

    void move(Fixtures.Staff coordinator, UUID id, VolunteerState to) {
        prepareFor(coordinator, id, to);
        var r = transition(coordinator, id, to);
        assertEquals(200, r.status(), r.toString());
    }

    /** A new volunteer, moved along the lifecycle to {@code target}. */
    public UUID volunteerIn(Fixtures.Staff coordinator, VolunteerState target) {
        UUID id = apply(coordinator);
        for (VolunteerState step : pathTo(target)) {
            move(coordinator, id, step);
        }
        return id;
    }

    static List<VolunteerState> pathTo(VolunteerState target) {
        if (target == VolunteerState.WITHDRAWN || target == VolunteerState.NOT_SUITABLE) {
            return List.of(target);
        }
        return MAIN_PATH.subList(1, MAIN_PATH.indexOf(target) + 1);
    }

    /** Creates what the guard of a move to {@code to} asks for. */
    void prepareFor(Fixtures.Staff coordinator, UUID id, VolunteerState to) {
        switch (to) {
            case INTERVIEWED -> recordInterview(coordinator, id);
            case IN_TRAINING -> enrol(coordinator, id);
            case TRAINED -> attend(coordinator, id, cohortOf(coordinator).sessionIds());
            case APPROVED -> recordCheck(coordinator, id, today().minusDays(10));
            default -> {
            }
        }
    }

    void recordInterview(Fixtures.Staff coordinator, UUID id) {
        var r = api.post("/api/recruiting/volunteers/" + id + "/interviews", coordinator.accessToken(), interview());
        assertEquals(201, r.status(), r.toString());
    }

    Map<String, Object> interview() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("heldOn", today().toString());
        m.put("interviewers", List.of("Eva Samordnare"));
        m.put("motivation", 5);
        m.put("timeAvailable", 3);
        m.put("understanding", 4);
        m.put("suitability", "SUITABLE");
        m.put("notes", "Lugn och tydlig. Har förstått att uppdraget tar tid.");
        return m;
    }

    void recordCheck(Fixtures.Staff coordinator, UUID id, LocalDate issuedOn) {
        var r = api.post("/api/recruiting/volunteers/" + id + "/background-checks", coordinator.accessToken(),
                Map.of("kind", "WORK_WITH_CHILDREN", "issuedOn", issuedOn.toString(), "seenOn", issuedOn.plusDays(3).toString()));
        assertEquals(201, r.status(), r.toString());
    }

    /** The coordinator's shared cohort, whose weekly sessions (one per default theme) all lie in the past. */
    Cohort cohortOf(Fixtures.Staff coordinator) {
        return cohorts.computeIfAbsent(coordinator.id(), k -> newCohort(coordinator,
                clock.instant().minus(Duration.ofDays(7 * 10))));
    }

    Cohort newCohort(Fixtures.Staff coordinator, java.time.Instant firstSessionAt) {
        var r = api.post("/api/recruiting/cohorts", coordinator.accessToken(),
                Map.of("name", "Grupp " + UUID.randomUUID(), "firstSessionAt", firstSessionAt.toString()));
        assertEquals(201, r.status(), r.toString());
        List<UUID> sessions = new ArrayList<>();
        for (JsonNode s : r.json().get("sessions").values()) {
            sessions.add(UUID.fromString(s.get("id").getStringValue()));
        }
        return new Cohort(UUID.fromString(r.text("id")), sessions);
    }

    void enrol(Fixtures.Staff coordinator, UUID id) {
        enrol(coordinator, cohortOf(coordinator).id(), id);
    }

    void enrol(Fixtures.Staff coordinator, UUID cohortId, UUID id) {
        var r = api.post("/api/recruiting/cohorts/" + cohortId + "/members", coordinator.accessToken(),
                Map.of("volunteerId", id));
        assertEquals(204, r.status(), r.toString());
    }

    void attend(Fixtures.Staff coordinator, UUID id, List<UUID> sessionIds) {
        for (UUID s : sessionIds) {
            var r = markPresent(coordinator, s, id, true);
            assertEquals(204, r.status(), r.toString());
        }
    }

    Api.Response markPresent(Fixtures.Staff coordinator, UUID sessionId, UUID volunteerId, boolean present) {
        return api.put("/api/recruiting/training-sessions/" + sessionId + "/attendance/" + volunteerId,
                coordinator.accessToken(), Map.of("present", present));
    }
}
