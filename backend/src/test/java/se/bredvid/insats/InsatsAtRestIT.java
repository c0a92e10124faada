package se.bredvid.insats;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Threat model 2: an insider reading the database finds no free text of an insats in clear — not the case
 * reference, the municipality contact, the uppdrag, the plan, the follow-up texts or the client's answers.
 */
@MicronautTest(transactional = false)
class InsatsAtRestIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    DataSource dataSource;

    @Test
    void noInsatsTextIsStoredInClear() throws Exception {
        UUID org = fx.organisation();
        UUID mun = fx.municipality();
        Fixtures.Staff coordinator = fx.coordinator(org);
        Fixtures.Staff handlaggare = fx.handlaggare(mun);
        InsatsTestData data = new InsatsTestData(fx, clock);
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        String id = c.insatsId().toString();
        var api = fx.api;
        assertEquals(200, api.put("/api/insatser/" + id + "/uppdrag", handlaggare.accessToken(),
                Map.of("what", "Uppdragstext-Zebra", "why", "Motiv-Giraff")).status());
        assertEquals(200, api.put("/api/insatser/" + id + "/plan", coordinator.accessToken(),
                InsatsFlowIT.plan("Planmål-Okapi", data.today())).status());
        UUID f = data.openFollowUp(coordinator, c.insatsId());
        assertEquals(200, api.post("/api/insatser/" + id + "/follow-ups/" + f + "/report", coordinator.accessToken(),
                Map.of("text", "Rapport-Tapir")).status());
        var client = data.clientDevice(coordinator, c.clientId());
        assertEquals(200, api.post("/api/me/follow-ups/" + f + "/answer", client.accessToken(), Map.of("contactWorks", 3,
                "getsSupport", "PARTLY", "wantsToContinue", "YES", "wishes", "Önskan-Lemur", "shareWithMunicipality", true)).status());
        var device = data.volunteerDevice(coordinator, c.volunteerId());
        var report = api.post("/api/me/time-reports", device.accessToken(), Map.of("insatsId", id,
                "month", YearMonth.from(data.today()).minusMonths(1).toString(), "contacts", 2, "hours", BigDecimal.ONE,
                "expenses", List.of(Map.of("description", "Utlägg-Panda", "amount", BigDecimal.TEN))));
        assertEquals(201, report.status(), report.toString());
        assertEquals(200, api.post("/api/time-reports/" + report.text("id") + "/return", handlaggare.accessToken(),
                Map.of("comment", "Kommentar-Koala")).status());

        List<String> secrets = List.of("SOC-2026-0042", "Handläggare Hanna", "Behöver ett socialt sammanhang",
                "Referenser kontrollerade", "Uppdragstext-Zebra", "Motiv-Giraff", "Planmål-Okapi", "Rapport-Tapir",
                "Önskan-Lemur", "Utlägg-Panda", "Kommentar-Koala");
        List<String> found = new ArrayList<>();
        try (Connection conn = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = conn.createStatement()) {
            for (String table : List.of("insats", "insats_consent", "insats_decision", "insats_uppdrag", "insats_plan",
                    "insats_follow_up", "time_report", "time_report_expense", "audit_entry")) {
                try (ResultSet rs = st.executeQuery("select * from " + table)) {
                    int columns = rs.getMetaData().getColumnCount();
                    while (rs.next()) {
                        for (int i = 1; i <= columns; i++) {
                            Object v = rs.getObject(i);
                            String text = v instanceof byte[] b ? new String(b, StandardCharsets.UTF_8) : String.valueOf(v);
                            for (String s : secrets) {
                                if (text.contains(s)) {
                                    found.add(table + "." + rs.getMetaData().getColumnName(i) + ": " + s);
                                }
                            }
                        }
                    }
                }
            }
        }
        assertTrue(found.isEmpty(), "stored in clear: " + found);
        // And it all reads back for the parties.
        var detail = api.get("/api/insatser/" + id, handlaggare.accessToken());
        assertEquals("Motiv-Giraff", detail.json().get("uppdrag").get("why").getStringValue());
        assertEquals("Önskan-Lemur", detail.json().get("followUps").get(0).get("clientView").get("wishes").getStringValue());
    }
}
