package se.bredvid.recruiting;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.env.Environment;
import jakarta.inject.Singleton;
import se.bredvid.platform.Roles;
import se.bredvid.testing.AccessRules;
import se.bredvid.testing.Fixtures;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Who may call each route of the recruiting module, written down independently of the controllers. The two
 * public routes are open to everyone (signed in or not); every other route is for coordinators only, of
 * the object's own organisation. Handläggare see nothing here: they see a volunteer only through the insats
 * module, when the volunteer is proposed to their municipality.
 */
@Singleton
@Requires(env = Environment.TEST)
public class RecruitingAccessRules implements AccessRules {

    private static final Set<String> EVERYONE = Set.of(ANONYMOUS, Roles.ADMIN, Roles.COORDINATOR, Roles.HANDLAGGARE,
            Roles.CLIENT_DEVICE, Roles.VOLUNTEER_DEVICE);
    private static final Set<String> COORDINATOR = Set.of(Roles.COORDINATOR);

    @Override
    public Map<String, Set<String>> rules() {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put("GET /api/public/volunteer-applications/consent", EVERYONE);
        m.put("POST /api/public/organisations/{organisationId}/volunteer-applications", EVERYONE);

        m.put("GET /api/recruiting/volunteers", COORDINATOR);
        m.put("GET /api/recruiting/volunteers/{id}", COORDINATOR);
        m.put("GET /api/recruiting/volunteers/{id}/transitions", COORDINATOR);
        m.put("POST /api/recruiting/volunteers/{id}/transitions", COORDINATOR);
        m.put("GET /api/recruiting/volunteers/{id}/interviews", COORDINATOR);
        m.put("POST /api/recruiting/volunteers/{id}/interviews", COORDINATOR);
        m.put("GET /api/recruiting/volunteers/{id}/background-checks", COORDINATOR);
        m.put("POST /api/recruiting/volunteers/{id}/background-checks", COORDINATOR);
        m.put("GET /api/recruiting/volunteers/{id}/training", COORDINATOR);
        m.put("GET /api/recruiting/volunteers/{id}/training-certificate", COORDINATOR);

        m.put("GET /api/recruiting/curriculum", COORDINATOR);
        m.put("POST /api/recruiting/curriculum/themes", COORDINATOR);
        m.put("PUT /api/recruiting/curriculum/themes/{themeId}", COORDINATOR);
        m.put("POST /api/recruiting/cohorts", COORDINATOR);
        m.put("GET /api/recruiting/cohorts", COORDINATOR);
        m.put("GET /api/recruiting/cohorts/{cohortId}", COORDINATOR);
        m.put("POST /api/recruiting/cohorts/{cohortId}/members", COORDINATOR);
        m.put("POST /api/recruiting/cohorts/{cohortId}/sessions", COORDINATOR);
        m.put("POST /api/recruiting/make-up-sessions", COORDINATOR);
        m.put("GET /api/recruiting/training-sessions/{sessionId}", COORDINATOR);
        m.put("PUT /api/recruiting/training-sessions/{sessionId}/attendance/{volunteerId}", COORDINATOR);

        m.put("POST /api/recruiting/supervision-sessions", COORDINATOR);
        m.put("GET /api/recruiting/supervision-sessions", COORDINATOR);
        m.put("GET /api/recruiting/supervision-sessions/{sessionId}", COORDINATOR);
        m.put("PUT /api/recruiting/supervision-sessions/{sessionId}/attendance/{volunteerId}", COORDINATOR);
        m.put("GET /api/recruiting/supervision/overdue", COORDINATOR);
        m.put("GET /api/recruiting/volunteers/{id}/supervision", COORDINATOR);
        m.put("GET /api/recruiting/make-up-sessions", COORDINATOR);

        m.put("GET /api/recruiting/overview", COORDINATOR);
        m.put("GET /api/recruiting/roster.csv", COORDINATOR);
        return m;
    }

