package se.bredvid.matching;

import se.bredvid.recruiting.Recruits;
import se.bredvid.recruiting.VolunteerState;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Builders for matching tests: approved volunteers with a matching profile, and client intakes. */
final class MatchingTestData {

    private final Fixtures fx;
    private final Recruits recruits;

    MatchingTestData(Fixtures fx, Recruits recruits) {
        this.fx = fx;
        this.recruits = recruits;
    }

    /** An approved, trained volunteer (speaks sv and ar, region se-e, digital) with a matching profile. */
    UUID volunteer(Fixtures.Staff coordinator, String gender, int age, List<String> communities) {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        var r = fx.api.put("/api/volunteers/" + id + "/matching-profile", coordinator.accessToken(), Map.of(
                "gender", gender, "age", age, "communities", communities, "interests", List.of("musik"),
                "supportAreas", List.of("BREAKING_ISOLATION", "STUDIES_AND_WORK"), "reachableRegions", List.of("se-e")));
        assertEquals(200, r.status(), r.toString());
        return id;
    }

    static Map<String, Object> intake() {
        Map<String, Object> m = new HashMap<>();
        m.put("ageBand", "AGE_18_25");
        m.put("languages", List.of("sv", "ar"));
        m.put("preferredLanguage", "ar");
        m.put("region", "se-e");
        m.put("communities", List.of("hemstaden"));
        m.put("needs", List.of("BREAKING_ISOLATION"));
        m.put("meetingMode", "BOTH");
        m.put("volunteerGender", "WOMAN");
        m.put("interests", List.of("musik"));
        return m;
    }

    UUID client(Fixtures.Staff coordinator, Map<String, Object> intake) {
        Api.Response r = fx.api.post("/api/clients", coordinator.accessToken(), intake);
        assertEquals(201, r.status(), r.toString());
        return UUID.fromString(r.text("id"));
    }

    UUID propose(Fixtures.Staff coordinator, UUID client, UUID volunteer, String kind) {
        var r = fx.api.post("/api/assignments", coordinator.accessToken(),
                Map.of("clientId", client, "volunteerId", volunteer, "kind", kind));
        assertEquals(201, r.status(), r.toString());
        return UUID.fromString(r.text("id"));
    }

    Api.Response move(Fixtures.Staff coordinator, UUID assignment, String to, String endReason) {
        Map<String, Object> body = new HashMap<>();
        body.put("to", to);
        if (endReason != null) {
            body.put("endReason", endReason);
        }
        return fx.api.post("/api/assignments/" + assignment + "/transitions", coordinator.accessToken(), body);
    }
}
