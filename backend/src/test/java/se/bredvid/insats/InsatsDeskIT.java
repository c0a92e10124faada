package se.bredvid.insats;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Fixtures;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the handläggare's desk added (issue 15): the appeal information of a refusal, how a follow-up was held,
 * a change of period or hours outside a follow-up, and the uppdrag's versions with their author.
 */
@MicronautTest(transactional = false)
class InsatsDeskIT extends InsatsTestBase {

    private static Map<String, Object> change(String decidedOn, String periodEnd, int hours) {
        Map<String, Object> m = new HashMap<>();
        m.put("decidedOn", decidedOn);
        m.put("legalBasis", "4 kap. 1 § SoL");
        m.put("periodEnd", periodEnd);
        m.put("hoursPerMonth", hours);
        return m;
    }

    @Test
    void aRefusalKeepsItsAppealInformationAndShowsIt() {
        InsatsTestData.Case c = data.proposed(coordinator, mun, false);
        Map<String, Object> refusal = new HashMap<>();
        refusal.put("outcome", "REFUSED");
        refusal.put("decidedOn", data.today().toString());
        refusal.put("legalBasis", "4 kap. 1 § SoL");
        refusal.put("refusalReason", "Behovet tillgodoses på annat sätt.");
        refusal.put("appealInformation", "Du kan överklaga till förvaltningsrätten inom tre veckor.");
        var r = api.post("/api/insatser/" + c.insatsId() + "/decision", handlaggare.accessToken(), refusal);
        assertEquals(200, r.status(), r.body());
        assertEquals("Du kan överklaga till förvaltningsrätten inom tre veckor.",
                r.json().get("decisions").get(0).get("appealInformation").getStringValue());
        var seen = api.get("/api/insatser/" + c.insatsId(), coordinator.accessToken());
        assertTrue(seen.body().contains("förvaltningsrätten"), "the organisation sees how the person may appeal");
    }

