package se.bredvid.insats;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import se.bredvid.matching.ProtectionLevel;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Protected identity as levels (seed 003:783-797): every cell of the table in docs/insats.md "Who sees what",
 * per level — the municipality's name and the uppdrag text on the kontaktperson's device, the case reference in
 * the payroll CSV and in the organisation's view — and the insats following the stricter of the referral's and
 * the client intake's level.
 */
@MicronautTest(transactional = false)
class ProtectionLevelIT extends InsatsTestBase {

    private static final String CASE = "RVT-2026-117";

    /** A referral at the level, granted with an uppdrag, its kontaktperson's device, in a municipality of its own. */
    private record Granted(UUID insatsId, UUID clientId, Fixtures.Staff handlaggare, Fixtures.PairedDevice device) {
    }

    private Granted granted(Map<String, Object> referral) {
        Fixtures.Staff hl = fx.handlaggare(fx.municipality());
        var r = api.post("/api/referrals", hl.accessToken(), referral);
        assertEquals(201, r.status(), r.toString());
        UUID id = UUID.fromString(r.text("id"));
        UUID client = UUID.fromString(api.get("/api/insatser/" + id, coordinator.accessToken()).text("clientId"));
        UUID volunteer = data.volunteer(coordinator);
        UUID assignment = data.assignment(coordinator, client, volunteer, "INSATS");
        ok(api.post("/api/insatser/" + id + "/volunteer-proposal", coordinator.accessToken(), Map.of("assignmentId", assignment)));
        ok(data.investigate(hl, id, "SUITABLE"));
        LocalDate start = data.periodStart();
        Map<String, Object> grant = InsatsTestData.grant(start, start.plusMonths(6), data.today().plusDays(10));
        grant.remove("caseReference");
        ok(api.post("/api/insatser/" + id + "/decision", hl.accessToken(), grant));
        ok(api.put("/api/insatser/" + id + "/uppdrag", hl.accessToken(), Map.of("what", "Socialt stöd i vardagen", "why", "Isolering")));
        return new Granted(id, client, hl, data.volunteerDevice(coordinator, volunteer));
    }

    private static Map<String, Object> referral(UUID org, ProtectionLevel level) {
        Map<String, Object> m = InsatsFlowIT.referral(org);
        m.remove("protectedIdentity");
        if (level != null) {
            m.put("protectionLevel", level.name());
        }
        return m;
    }

    @ParameterizedTest
    @EnumSource(ProtectionLevel.class)
    void eachLevelShowsAndHidesWhatTheTableSays(ProtectionLevel level) {
        Granted g = granted(referral(org, level));
        boolean none = level == ProtectionLevel.NONE;
        boolean upToMarking = level == ProtectionLevel.NONE || level == ProtectionLevel.SEKRETESSMARKERING;

        // Both parties see the level, and the old flag beside it.
        for (Fixtures.Staff staff : List.of(coordinator, g.handlaggare())) {
            var d = api.get("/api/insatser/" + g.insatsId(), staff.accessToken());
            ok(d);
            assertEquals(level.name(), d.text("protectionLevel"));
            assertEquals(!none, d.json().get("protectedIdentity").getBooleanValue());
        }
        var listed = api.get("/api/insatser", g.handlaggare().accessToken()).json().get(0);
        assertEquals(level.name(), listed.get("protectionLevel").getStringValue());

        // The kontaktperson's device: the municipality's name only without protection; the uppdrag up to a marking.
        var mine = api.get("/api/me/insatser", g.device().accessToken());
        ok(mine);
        JsonNode m = mine.json().get(0);
        assertEquals(none, !InsatsFlowIT.absent(m, "municipality"), "municipality at " + level + ": " + mine.body());
        assertEquals(upToMarking, !InsatsFlowIT.absent(m, "uppdrag"), "uppdrag at " + level + ": " + mine.body());
        assertFalse(InsatsFlowIT.absent(m, "clientPseudonym"));
        assertFalse(InsatsFlowIT.absent(m, "periodEnd"));
        assertFalse(InsatsFlowIT.absent(m, "hoursPerMonth"));
        assertFalse(mine.body().contains(CASE), "the case reference never reaches the kontaktperson");

        // The organisation sees the municipality's case reference, except under fingerade personuppgifter;
        // whom to contact at the municipality it always sees, and the municipality always sees its own reference.
        var org = api.get("/api/insatser/" + g.insatsId(), coordinator.accessToken());
        assertEquals(level != ProtectionLevel.FINGERADE_PERSONUPPGIFTER, org.body().contains(CASE), org.body());
        assertEquals("Sara på RVT", org.json().get("municipalityContact").get("name").getStringValue());
        assertEquals(CASE, api.get("/api/insatser/" + g.insatsId(), g.handlaggare().accessToken()).text("caseReference"));

        // Payroll: the case reference up to a marking, else the insats id's first 8 characters.
        YearMonth month = YearMonth.from(data.today()).minusMonths(1);
        var sent = api.post("/api/me/time-reports", g.device().accessToken(), Map.of("insatsId", g.insatsId(),
                "month", month.toString(), "contacts", 2, "hours", new BigDecimal("3"), "expenses", List.of()));
        assertEquals(201, sent.status(), sent.toString());
        ok(api.post("/api/time-reports/" + sent.text("id") + "/approval", g.handlaggare().accessToken(), Map.of()));
        var csv = api.get("/api/time-reports/export?month=" + month, g.handlaggare().accessToken());
        ok(csv);
        List<List<String>> rows = TimeReportIT.parse(csv.body());
        assertEquals(upToMarking ? CASE : g.insatsId().toString().substring(0, 8), rows.get(1).get(1), csv.body());
        assertEquals(upToMarking, csv.body().contains(CASE));
    }

