package se.bredvid.matching;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.recruiting.Recruits;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assignment list filters, orders and pages on the server; old callers (state only) keep working. */
@MicronautTest(transactional = false)
class AssignmentListIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    Fixtures.Staff coordinator;
    final List<UUID> assignments = new ArrayList<>();
    String firstPseudonym;

    @BeforeAll
    void setUp() {
        coordinator = fx.coordinator(fx.organisation());
        var data = new MatchingTestData(fx, new Recruits(fx, clock));
        UUID volunteer = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID other = data.volunteer(coordinator, "WOMAN", 40, List.of());
        for (int i = 0; i < 3; i++) {
            UUID client = data.client(coordinator, MatchingTestData.intake());
            if (i == 0) {
                firstPseudonym = fx.api.get("/api/clients/" + client, coordinator.accessToken()).json().get("client").get("pseudonym").getStringValue();
            }
            UUID a = data.propose(coordinator, client, i < 2 ? volunteer : other, i == 2 ? "INSATS" : "IDEELL");
            assignments.add(a);
        }
        assertEquals(200, data.move(coordinator, assignments.get(0), "ACTIVE", null).status());
    }

    private Api.Response list(String query) {
        return fx.api.get("/api/assignments" + query, coordinator.accessToken());
    }

    @Test
    void filtersByStateKindAndPseudonymWithATotal() {
        var all = list("");
        assertEquals(3, all.json().size());
        assertEquals("3", all.raw().getHeaders().get("X-Total-Count"));
        assertEquals(1, list("?state=ACTIVE").json().size(), "as before");
        assertEquals(assignments.get(2).toString(), list("?kind=INSATS").json().get(0).get("id").getStringValue());
        var byName = list("?q=" + java.net.URLEncoder.encode(firstPseudonym.substring(0, firstPseudonym.length() - 1), java.nio.charset.StandardCharsets.UTF_8));
        assertTrue(byName.body().contains(assignments.get(0).toString()), byName.body());
    }

    @Test
    void pagesAreDisjoint() {
        Set<String> seen = new HashSet<>();
        for (int page = 0; page < 2; page++) {
            var r = list("?sort=-createdAt&page=" + page + "&size=2");
            assertEquals("3", r.raw().getHeaders().get("X-Total-Count"));
            r.json().values().forEach(n -> assertTrue(seen.add(n.get("id").getStringValue())));
        }
        assertEquals(3, seen.size());
    }

    @Test
    void badParametersAreA400ProblemNamingTheParameter() {
        Map<String, String> bad = Map.of("?sort=state", "sort", "?size=0", "size", "?page=1", "size", "?page=-1&size=2", "page");
        bad.forEach((query, field) -> {
            var r = list(query);
            assertEquals(400, r.status(), query + ": " + r);
            assertEquals("application/problem+json", r.contentType());
            assertTrue(r.body().contains("\"field\":\"" + field + "\""), query + ": " + r.body());
        });
        var unknownState = list("?state=SLEEPING");
        assertEquals(400, unknownState.status(), unknownState.toString());
        assertEquals("application/problem+json", unknownState.contentType());
    }

    @Test
    void aHandlaggareMayNotListAndAnotherOrganisationSeesNone() {
        assertEquals(403, fx.api.get("/api/assignments?kind=IDEELL", fx.handlaggare(fx.municipality()).accessToken()).status());
        var stranger = fx.coordinator(fx.organisation());
        assertEquals(0, fx.api.get("/api/assignments", stranger.accessToken()).json().size());
        assertEquals(404, fx.api.get("/api/assignments/" + assignments.get(0), stranger.accessToken()).status());
    }
}