    @Test
    void aFollowUpRecordsHowItWasHeld() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        UUID f = data.openFollowUp(handlaggare, c.insatsId());
        Map<String, Object> a = new HashMap<>();
        a.put("heldOn", data.today().toString());
        a.put("assessment", "Fungerar väl.");
        a.put("outcome", "CONTINUE");
        a.put("nextFollowUpOn", data.today().plusDays(14).toString());
        a.put("heldHow", "VIDEO");
        a.put("withClient", true);
        var r = api.post("/api/insatser/" + c.insatsId() + "/follow-ups/" + f + "/assessment", handlaggare.accessToken(), a);
        assertEquals(200, r.status(), r.body());
        var held = r.json().get("followUps").get(0);
        assertEquals("VIDEO", held.get("heldHow").getStringValue());
        assertTrue(held.get("withClient").getBooleanValue());
    }

    @Test
    void aChangeOutsideAFollowUpIsANewDecisionVersion() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        String end = data.today().plusMonths(10).toString();
        var r = api.post("/api/insatser/" + c.insatsId() + "/change", handlaggare.accessToken(), change(data.today().toString(), end, 12));
        assertEquals(200, r.status(), r.body());
        var decisions = r.json().get("decisions");
        var last = decisions.get(decisions.size() - 1);
        assertEquals("CHANGE", last.get("kind").getStringValue());
        assertEquals(end, last.get("periodEnd").getStringValue());
        assertEquals(12, last.get("hoursPerMonth").getIntValue());
    }

    @Test
    void aChangeThatLeavesThePlannedFollowUpOutsideThePeriodIsRefusedAtTheField() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        String path = "/api/insatser/" + c.insatsId() + "/change";
        Map<String, Object> later = change(data.today().toString(), data.today().plusMonths(10).toString(), 8);
        later.put("followUpOn", data.today().plusMonths(5).toString());
        var moved = api.post(path, handlaggare.accessToken(), later);
        assertEquals(200, moved.status(), moved.body());
        var r = api.post(path, handlaggare.accessToken(), change(data.today().toString(), data.today().plusMonths(3).toString(), 8));
        assertEquals(400, r.status(), r.body());
        assertTrue(r.body().contains("followUpOn"), r.body());
        Map<String, Object> sooner = change(data.today().toString(), data.today().plusMonths(3).toString(), 8);
        sooner.put("followUpOn", data.today().plusDays(1).toString());
        assertEquals(200, api.post(path, handlaggare.accessToken(), sooner).status());
    }

    @Test
    void theChangeIsTheHandlaggaresAndOnlyInTheirMunicipality() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        Map<String, Object> body = change(data.today().toString(), data.today().plusMonths(8).toString(), 8);
        assertEquals(403, api.post("/api/insatser/" + c.insatsId() + "/change", coordinator.accessToken(), body).status());
        Fixtures.Staff other = fx.handlaggare(fx.municipality());
        assertEquals(404, api.post("/api/insatser/" + c.insatsId() + "/change", other.accessToken(), body).status());
        assertEquals(404, api.get("/api/insatser/" + c.insatsId() + "/uppdrag-versions", other.accessToken()).status());
    }

    @Test
    void theUppdragVersionsNameWhoWroteThem() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        String path = "/api/insatser/" + c.insatsId();
        assertEquals(200, api.put(path + "/uppdrag", handlaggare.accessToken(), Map.of("what", "Första", "why", "Isolering")).status());
        assertEquals(200, api.put(path + "/uppdrag", handlaggare.accessToken(), Map.of("what", "Andra", "why", "Isolering")).status());
        var r = api.get(path + "/uppdrag-versions", handlaggare.accessToken());
        assertEquals(200, r.status(), r.body());
        assertEquals(2, r.json().size());
        assertEquals(2, r.json().get(0).get("version").getIntValue());
        assertEquals("Andra", r.json().get(0).get("what").getStringValue());
        assertTrue(!r.json().get(0).get("writtenBy").isNull(), "the author's name");
    }

    @Test
    void theMunicipalitySeesItsOwnAuditOfAnInsatsAndNothingElse() {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        String path = "/api/insatser/" + c.insatsId();
        assertEquals(200, api.put(path + "/uppdrag", handlaggare.accessToken(), Map.of("what", "Stöd 4417", "why", "Isolering")).status());
        assertEquals(200, api.get(path + "/plans", coordinator.accessToken()).status(), "the organisation reads too");
        var r = api.get(path + "/audit", handlaggare.accessToken());
        assertEquals(200, r.status(), r.body());
        java.util.List<String> actions = new java.util.ArrayList<>();
        r.json().values().forEach(e -> actions.add(e.get("action").getStringValue()));
        assertEquals("WRITE_UPPDRAG", actions.get(0), "newest first: " + actions);
        assertTrue(actions.containsAll(java.util.List.of("DECIDE_GRANTED", "RECORD_INVESTIGATION")), actions.toString());
        assertTrue(!actions.contains("PROPOSE") && !actions.contains("RECORD_CONSENT") && !actions.contains("READ_PLANS"),
                "never the organisation's entries: " + actions);
        r.json().values().forEach(e -> {
            assertEquals("HANDLAGGARE", e.get("role").getStringValue());
            assertTrue(!e.get("who").isNull(), "named by the account's display name");
        });
        assertTrue(!r.body().contains("4417"), "entries name actions, never content");
        // Looking is itself audited, and seen the next time.
        var again = api.get(path + "/audit", handlaggare.accessToken());
        assertEquals("READ_AUDIT", again.json().get(0).get("action").getStringValue());
        Fixtures.Staff other = fx.handlaggare(fx.municipality());
        assertEquals(404, api.get(path + "/audit", other.accessToken()).status());
        assertEquals(403, api.get(path + "/audit", coordinator.accessToken()).status());
        assertEquals(401, api.get(path + "/audit", null).status());
        var bad = api.get("/api/insatser/not-an-id/audit", handlaggare.accessToken());
        assertEquals(400, bad.status(), bad.body());
        assertEquals("application/problem+json", bad.contentType());
    }

    @Test
    void theArvodeRateIsTheMunicipalitysOwn() {
        Fixtures.Staff other = fx.handlaggare(fx.municipality());
        var set = api.put("/api/time-reports/arvode-rate", handlaggare.accessToken(), Map.of("perHour", new java.math.BigDecimal("152.50")));
        assertEquals(200, set.status(), set.body());
        String read = api.get("/api/time-reports/arvode-rate", handlaggare.accessToken()).json().get("perHour").coerceStringValue();
        assertEquals(0, new java.math.BigDecimal("152.50").compareTo(new java.math.BigDecimal(read)), read);
        var others = api.get("/api/time-reports/arvode-rate", other.accessToken()).json().get("perHour");
        assertTrue(others == null || others.isNull(), "another municipality's rate is its own (none set)");
        assertEquals(403, api.put("/api/time-reports/arvode-rate", coordinator.accessToken(), Map.of("perHour", 1)).status());
        assertEquals(400, api.put("/api/time-reports/arvode-rate", handlaggare.accessToken(), Map.of("perHour", -1)).status());
    }
}
