package se.bredvid.recruiting;

import io.micronaut.http.HttpMethod;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.web.router.Router;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.identity.SubjectKind;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.AccessRules;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Organisation isolation and role rules of every recruiting route. */
@MicronautTest(transactional = false)
class IsolationIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    Router router;

    @Inject
    RecruitingAccessRules rules;

    Recruits recruits;
    Fixtures.Staff ours;
    Fixtures.Staff theirs;

    @BeforeAll
    void setUp() {
        recruits = new Recruits(fx, clock);
        ours = fx.coordinator(fx.organisation());
        theirs = fx.coordinator(fx.organisation());
    }

    private static boolean mine(String template) {
        return template.startsWith("/api/recruiting") || template.startsWith("/api/public/volunteer-applications")
                || template.endsWith("/volunteer-applications");
    }

    private static String concrete(String template) {
        return template.replaceAll("\\{[^}]+}", UUID.randomUUID().toString());
    }

    @Test
    void everyRouteOfTheModuleHasAnAccessRule() {
        Set<String> routes = router.uriRoutes().map(r -> r.getHttpMethodName() + " " + r.getUriMatchTemplate().toString())
                .filter(r -> mine(r.substring(r.indexOf(' ') + 1)) && !r.startsWith("HEAD "))
                .collect(Collectors.toCollection(TreeSet::new));
        assertEquals(new TreeSet<>(rules.rules().keySet()), routes);
    }

    @Test
    void everyoneOutsideTheRulesIsRefused() {
        var client = fx.pairedDevice(ours, SubjectKind.CLIENT, UUID.randomUUID());
        var volunteer = fx.pairedDevice(ours, SubjectKind.VOLUNTEER, UUID.randomUUID());
        Map<String, String> tokens = new LinkedHashMap<>();
        tokens.put(AccessRules.ANONYMOUS, null);
        tokens.put("ADMIN", fx.admin().accessToken());
        tokens.put("HANDLAGGARE", fx.handlaggare(fx.municipality()).accessToken());
        tokens.put("CLIENT_DEVICE", client.accessToken());
        tokens.put("VOLUNTEER_DEVICE", volunteer.accessToken());
        int checked = 0;
        int expectedChecks = 0;
        for (var rule : rules.rules().entrySet()) {
            expectedChecks += (int) tokens.keySet().stream().filter(p -> !rule.getValue().contains(p)).count();
        }
        for (var rule : rules.rules().entrySet()) {
            String method = rule.getKey().substring(0, rule.getKey().indexOf(' '));
            String path = concrete(rule.getKey().substring(method.length() + 1));
            for (var principal : tokens.entrySet()) {
                if (rule.getValue().contains(principal.getKey())) {
                    continue;
                }
                var r = fx.api.send(HttpMethod.valueOf(method), path, principal.getValue(),
                        method.equals("GET") ? null : "{}");
                int expected = principal.getValue() == null ? 401 : 403;
                assertEquals(expected, r.status(), principal.getKey() + " " + rule.getKey() + ": " + r);
                assertEquals("application/problem+json", r.contentType());
                checked++;
            }
        }
        assertEquals(expectedChecks, checked);
        assertTrue(checked > 100, "checked " + checked);
    }

    /** Valid bodies, so that only the owner check can refuse. */
    private Map<String, Object> bodyFor(String route) {
        Map<String, Object> bodies = new HashMap<>();
        bodies.put("POST /api/recruiting/volunteers/{id}/transitions", Map.of("to", "INTERVIEW_BOOKED", "reason", "x"));
        bodies.put("POST /api/recruiting/volunteers/{id}/interviews", recruits.interview());
        bodies.put("POST /api/recruiting/volunteers/{id}/background-checks", Map.of("kind", "GENERAL",
                "issuedOn", recruits.today().minusDays(9).toString(), "seenOn", recruits.today().minusDays(2).toString()));
        bodies.put("PUT /api/recruiting/curriculum/themes/{themeId}", Map.of("title", "Övertagen", "minutes", 60,
                "mandatory", false));
        bodies.put("POST /api/recruiting/cohorts/{cohortId}/members", Map.of("volunteerId", recruits.apply(theirs)));
        bodies.put("POST /api/recruiting/cohorts/{cohortId}/sessions", Map.of("themeId",
                fx.api.get("/api/recruiting/curriculum", theirs.accessToken()).json().get(0).get("id").getStringValue(),
                "startsAt", clock.instant().toString()));
        bodies.put("PUT /api/recruiting/training-sessions/{sessionId}/attendance/{volunteerId}", Map.of("present", true));
        bodies.put("PUT /api/recruiting/supervision-sessions/{sessionId}/attendance/{volunteerId}", Map.of("present", true));
        return (Map<String, Object>) bodies.get(route);
    }

    @Test
    void anotherOrganisationsCoordinatorFindsNoneOfOurObjects() {
        var owner = new AccessRules.TenantContext(ours.organisationId(), null, ours, null);
        assertEquals(rules.rules().keySet().stream().filter(k -> k.contains("{") && !k.contains("{organisationId}"))
                .collect(Collectors.toSet()), rules.tenantFixtures().keySet(), "every route with an object id has a fixture");
        for (var fixture : rules.tenantFixtures().entrySet()) {
            String method = fixture.getKey().substring(0, fixture.getKey().indexOf(' '));
            String path = fixture.getValue().create(fx, owner);
            var r = fx.api.send(HttpMethod.valueOf(method), path, theirs.accessToken(), bodyFor(fixture.getKey()));
            assertEquals(404, r.status(), fixture.getKey() + ": " + r);
            assertEquals("urn:bredvid:problem:not-found", r.problemType());
            if (method.equals("GET")) {
                var own = fx.api.get(path, ours.accessToken());
                assertNotEquals(404, own.status(), "the owner finds " + fixture.getKey());
                assertTrue(own.status() < 500, own.toString());
            }
        }
    }

    @Test
    void listsAndFiguresShowOnlyTheCallersOrganisation() {
        var theirs = fx.coordinator(fx.organisation());
        String name = Recruits.uniqueName("Hemlig");
        UUID id = recruits.apply(ours, recruits.application(name));
        recruits.cohortOf(ours);
        fx.api.post("/api/recruiting/supervision-sessions", ours.accessToken(),
                Map.of("heldAt", clock.instant().toString(), "kind", "GROUP", "minutes", 60));
        for (String path : List.of("/api/recruiting/volunteers", "/api/recruiting/cohorts",
                "/api/recruiting/supervision-sessions", "/api/recruiting/roster.csv", "/api/recruiting/supervision/overdue")) {
            var r = fx.api.get(path, theirs.accessToken());
            assertEquals(200, r.status(), path + ": " + r);
            assertFalse(r.body().contains(id.toString()) || r.body().contains(name), path);
        }
        assertEquals(0, fx.api.get("/api/recruiting/volunteers", theirs.accessToken()).json().size());
        assertEquals(0, fx.api.get("/api/recruiting/cohorts", theirs.accessToken()).json().size());
        assertEquals(0, fx.api.get("/api/recruiting/supervision-sessions", theirs.accessToken()).json().size());
        var overview = fx.api.get("/api/recruiting/overview", theirs.accessToken());
        assertEquals(0, overview.json().get("applications").getIntValue());
    }

    @Test
    void ourVolunteersCannotBeAddedToAnotherOrganisationsRecords() {
        UUID ourVolunteer = recruits.volunteerIn(ours, VolunteerState.APPROVED);
        var theirCohort = recruits.cohortOf(theirs);
        var enrol = fx.api.post("/api/recruiting/cohorts/" + theirCohort.id() + "/members", theirs.accessToken(),
                Map.of("volunteerId", ourVolunteer));
        assertEquals(404, enrol.status(), enrol.toString());
        var attend = recruits.markPresent(theirs, theirCohort.sessionIds().get(0), ourVolunteer, true);
        assertEquals(404, attend.status(), attend.toString());
        var session = fx.api.post("/api/recruiting/supervision-sessions", theirs.accessToken(),
                Map.of("heldAt", clock.instant().toString(), "kind", "GROUP", "minutes", 60));
        var supervised = fx.api.put("/api/recruiting/supervision-sessions/" + session.text("id") + "/attendance/" + ourVolunteer,
                theirs.accessToken(), Map.of("present", true));
        assertEquals(404, supervised.status(), supervised.toString());
    }
}