    @Test
    void anOlderCallersFlagMeansSkyddadFolkbokforing() {
        var r = api.post("/api/referrals", handlaggare.accessToken(), InsatsFlowIT.referral(org));
        assertEquals(201, r.status(), r.toString());
        assertEquals("SKYDDAD_FOLKBOKFORING", r.text("protectionLevel"));
        assertTrue(r.json().get("protectedIdentity").getBooleanValue());
        // Without either, no protection.
        r = api.post("/api/referrals", handlaggare.accessToken(), referral(org, null));
        assertEquals(201, r.status(), r.toString());
        assertEquals("NONE", r.text("protectionLevel"));
        assertFalse(r.json().get("protectedIdentity").getBooleanValue());
        // The client intake answers the same way.
        var client = api.post("/api/clients", coordinator.accessToken(), InsatsTestData.intake(true));
        assertEquals(201, client.status(), client.toString());
        assertEquals("SKYDDAD_FOLKBOKFORING", client.text("protectionLevel"));
        assertTrue(client.json().get("protectedIdentity").getBooleanValue());
    }

    @Test
    void theInsatsFollowsTheStricterOfTheReferralAndTheClientIntake() {
        Granted g = granted(referral(org, ProtectionLevel.SEKRETESSMARKERING));
        JsonNode mine = api.get("/api/me/insatser", g.device().accessToken()).json().get(0);
        assertFalse(InsatsFlowIT.absent(mine, "uppdrag"));
        // The coordinator learns the client lives under fingerade personuppgifter and raises the intake's level.
        var detail = api.get("/api/clients/" + g.clientId(), coordinator.accessToken());
        ok(detail);
        Map<String, Object> intake = InsatsTestData.intake(false);
        intake.put("ageBand", "AGE_18_25");
        intake.put("protectionLevel", "FINGERADE_PERSONUPPGIFTER");
        ok(api.put("/api/clients/" + g.clientId(), coordinator.accessToken(), intake));
        var d = api.get("/api/insatser/" + g.insatsId(), coordinator.accessToken());
        assertEquals("FINGERADE_PERSONUPPGIFTER", d.text("protectionLevel"));
        assertTrue(InsatsFlowIT.absent(d.json(), "caseReference"));
        mine = api.get("/api/me/insatser", g.device().accessToken()).json().get(0);
        assertTrue(InsatsFlowIT.absent(mine, "uppdrag"));
        assertTrue(InsatsFlowIT.absent(mine, "municipality"));
        // A referral's level is never lowered by a laxer intake.
        intake.put("protectionLevel", "NONE");
        ok(api.put("/api/clients/" + g.clientId(), coordinator.accessToken(), intake));
        assertEquals("SEKRETESSMARKERING", api.get("/api/insatser/" + g.insatsId(), g.handlaggare().accessToken()).text("protectionLevel"));
    }

    @Test
    void anUnknownLevelIsABadRequest() {
        Map<String, Object> m = InsatsFlowIT.referral(org);
        m.put("protectionLevel", "KVARSKRIVNING");
        var r = api.post("/api/referrals", handlaggare.accessToken(), m);
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        Map<String, Object> intake = InsatsTestData.intake(false);
        intake.put("protectionLevel", "HEMLIG");
        r = api.post("/api/clients", coordinator.accessToken(), intake);
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }

    private static void ok(Api.Response r) {
        assertTrue(r.status() >= 200 && r.status() < 300, r.toString());
    }
}
