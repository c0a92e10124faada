package se.bredvid.matching;

import jakarta.inject.Singleton;
import se.bredvid.platform.Roles;
import se.bredvid.recruiting.Recruits;
import se.bredvid.testing.AccessRules;
import se.bredvid.testing.Fixtures;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.Map.entry;

/** Who may call the matching routes: the expected cells of the authorization matrix. */
@Singleton
class MatchingAccessRules implements AccessRules {

    private static final Set<String> C = Set.of(Roles.COORDINATOR);

    @Override
    public Map<String, Set<String>> rules() {
        return Map.ofEntries(
                entry("POST /api/clients", C),
                entry("GET /api/clients", C),
                entry("GET /api/clients/{id}", C),
                entry("PUT /api/clients/{id}", C),
                entry("GET /api/clients/{id}/suggestions", C),
                entry("PUT /api/volunteers/{id}/matching-profile", C),
                entry("GET /api/volunteers/{id}/matching-profile", C),
                entry("POST /api/matching/batch", C),
                entry("POST /api/matching/batch/apply", C),
                entry("GET /api/assignments/support", C),
                entry("GET /api/matching/overview", C),
                entry("GET /api/waiting-list", C),
                entry("POST /api/assignments", C),
                entry("GET /api/assignments", C),
                entry("GET /api/assignments/{id}", C),
                entry("POST /api/assignments/{id}/transitions", C),
                entry("GET /api/reports", C),
                entry("GET /api/organisation/minors-policy", C),
                entry("PUT /api/organisation/minors-policy", C),
                entry("POST /api/clients/{id}/minor-step", C),
                entry("DELETE /api/clients/{id}/minor-step", C),
                entry("GET /api/me/contact", Set.of(Roles.CLIENT_DEVICE)),
                entry("POST /api/me/contact/end", Set.of(Roles.CLIENT_DEVICE)),
                entry("POST /api/me/reports", Set.of(Roles.CLIENT_DEVICE)),
                entry("POST /api/me/support-requests", Set.of(Roles.VOLUNTEER_DEVICE)),
                entry("GET /api/support-requests", Set.of(Roles.COORDINATOR)),
                entry("GET /api/me/clients", Set.of(Roles.VOLUNTEER_DEVICE)));
    }

    private static UUID client(Fixtures fx, TenantContext owner) {
        return UUID.fromString(fx.api.post("/api/clients", owner.coordinator().accessToken(), MatchingTestData.intake()).text("id"));
    }

    private static UUID volunteer(Fixtures fx, TenantContext owner) {
        return new MatchingTestData(fx, new Recruits(fx, fx.clock())).volunteer(owner.coordinator(), "WOMAN", 30, List.of());
    }

    @Override
    public Map<String, TenantFixture> tenantFixtures() {
        TenantFixture clientPath = (fx, owner) -> "/api/clients/" + client(fx, owner);
        TenantFixture volunteerProfile = (fx, owner) -> "/api/volunteers/" + volunteer(fx, owner) + "/matching-profile";
        TenantFixture assignment = (fx, owner) -> {
            var data = new MatchingTestData(fx, new Recruits(fx, fx.clock()));
            return "/api/assignments/" + data.propose(owner.coordinator(), client(fx, owner), volunteer(fx, owner), "IDEELL");
        };
        return Map.of(
                "GET /api/clients/{id}", clientPath,
                "PUT /api/clients/{id}", clientPath,
                "GET /api/clients/{id}/suggestions", (fx, owner) -> "/api/clients/" + client(fx, owner) + "/suggestions",
                "POST /api/clients/{id}/minor-step", (fx, owner) -> "/api/clients/" + client(fx, owner) + "/minor-step",
                "DELETE /api/clients/{id}/minor-step", (fx, owner) -> "/api/clients/" + client(fx, owner) + "/minor-step",
                "GET /api/volunteers/{id}/matching-profile", volunteerProfile,
                "PUT /api/volunteers/{id}/matching-profile", volunteerProfile,
                "GET /api/assignments/{id}", assignment,
                "POST /api/assignments/{id}/transitions", (fx, owner) -> assignment.create(fx, owner) + "/transitions");
    }

    @Override
    public Map<String, Object> tenantBodies() {
        return Map.of(
                "PUT /api/clients/{id}", MatchingTestData.intake(),
                "POST /api/clients/{id}/minor-step", Map.of("kind", "GUARDIAN_CONSENT", "recordedOn", "2026-01-05"),
                "PUT /api/volunteers/{id}/matching-profile", Map.of("gender", "WOMAN", "age", 30),
                "POST /api/assignments/{id}/transitions", Map.of("to", "PAUSED"));
    }
}
