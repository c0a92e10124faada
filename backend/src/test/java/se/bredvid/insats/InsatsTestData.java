package se.bredvid.insats;

import se.bredvid.identity.SubjectKind;
import se.bredvid.recruiting.Recruits;
import se.bredvid.recruiting.VolunteerState;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Builds insats test data through the public API, the way a coordinator and a handläggare would. */
final class InsatsTestData {

    static final ZoneId ZONE = ZoneId.of("Europe/Stockholm");

    /** An insats and the organisation-side ids behind it. */
    record Case(UUID insatsId, UUID clientId, UUID volunteerId, UUID assignmentId) {
    }

    final Fixtures fx;
    final Api api;
    private final Recruits recruits;
    private final Clock clock;

    InsatsTestData(Fixtures fx, Clock clock) {
        this.fx = fx;
        this.api = fx.api;
        this.clock = clock;
        this.recruits = new Recruits(fx, clock);
    }

    LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZONE);
    }

    /** An approved, trained volunteer with a matching profile (speaks sv and ar, region se-e). */
    UUID volunteer(Fixtures.Staff coordinator) {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        var r = api.put("/api/volunteers/" + id + "/matching-profile", coordinator.accessToken(), Map.of(
                "gender", "WOMAN", "age", 34, "communities", List.of(), "interests", List.of("musik"),
                "supportAreas", List.of("BREAKING_ISOLATION", "STUDIES_AND_WORK"), "reachableRegions", List.of("se-e")));
        assertEquals(200, r.status(), r.toString());
        return id;
    }

    static Map<String, Object> intake(boolean protectedIdentity) {
        Map<String, Object> m = new HashMap<>();
        m.put("ageBand", "AGE_18_25");
        m.put("languages", List.of("sv", "ar"));
        m.put("preferredLanguage", "ar");
        m.put("region", "se-e");
        m.put("needs", List.of("BREAKING_ISOLATION"));
        m.put("meetingMode", "BOTH");
        m.put("volunteerGender", "WOMAN");
        m.put("protectedIdentity", protectedIdentity);
        return m;
    }

    UUID client(Fixtures.Staff coordinator, boolean protectedIdentity) {
        var r = api.post("/api/clients", coordinator.accessToken(), intake(protectedIdentity));
        assertEquals(201, r.status(), r.toString());
        return UUID.fromString(r.text("id"));
    }

    UUID assignment(Fixtures.Staff coordinator, UUID client, UUID volunteer, String kind) {
        var r = api.post("/api/assignments", coordinator.accessToken(),
                Map.of("clientId", client, "volunteerId", volunteer, "kind", kind));
        assertEquals(201, r.status(), r.toString());
        return UUID.fromString(r.text("id"));
    }

    static Map<String, Object> proposalBody(UUID assignment, UUID municipality) {
        Map<String, Object> m = new HashMap<>();
        m.put("assignmentId", assignment);
        m.put("municipalityId", municipality);
        m.put("needs", List.of("BREAKING_ISOLATION", "STUDIES_AND_WORK"));
        m.put("summary", "Behöver ett socialt sammanhang efter skyddat boende.");
        m.put("protectedIdentity", false);
        m.put("municipalityContact", Map.of("name", "Handläggare Hanna", "phone", "010-123 45 67"));
        return m;
    }

    /** Path (a) up to the proposal (AWAITING_CONSENT). */
    Case drafted(Fixtures.Staff coordinator, UUID municipality, boolean protectedIdentity) {
        UUID volunteer = volunteer(coordinator);
        UUID client = client(coordinator, protectedIdentity);
        UUID assignment = assignment(coordinator, client, volunteer, "INSATS");
        var r = api.post("/api/insatser", coordinator.accessToken(), proposalBody(assignment, municipality));
        assertEquals(201, r.status(), r.toString());
        return new Case(UUID.fromString(r.text("id")), client, volunteer, assignment);
    }

    Api.Response consent(Fixtures.Staff coordinator, UUID insats) {
        return api.post("/api/insatser/" + insats + "/consent", coordinator.accessToken(),
                Map.of("givenOn", today().toString(), "form", "WRITTEN", "scope", List.of("PROPOSAL", "FOLLOW_UP")));
    }

    /** Path (a) up to PROPOSED: the municipality sees it. */
    Case proposed(Fixtures.Staff coordinator, UUID municipality, boolean protectedIdentity) {
        Case c = drafted(coordinator, municipality, protectedIdentity);
        var r = consent(coordinator, c.insatsId());
        assertEquals(200, r.status(), r.toString());
        return c;
    }

    Api.Response investigate(Fixtures.Staff handlaggare, UUID insats, String outcome) {
        return api.post("/api/insatser/" + insats + "/investigation", handlaggare.accessToken(),
                Map.of("outcome", outcome, "investigatedOn", today().minusMonths(4).minusDays(5).toString(),
                        "note", "Referenser kontrollerade."));
    }

    static Map<String, Object> grant(LocalDate start, LocalDate end, LocalDate followUpOn) {
        Map<String, Object> m = new HashMap<>();
        m.put("outcome", "GRANTED");
        m.put("decidedOn", start.toString());
        m.put("legalBasis", "4 kap. 1 § SoL");
        m.put("periodStart", start.toString());
        m.put("periodEnd", end.toString());
        m.put("hoursPerMonth", 8);
        m.put("followUpOn", followUpOn.toString());
        m.put("caseReference", "SOC-2026-0042");
        return m;
    }

    /** Path (a) all the way to GRANTED: a period that began four months ago and runs two more. */
    Case granted(Fixtures.Staff coordinator, Fixtures.Staff handlaggare, UUID municipality, boolean protectedIdentity) {
        Case c = proposed(coordinator, municipality, protectedIdentity);
        var r = investigate(handlaggare, c.insatsId(), "SUITABLE");
        assertEquals(200, r.status(), r.toString());
        LocalDate start = periodStart();
        r = api.post("/api/insatser/" + c.insatsId() + "/decision", handlaggare.accessToken(),
                grant(start, start.plusMonths(6), today().minusMonths(3)));
        assertEquals(200, r.status(), r.toString());
        return c;
    }

    LocalDate periodStart() {
        return today().minusMonths(4).withDayOfMonth(1);
    }

    Fixtures.PairedDevice volunteerDevice(Fixtures.Staff coordinator, UUID volunteer) {
        return fx.pairedDevice(coordinator, SubjectKind.VOLUNTEER, volunteer);
    }

    Fixtures.PairedDevice clientDevice(Fixtures.Staff coordinator, UUID client) {
        return fx.pairedDevice(coordinator, SubjectKind.CLIENT, client);
    }

    UUID openFollowUp(Fixtures.Staff staff, UUID insats) {
        var r = api.get("/api/insatser/" + insats + "/follow-ups", staff.accessToken());
        assertEquals(200, r.status(), r.toString());
        for (var f : r.json().values()) {
            if (f.get("completedAt") == null || f.get("completedAt").isNull()) {
                return UUID.fromString(f.get("id").getStringValue());
            }
        }
        throw new AssertionError("no open follow-up: " + r);
    }
}
