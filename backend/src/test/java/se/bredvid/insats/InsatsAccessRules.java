package se.bredvid.insats;

import jakarta.inject.Singleton;
import se.bredvid.platform.Roles;
import se.bredvid.testing.AccessRules;
import se.bredvid.testing.Fixtures;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static java.util.Map.entry;

/** Who may call the insats routes: the expected cells of the authorization matrix. */
@Singleton
class InsatsAccessRules implements AccessRules {

    private static final Set<String> C = Set.of(Roles.COORDINATOR);
    private static final Set<String> H = Set.of(Roles.HANDLAGGARE);
    private static final Set<String> STAFF = Set.of(Roles.COORDINATOR, Roles.HANDLAGGARE);
    private static final Set<String> VOLUNTEER = Set.of(Roles.VOLUNTEER_DEVICE);
    private static final Set<String> CLIENT = Set.of(Roles.CLIENT_DEVICE);

    @Override
    public Map<String, Set<String>> rules() {
        return Map.ofEntries(
                entry("GET /api/insats-parties", STAFF),
                entry("POST /api/insatser", C),
                entry("POST /api/referrals", H),
                entry("GET /api/insatser", STAFF),
                entry("GET /api/insatser/{id}", STAFF),
                entry("POST /api/insatser/{id}/consent", C),
                entry("DELETE /api/insatser/{id}/consent", C),
                entry("POST /api/insatser/{id}/volunteer-proposal", C),
                entry("POST /api/insatser/{id}/withdrawal", STAFF),
                entry("GET /api/insatser/{id}/volunteer", H),
                entry("POST /api/insatser/{id}/investigation", H),
                entry("POST /api/insatser/{id}/decision", H),
                entry("PUT /api/insatser/{id}/uppdrag", H),
                entry("PUT /api/insatser/{id}/plan", STAFF),
                entry("GET /api/insatser/{id}/plans", STAFF),
                entry("POST /api/insatser/{id}/end", H),
                entry("GET /api/insatser/{id}/follow-ups", STAFF),
                entry("POST /api/insatser/{id}/follow-ups/{followUpId}/report", C),
                entry("POST /api/insatser/{id}/follow-ups/{followUpId}/assessment", H),
                entry("GET /api/me/insatser", VOLUNTEER),
                entry("PUT /api/me/insatser/{id}/plan", VOLUNTEER),
                entry("GET /api/me/follow-ups", CLIENT),
                entry("POST /api/me/follow-ups/{id}/answer", CLIENT),
                entry("GET /api/me/time-reports", VOLUNTEER),
                entry("POST /api/me/time-reports", VOLUNTEER),
                entry("PUT /api/me/time-reports/{id}", VOLUNTEER),
                entry("GET /api/time-reports", STAFF),
                entry("POST /api/time-reports/{id}/approval", H),
                entry("POST /api/time-reports/{id}/return", H),
                entry("GET /api/time-reports/export", H),
                entry("POST /api/insatser/{id}/change", H),
                entry("GET /api/insatser/{id}/uppdrag-versions", STAFF),
                entry("GET /api/insatser/{id}/audit", H),
                entry("GET /api/time-reports/arvode-rate", H),
                entry("PUT /api/time-reports/arvode-rate", H),
                entry("GET /api/me/client/insatser", CLIENT),
                entry("POST /api/me/client/insatser/{id}/consent", CLIENT),
                entry("DELETE /api/me/client/insatser/{id}/consent", CLIENT),
                entry("POST /api/me/client/insatser/{id}/plan-confirmation", CLIENT),
                entry("GET /api/insatser/{id}/export.pdf", H),
                entry("GET /api/insats-gallring", H));
    }

    private static InsatsTestData.Case granted(Fixtures fx, TenantContext owner) {
        return new InsatsTestData(fx, fx.clock()).granted(owner.coordinator(), owner.handlaggare(), owner.municipalityId(), false);
    }