    @Override
    public Map<String, TenantFixture> tenantFixtures() {
        Map<String, TenantFixture> m = new LinkedHashMap<>();
        for (String route : new String[] {"GET /api/recruiting/volunteers/{id}",
                "GET /api/recruiting/volunteers/{id}/transitions", "POST /api/recruiting/volunteers/{id}/transitions",
                "GET /api/recruiting/volunteers/{id}/interviews", "POST /api/recruiting/volunteers/{id}/interviews",
                "GET /api/recruiting/volunteers/{id}/background-checks",
                "POST /api/recruiting/volunteers/{id}/background-checks",
                "GET /api/recruiting/volunteers/{id}/training", "GET /api/recruiting/volunteers/{id}/training-certificate",
                "GET /api/recruiting/volunteers/{id}/supervision"}) {
            String suffix = route.substring(route.indexOf("{id}") + 4);
            m.put(route, (fx, owner) -> "/api/recruiting/volunteers/" + volunteer(fx, owner) + suffix);
        }
        m.put("PUT /api/recruiting/curriculum/themes/{themeId}", (fx, owner) -> {
            var r = fx.api.get("/api/recruiting/curriculum", owner.coordinator().accessToken());
            return "/api/recruiting/curriculum/themes/" + r.json().get(0).get("id").getStringValue();
        });
        m.put("GET /api/recruiting/cohorts/{cohortId}", (fx, owner) -> "/api/recruiting/cohorts/" + cohort(fx, owner).id());
        m.put("POST /api/recruiting/cohorts/{cohortId}/members",
                (fx, owner) -> "/api/recruiting/cohorts/" + cohort(fx, owner).id() + "/members");
        m.put("POST /api/recruiting/cohorts/{cohortId}/sessions",
                (fx, owner) -> "/api/recruiting/cohorts/" + cohort(fx, owner).id() + "/sessions");
        m.put("GET /api/recruiting/training-sessions/{sessionId}",
                (fx, owner) -> "/api/recruiting/training-sessions/" + cohort(fx, owner).sessionIds().get(0));
        m.put("PUT /api/recruiting/training-sessions/{sessionId}/attendance/{volunteerId}",
                (fx, owner) -> "/api/recruiting/training-sessions/" + cohort(fx, owner).sessionIds().get(0)
                        + "/attendance/" + volunteer(fx, owner));
        m.put("GET /api/recruiting/supervision-sessions/{sessionId}",
                (fx, owner) -> "/api/recruiting/supervision-sessions/" + supervision(fx, owner));
        m.put("PUT /api/recruiting/supervision-sessions/{sessionId}/attendance/{volunteerId}",
                (fx, owner) -> "/api/recruiting/supervision-sessions/" + supervision(fx, owner) + "/attendance/"
                        + volunteer(fx, owner));
        return m;
    }

    private static Recruits recruits(Fixtures fx) {
        return new Recruits(fx, Clock.systemUTC());
    }

    private static UUID volunteer(Fixtures fx, TenantContext owner) {
        return recruits(fx).apply(owner.coordinator());
    }

    private static Recruits.Cohort cohort(Fixtures fx, TenantContext owner) {
        return recruits(fx).newCohort(owner.coordinator(), Instant.now().minus(Duration.ofDays(70)));
    }

    private static UUID supervision(Fixtures fx, TenantContext owner) {
        var r = fx.api.post("/api/recruiting/supervision-sessions", owner.coordinator().accessToken(),
                Map.of("heldAt", Instant.now().minus(Duration.ofDays(1)).toString(), "kind", "GROUP", "minutes", 90));
        return UUID.fromString(r.text("id"));
    }

    /** Valid bodies for the tenant check, so that only the owner check can refuse (see also IsolationIT). */
    @Override
    public Map<String, Object> tenantBodies() {
        java.time.LocalDate today = java.time.LocalDate.now(java.time.ZoneId.of("Europe/Stockholm"));
        return Map.of(
                "POST /api/recruiting/volunteers/{id}/transitions", Map.of("to", "INTERVIEW_BOOKED", "reason", "x"),
                "POST /api/recruiting/volunteers/{id}/interviews", Map.of("heldOn", today.toString(),
                        "interviewers", java.util.List.of("Intervjuare"), "motivation", 4, "timeAvailable", 4,
                        "understanding", 4, "suitability", "SUITABLE"),
                "POST /api/recruiting/volunteers/{id}/background-checks", Map.of("kind", "GENERAL",
                        "issuedOn", today.minusDays(9).toString(), "seenOn", today.minusDays(2).toString()),
                "PUT /api/recruiting/curriculum/themes/{themeId}", Map.of("title", "Övertagen", "minutes", 60, "mandatory", false),
                "POST /api/recruiting/cohorts/{cohortId}/members", Map.of("volunteerId", java.util.UUID.randomUUID()),
                "POST /api/recruiting/cohorts/{cohortId}/sessions", Map.of("themeId", java.util.UUID.randomUUID(),
                        "startsAt", java.time.Instant.now().toString()),
                "PUT /api/recruiting/training-sessions/{sessionId}/attendance/{volunteerId}", Map.of("present", true),
                "PUT /api/recruiting/supervision-sessions/{sessionId}/attendance/{volunteerId}", Map.of("present", true));
    }
}
