package se.bredvid.insats;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.audit.AuditLog;
import se.bredvid.identity.AdminService;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Which model carries the insats, per municipality-organisation link (seed 001:209, 001:415): PROVIDER (the
 * organisation, today's behaviour) or MUNICIPALITY (the municipality's own uppdragstagare). Who writes the plan,
 * who is paid in the payroll CSV, and whether the organisation sees the time reports; the model recorded when the
 * insats is created.
 */
@MicronautTest(transactional = false)
class LinkModelIT extends InsatsTestBase {

    @Inject
    AdminService admin;

    /** A municipality of its own whose link with the test organisation has the model, and its handläggare. */
    private Fixtures.Staff municipality(AdminService.LinkModel model) {
        UUID m = fx.municipality();
        admin.link(AuditLog.Actor.system(), m, org, model);
        return fx.handlaggare(m);
    }

    private String path(UUID insats, String rest) {
        return "/api/insatser/" + insats + rest;
    }

    private static void conflict(Api.Response r, String type) {
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:" + type, r.problemType());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }

    @Test
    void underProviderTheOrganisationWritesThePlanAndTheMunicipalityReadsIt() {
        Fixtures.Staff hl = municipality(AdminService.LinkModel.PROVIDER);
        InsatsTestData.Case c = data.granted(coordinator, hl, hl.municipalityId(), false);
        assertEquals("PROVIDER", api.get(path(c.insatsId(), ""), hl.accessToken()).text("model"));
        assertEquals("PROVIDER", api.get(path(c.insatsId(), ""), coordinator.accessToken()).text("model"));
        conflict(api.put(path(c.insatsId(), "/plan"), hl.accessToken(), InsatsFlowIT.plan("Mål", data.today())), "plan-by-organisation");
        var r = api.put(path(c.insatsId(), "/plan"), coordinator.accessToken(), InsatsFlowIT.plan("Mål", data.today()));
        assertEquals(200, r.status(), r.toString());
        assertEquals("COORDINATOR", r.text("draftedBy"));
        assertEquals(1, api.get(path(c.insatsId(), "/plans"), hl.accessToken()).json().size());
    }

    @Test
    void underMunicipalityTheHandlaggareAndTheKontaktpersonWriteThePlanAndTheCoordinatorReadsIt() {
        Fixtures.Staff hl = municipality(AdminService.LinkModel.MUNICIPALITY);
        InsatsTestData.Case c = data.granted(coordinator, hl, hl.municipalityId(), false);
        assertEquals("MUNICIPALITY", api.get(path(c.insatsId(), ""), hl.accessToken()).text("model"));
        var list = api.get("/api/insatser", coordinator.accessToken());
        assertTrue(list.body().contains("\"model\":\"MUNICIPALITY\""), list.body());

        conflict(api.put(path(c.insatsId(), "/plan"), coordinator.accessToken(), InsatsFlowIT.plan("Mål", data.today())),
                "plan-by-municipality");
        var r = api.put(path(c.insatsId(), "/plan"), hl.accessToken(), InsatsFlowIT.plan("Skola och nätverk", data.today()));
        assertEquals(200, r.status(), r.toString());
        assertEquals("HANDLAGGARE", r.text("draftedBy"));
        var plans = api.get(path(c.insatsId(), "/plans"), coordinator.accessToken());
        assertEquals(200, plans.status());
        assertTrue(plans.body().contains("Skola och nätverk"), "the coordinator reads it");
        assertTrue(openKinds(coordinator, c.insatsId()).contains("PLAN_WRITTEN"), "the organisation is told");
        // The kontaktperson writes it from her phone, as in the other model.
        var device = data.volunteerDevice(coordinator, c.volunteerId());
        r = api.put("/api/me/insatser/" + c.insatsId() + "/plan", device.accessToken(), InsatsFlowIT.plan("Version två", data.today()));
        assertEquals(200, r.status(), r.toString());
        assertEquals("VOLUNTEER", r.text("draftedBy"));
        // Bad input stays 400, and another municipality's handläggare finds nothing.
        assertEquals(400, api.put(path(c.insatsId(), "/plan"), hl.accessToken(), Map.of("goals", List.of())).status());
        Fixtures.Staff stranger = municipality(AdminService.LinkModel.MUNICIPALITY);
        assertEquals(404, api.put(path(c.insatsId(), "/plan"), stranger.accessToken(), InsatsFlowIT.plan("x", data.today())).status());
        // Before the grant nobody writes a plan.
        InsatsTestData.Case proposed = data.proposed(coordinator, hl.municipalityId(), false);
        conflict(api.put(path(proposed.insatsId(), "/plan"), hl.accessToken(), InsatsFlowIT.plan("x", data.today())), "not-granted");
    }

    @Test
    void theHandlaggareApprovesInBothButOnlyUnderProviderDoesTheOrganisationSeeTheReportsAndGetPaid() {
        YearMonth month = YearMonth.from(data.today()).minusMonths(1);
        for (AdminService.LinkModel model : AdminService.LinkModel.values()) {
            Fixtures.Staff hl = municipality(model);
            InsatsTestData.Case c = data.granted(coordinator, hl, hl.municipalityId(), false);
            var device = data.volunteerDevice(coordinator, c.volunteerId());
            var sent = api.post("/api/me/time-reports", device.accessToken(), TimeReportIT.report(c.insatsId(), month, 2, "4", List.of()));
            assertEquals(201, sent.status(), sent.toString());
            String report = sent.text("id");
            assertTrue(api.get("/api/time-reports", hl.accessToken()).body().contains(report), "the handläggare sees it");
            boolean provider = model == AdminService.LinkModel.PROVIDER;
            assertEquals(provider, api.get("/api/time-reports", coordinator.accessToken()).body().contains(report),
                    model + ": the organisation sees the report only as the provider");
            // Returned and approved by the handläggare in both; the organisation is told of a return only as the provider.
            var returned = api.post("/api/time-reports/" + report + "/return", hl.accessToken(), Map.of("comment", "Stämmer timmarna?"));
            assertEquals(200, returned.status(), returned.toString());
            assertEquals(provider, openIds(coordinator).contains(report), model + ": TIME_REPORT_RETURNED to the organisation");
            assertEquals(200, api.put("/api/me/time-reports/" + report, device.accessToken(),
                    Map.of("contacts", 2, "hours", new BigDecimal("4"), "expenses", List.of())).status());
            assertEquals(200, api.post("/api/time-reports/" + report + "/approval", hl.accessToken(), Map.of()).status());
            // Who is paid: the organisation on its invoice, or the kontaktperson her arvode through payroll.
            List<List<String>> rows = TimeReportIT.parse(api.get("/api/time-reports/export?month=" + month, hl.accessToken()).body());
            assertEquals("payee", rows.get(0).get(8));
            List<String> row = rows.get(1);
            assertEquals(report, row.get(7));
            assertFalse(row.get(8).isBlank());
            assertEquals(provider ? row.get(2) : row.get(3), row.get(8), model + ": " + row);
        }
    }

    @Test
    void theInsatsKeepsTheModelOfItsLinkWhenItWasCreated() {
        Fixtures.Staff hl = municipality(AdminService.LinkModel.PROVIDER);
        InsatsTestData.Case before = data.granted(coordinator, hl, hl.municipalityId(), false);
        admin.link(AuditLog.Actor.system(), hl.municipalityId(), org, AdminService.LinkModel.MUNICIPALITY);
        assertEquals("PROVIDER", api.get(path(before.insatsId(), ""), hl.accessToken()).text("model"), "a running insats is not altered");
        var r = api.put(path(before.insatsId(), "/plan"), coordinator.accessToken(), InsatsFlowIT.plan("Mål", data.today()));
        assertEquals(200, r.status(), "the organisation still writes its plan");
        var referral = api.post("/api/referrals", hl.accessToken(), InsatsFlowIT.referral(org));
        assertEquals(201, referral.status(), referral.toString());
        assertEquals("MUNICIPALITY", referral.text("model"), "a new insats takes the link's model now");
    }

    private List<String> openKinds(Fixtures.Staff staff, UUID insats) {
        var r = api.get("/api/notifications", staff.accessToken());
        assertEquals(200, r.status(), r.toString());
        List<String> kinds = new java.util.ArrayList<>();
        for (var n : r.json().values()) {
            if (insats.toString().equals(n.get("objectId").getStringValue())) {
                kinds.add(n.get("kind").getStringValue());
            }
        }
        return kinds;
    }

    private String openIds(Fixtures.Staff staff) {
        return api.get("/api/notifications", staff.accessToken()).body();
    }
}