    private static InsatsTestData.Case proposed(Fixtures fx, TenantContext owner) {
        return new InsatsTestData(fx, fx.clock()).proposed(owner.coordinator(), owner.municipalityId(), false);
    }

    private static String openFollowUp(Fixtures fx, TenantContext owner) {
        InsatsTestData data = new InsatsTestData(fx, fx.clock());
        InsatsTestData.Case c = granted(fx, owner);
        return "/api/insatser/" + c.insatsId() + "/follow-ups/" + data.openFollowUp(owner.handlaggare(), c.insatsId());
    }

    private static UUID submittedReport(Fixtures fx, TenantContext owner) {
        InsatsTestData data = new InsatsTestData(fx, fx.clock());
        InsatsTestData.Case c = granted(fx, owner);
        var device = data.volunteerDevice(owner.coordinator(), c.volunteerId());
        var r = fx.api.post("/api/me/time-reports", device.accessToken(), Map.of("insatsId", c.insatsId(),
                "month", lastMonth(fx).toString(), "contacts", 1, "hours", BigDecimal.ONE, "expenses", List.of()));
        return UUID.fromString(r.text("id"));
    }

    private static YearMonth lastMonth(Fixtures fx) {
        return YearMonth.from(LocalDate.ofInstant(fx.clock().instant(), ZoneId.of("Europe/Stockholm"))).minusMonths(1);
    }

    @Override
    public Map<String, TenantFixture> tenantFixtures() {
        TenantFixture grantedPath = (fx, owner) -> "/api/insatser/" + granted(fx, owner).insatsId();
        TenantFixture proposedPath = (fx, owner) -> "/api/insatser/" + proposed(fx, owner).insatsId();
        Map<String, TenantFixture> m = new HashMap<>();
        m.put("GET /api/insatser/{id}", grantedPath);
        m.put("GET /api/insatser/{id}/plans", (fx, owner) -> grantedPath.create(fx, owner) + "/plans");
        m.put("GET /api/insatser/{id}/follow-ups", (fx, owner) -> grantedPath.create(fx, owner) + "/follow-ups");
        m.put("PUT /api/insatser/{id}/uppdrag", (fx, owner) -> grantedPath.create(fx, owner) + "/uppdrag");
        m.put("PUT /api/insatser/{id}/plan", (fx, owner) -> grantedPath.create(fx, owner) + "/plan");
        m.put("POST /api/insatser/{id}/end", (fx, owner) -> grantedPath.create(fx, owner) + "/end");
        m.put("POST /api/insatser/{id}/change", (fx, owner) -> grantedPath.create(fx, owner) + "/change");
        m.put("GET /api/insatser/{id}/uppdrag-versions", (fx, owner) -> grantedPath.create(fx, owner) + "/uppdrag-versions");
        m.put("GET /api/insatser/{id}/audit", (fx, owner) -> grantedPath.create(fx, owner) + "/audit");
        m.put("DELETE /api/insatser/{id}/consent", (fx, owner) -> grantedPath.create(fx, owner) + "/consent");
        m.put("GET /api/insatser/{id}/volunteer", (fx, owner) -> proposedPath.create(fx, owner) + "/volunteer");
        m.put("POST /api/insatser/{id}/investigation", (fx, owner) -> proposedPath.create(fx, owner) + "/investigation");
        m.put("POST /api/insatser/{id}/decision", (fx, owner) -> proposedPath.create(fx, owner) + "/decision");
        m.put("POST /api/insatser/{id}/withdrawal", (fx, owner) -> proposedPath.create(fx, owner) + "/withdrawal");
        m.put("POST /api/insatser/{id}/consent", (fx, owner) -> "/api/insatser/"
                + new InsatsTestData(fx, fx.clock()).drafted(owner.coordinator(), owner.municipalityId(), false).insatsId() + "/consent");
        m.put("POST /api/insatser/{id}/volunteer-proposal", (fx, owner) -> {
            var r = fx.api.post("/api/referrals", owner.handlaggare().accessToken(), InsatsFlowIT.referral(owner.organisationId()));
            return "/api/insatser/" + r.text("id") + "/volunteer-proposal";
        });
        m.put("POST /api/insatser/{id}/follow-ups/{followUpId}/report", (fx, owner) -> openFollowUp(fx, owner) + "/report");
        m.put("POST /api/insatser/{id}/follow-ups/{followUpId}/assessment", (fx, owner) -> openFollowUp(fx, owner) + "/assessment");
        m.put("PUT /api/me/insatser/{id}/plan", (fx, owner) -> "/api/me/insatser/" + granted(fx, owner).insatsId() + "/plan");
        m.put("GET /api/insatser/{id}/export.pdf", (fx, owner) -> grantedPath.create(fx, owner) + "/export.pdf");
        m.put("POST /api/me/client/insatser/{id}/consent", (fx, owner) -> "/api/me/client/insatser/"
                + new InsatsTestData(fx, fx.clock()).drafted(owner.coordinator(), owner.municipalityId(), false).insatsId() + "/consent");
        m.put("DELETE /api/me/client/insatser/{id}/consent", (fx, owner) -> "/api/me/client/insatser/"
                + granted(fx, owner).insatsId() + "/consent");
        m.put("POST /api/me/client/insatser/{id}/plan-confirmation", (fx, owner) -> "/api/me/client/insatser/"
                + granted(fx, owner).insatsId() + "/plan-confirmation");
        m.put("POST /api/time-reports/{id}/approval", (fx, owner) -> "/api/time-reports/" + submittedReport(fx, owner) + "/approval");
        m.put("POST /api/time-reports/{id}/return", (fx, owner) -> "/api/time-reports/" + submittedReport(fx, owner) + "/return");
        return m;
    }

