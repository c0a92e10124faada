package se.bredvid.matching;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.recruiting.Recruits;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the desk's matching screens need: the suggestions say which volunteers were left out and why; a batch
 * is previewed (nothing stored) and then applied pair by pair as the coordinator accepted it, all or nothing.
 */
@MicronautTest(transactional = false)
class MatchingPreviewIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    private MatchingTestData data() {
        return new MatchingTestData(fx, new Recruits(fx, clock));
    }

    @Test
    void suggestionsNameEveryExcludedVolunteerWithTheRulesThePairBreaks() {
        var coordinator = fx.coordinator(fx.organisation());
        var data = data();
        UUID named = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID fine = data.volunteer(coordinator, "WOMAN", 40, List.of());
        var intake = MatchingTestData.intake();
        intake.put("excludedVolunteers", List.of(named));
        intake.put("excludedLanguages", List.of("ar"));
        intake.put("languages", List.of("sv"));
        intake.put("preferredLanguage", null);
        UUID client = data.client(coordinator, intake);
        var r = fx.api.get("/api/clients/" + client + "/suggestions", coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        // Both test volunteers speak Arabic, which this client excluded: neither is suggested.
        var candidates = r.json().get("candidates");
        assertTrue(candidates == null || candidates.size() == 0, r.body());
        var excluded = r.json().get("excluded");
        assertEquals(2, excluded.size(), r.body());
        assertTrue(r.body().contains("\"volunteerId\":\"" + named + "\",\"conflicts\":[{\"constraint\":\"EXCLUDED_VOLUNTEER\""), r.body());
        assertTrue(r.body().contains("\"volunteerId\":\"" + fine + "\",\"conflicts\":[{\"constraint\":\"EXCLUDED_LANGUAGE\""), r.body());
    }

    @Test
    void aBatchIsPreviewedWithoutStoringAndAppliedAsAccepted() {
        var coordinator = fx.coordinator(fx.organisation());
        var data = data();
        UUID v = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID c1 = data.client(coordinator, MatchingTestData.intake());
        var preview = fx.api.post("/api/matching/batch", coordinator.accessToken(), null);
        assertEquals(200, preview.status(), preview.toString());
        assertEquals(v.toString(), preview.json().get("proposals").get(0).get("volunteerId").getStringValue());
        assertEquals(0, fx.api.get("/api/assignments", coordinator.accessToken()).json().size(), "the preview stores nothing");
        assertEquals("WAITING", fx.api.get("/api/clients/" + c1, coordinator.accessToken()).json().get("client").get("status").getStringValue());

        var applied = fx.api.post("/api/matching/batch/apply", coordinator.accessToken(),
                Map.of("kind", "IDEELL", "pairs", List.of(Map.of("clientId", c1, "volunteerId", v))));
        assertEquals(200, applied.status(), applied.toString());
        assertEquals("PROPOSED", applied.json().get(0).get("state").getStringValue());
        assertEquals("MATCHED", fx.api.get("/api/clients/" + c1, coordinator.accessToken()).json().get("client").get("status").getStringValue());
    }

    @Test
    void oneRefusedPairRefusesTheBatchNamingItAndNothingIsApplied() {
        var coordinator = fx.coordinator(fx.organisation());
        var data = data();
        UUID v = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID c1 = data.client(coordinator, MatchingTestData.intake());
        var excluding = MatchingTestData.intake();
        excluding.put("excludedVolunteers", List.of(v));
        UUID c2 = data.client(coordinator, excluding);
        var r = fx.api.post("/api/matching/batch/apply", coordinator.accessToken(), Map.of("kind", "IDEELL",
                "pairs", List.of(Map.of("clientId", c1, "volunteerId", v), Map.of("clientId", c2, "volunteerId", v))));
        assertEquals(409, r.status(), r.toString());
        assertEquals("application/problem+json", r.contentType());
        assertTrue(r.body().contains("\"field\":\"pairs[1]\""), r.body());
        assertEquals(0, fx.api.get("/api/assignments", coordinator.accessToken()).json().size(), "nothing applied");
        assertEquals("WAITING", fx.api.get("/api/clients/" + c1, coordinator.accessToken()).json().get("client").get("status").getStringValue());
    }

    @Test
    void applyingRefusesBadBodiesWrongRolesAndOtherOrganisationsClients() {
        var coordinator = fx.coordinator(fx.organisation());
        var data = data();
        UUID v = data.volunteer(coordinator, "WOMAN", 30, List.of());
        var stranger = fx.coordinator(fx.organisation());
        UUID theirs = data.client(stranger, MatchingTestData.intake());
        var empty = fx.api.post("/api/matching/batch/apply", coordinator.accessToken(), Map.of("kind", "IDEELL", "pairs", List.of()));
        assertEquals(400, empty.status(), empty.toString());
        assertEquals("application/problem+json", empty.contentType());
        var noKind = fx.api.post("/api/matching/batch/apply", coordinator.accessToken(),
                Map.of("pairs", List.of(Map.of("clientId", theirs, "volunteerId", v))));
        assertEquals(400, noKind.status(), noKind.toString());
        var foreign = fx.api.post("/api/matching/batch/apply", coordinator.accessToken(),
                Map.of("kind", "IDEELL", "pairs", List.of(Map.of("clientId", theirs, "volunteerId", v))));
        assertEquals(404, foreign.status(), foreign.toString());
        var handlaggare = fx.handlaggare(fx.municipality());
        assertEquals(403, fx.api.post("/api/matching/batch/apply", handlaggare.accessToken(),
                Map.of("kind", "IDEELL", "pairs", List.of(Map.of("clientId", theirs, "volunteerId", v)))).status());
        assertEquals(403, fx.api.post("/api/matching/batch", handlaggare.accessToken(), null).status());
    }
}