    @Override
    public Map<String, Object> tenantBodies() {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/Stockholm"));
        Map<String, Object> m = new HashMap<>();
        m.put("PUT /api/insatser/{id}/uppdrag", Map.of("what", "Socialt stöd", "why", "Isolering"));
        m.put("PUT /api/insatser/{id}/plan", InsatsFlowIT.plan("Mål", today));
        m.put("PUT /api/me/insatser/{id}/plan", InsatsFlowIT.plan("Mål", today));
        m.put("POST /api/insatser/{id}/end", Map.of("endedOn", today.toString(), "reason", "OTHER"));
        m.put("POST /api/insatser/{id}/change", Map.of("decidedOn", today.toString(), "legalBasis", "4 kap. 1 § SoL",
                "periodEnd", today.plusMonths(9).toString(), "hoursPerMonth", 10));
        m.put("POST /api/insatser/{id}/investigation", Map.of("outcome", "SUITABLE", "investigatedOn", today.toString()));
        m.put("POST /api/insatser/{id}/decision", InsatsTestData.grant(today, today.plusMonths(6), today.plusMonths(3)));
        m.put("POST /api/insatser/{id}/consent", Map.of("givenOn", today.toString(), "form", "ORAL", "scope", List.of("PROPOSAL")));
        m.put("POST /api/insatser/{id}/volunteer-proposal", Map.of("assignmentId", UUID.randomUUID()));
        m.put("POST /api/insatser/{id}/withdrawal", Map.of());
        m.put("POST /api/insatser/{id}/follow-ups/{followUpId}/report", Map.of("text", "Rapport"));
        m.put("POST /api/insatser/{id}/follow-ups/{followUpId}/assessment", Map.of("heldOn", today.toString(),
                "assessment", "Bedömning", "outcome", "END", "endReason", "OTHER"));
        m.put("POST /api/time-reports/{id}/approval", Map.of());
        m.put("POST /api/me/client/insatser/{id}/consent", Map.of("scope", List.of("PROPOSAL")));
        m.put("POST /api/me/client/insatser/{id}/plan-confirmation", Map.of("version", 1));
        m.put("POST /api/time-reports/{id}/return", Map.of("comment", "Kvitto saknas"));
        return m;
    }
}
