package se.bredvid.insats;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Fixtures;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Time and expense reports: submit, approve, return, resubmit, and the payroll export. */
@MicronautTest(transactional = false)
class TimeReportIT extends InsatsTestBase {

    @Inject
    DataSource dataSource;

    record Reporter(InsatsTestData.Case insats, Fixtures.PairedDevice device) {
    }

    private Reporter reporter() {
        return reporter(handlaggare, mun);
    }

    private Reporter reporter(Fixtures.Staff handlaggare, UUID mun) {
        InsatsTestData.Case c = data.granted(coordinator, handlaggare, mun, false);
        return new Reporter(c, data.volunteerDevice(coordinator, c.volunteerId()));
    }

    private YearMonth lastMonth() {
        return YearMonth.from(data.today()).minusMonths(1);
    }

    static Map<String, Object> report(UUID insats, YearMonth month, int contacts, String hours, List<Map<String, Object>> expenses) {
        Map<String, Object> m = new HashMap<>();
        m.put("insatsId", insats);
        m.put("month", month.toString());
        m.put("contacts", contacts);
        m.put("hours", new BigDecimal(hours));
        m.put("expenses", expenses);
        return m;
    }

    static Map<String, Object> expense(String description, String amount) {
        return Map.of("description", description, "amount", new BigDecimal(amount));
    }

    private UUID submit(Reporter r, YearMonth month, int contacts, String hours, List<Map<String, Object>> expenses) {
        var response = api.post("/api/me/time-reports", r.device().accessToken(), report(r.insats().insatsId(), month, contacts, hours, expenses));
        assertEquals(201, response.status(), response.toString());
        assertEquals("SUBMITTED", response.text("state"));
        return UUID.fromString(response.text("id"));
    }

    @Test
    void aHandlaggareApprovesASubmittedReport() {
        Reporter r = reporter();
        UUID id = submit(r, lastMonth(), 4, "7.5", List.of(expense("Fika", "85.50"), expense("SL-biljett", "39")));
        var listed = api.get("/api/time-reports?state=SUBMITTED", handlaggare.accessToken());
        assertTrue(listed.body().contains(id.toString()), listed.toString());
        var approved = api.post("/api/time-reports/" + id + "/approval", handlaggare.accessToken(), Map.of());
        assertEquals(200, approved.status(), approved.toString());
        assertEquals("APPROVED", approved.text("state"));
        assertEquals(0, new BigDecimal("124.50").compareTo(new BigDecimal(approved.text("expensesTotal"))));
        // Approved is final: neither approved again, returned, nor changed by the volunteer.
        assertEquals(409, api.post("/api/time-reports/" + id + "/approval", handlaggare.accessToken(), Map.of()).status());
        assertEquals(409, api.post("/api/time-reports/" + id + "/return", handlaggare.accessToken(), Map.of("comment", "x")).status());
        assertEquals(409, api.put("/api/me/time-reports/" + id, r.device().accessToken(),
                Map.of("contacts", 1, "hours", 1, "expenses", List.of())).status());
    }

    @Test
    void aReturnedReportIsCorrectedAndSubmittedAgain() {
        Reporter r = reporter();
        UUID id = submit(r, lastMonth(), 3, "40", List.of(expense("Bio", "120")));
        var returned = api.post("/api/time-reports/" + id + "/return", handlaggare.accessToken(),
                Map.of("comment", "40 timmar verkar högt, stämmer det?"));
        assertEquals(200, returned.status(), returned.toString());
        assertEquals("RETURNED", returned.text("state"));

        var mine = api.get("/api/me/time-reports", r.device().accessToken());
        assertEquals("40 timmar verkar högt, stämmer det?", mine.json().get(0).get("returnComment").getStringValue());
        assertEquals(409, api.post("/api/time-reports/" + id + "/approval", handlaggare.accessToken(), Map.of()).status(),
                "a returned report waits for the volunteer");

        var again = api.put("/api/me/time-reports/" + id, r.device().accessToken(),
                Map.of("contacts", 3, "hours", new BigDecimal("4.0"), "expenses", List.of(expense("Bio", "120"))));
        assertEquals(200, again.status(), again.toString());
        assertEquals("SUBMITTED", again.text("state"));
        assertEquals(2, again.json().get("submissions").getIntValue());
        assertEquals(0, new BigDecimal("4").compareTo(new BigDecimal(again.text("hours"))));
        assertTrue(InsatsFlowIT.absent(again.json(), "returnComment"));
        assertEquals(200, api.post("/api/time-reports/" + id + "/approval", handlaggare.accessToken(), Map.of()).status());
    }

    @Test
    void theExportTotalsMatchTheApprovedReportsOfTheMonth() {
        YearMonth month = lastMonth();
        // A municipality of its own, so that other tests' reports do not count.
        Fixtures.Staff handlaggare = fx.handlaggare(fx.municipality());
        UUID mun = handlaggare.municipalityId();
        Reporter a = reporter(handlaggare, mun);
        Reporter b = reporter(handlaggare, mun);
        Reporter c = reporter(handlaggare, mun);
        UUID ra = submit(a, month, 5, "10.25", List.of(expense("Fika", "45.50"), expense("Resa", "120.00")));
        UUID rb = submit(b, month, 2, "3.5", List.of());
        UUID rc = submit(c, month, 9, "20", List.of(expense("Museum", "300")));
        UUID earlier = submit(a, month.minusMonths(1), 1, "1", List.of(expense("Fika", "10")));
        for (UUID id : List.of(ra, rb, earlier)) {
            assertEquals(200, api.post("/api/time-reports/" + id + "/approval", handlaggare.accessToken(), Map.of()).status());
        }
        assertEquals(200, api.post("/api/time-reports/" + rc + "/return", handlaggare.accessToken(), Map.of("comment", "Kvitto saknas")).status());

        var export = api.get("/api/time-reports/export?month=" + month, handlaggare.accessToken());
        assertEquals(200, export.status(), export.toString());
        assertTrue(export.contentType().startsWith("text/csv"), export.contentType());
        List<List<String>> rows = parse(export.body());
        assertEquals(List.of("month", "case_reference", "organisation", "kontaktperson", "contacts", "hours", "expenses_sek", "report_id", "payee"), rows.get(0));
        List<List<String>> reports = rows.subList(1, rows.size() - 1);
        assertEquals(2, reports.size(), "only the month's approved reports");
        assertEquals(java.util.Set.of(ra.toString(), rb.toString()), reports.stream().map(r -> r.get(7)).collect(java.util.stream.Collectors.toSet()));

        // The totals row is the sum of the rows, which is the sum of the reports the API shows.
        BigDecimal hours = BigDecimal.ZERO;
        BigDecimal expenses = BigDecimal.ZERO;
        int contacts = 0;
        var approved = api.get("/api/time-reports?month=" + month + "&state=APPROVED", handlaggare.accessToken());
        for (var r : approved.json().values()) {
            hours = hours.add(new BigDecimal(r.get("hours").coerceStringValue()));
            expenses = expenses.add(new BigDecimal(r.get("expensesTotal").coerceStringValue()));
            contacts += r.get("contacts").getIntValue();
        }
        List<String> total = rows.get(rows.size() - 1);
        assertEquals("TOTAL", total.get(1));
        assertEquals("2", total.get(3));
        assertEquals(contacts, Integer.parseInt(total.get(4)));
        assertEquals(7, contacts);
        assertEquals(0, hours.compareTo(new BigDecimal(total.get(5))));
        assertEquals(0, new BigDecimal("13.75").compareTo(new BigDecimal(total.get(5))));
        assertEquals(0, expenses.compareTo(new BigDecimal(total.get(6))));
        assertEquals(0, new BigDecimal("165.50").compareTo(new BigDecimal(total.get(6))));
        // Each row names the case reference and the kontaktperson (payroll), never the client.
        assertEquals("SOC-2026-0042", reports.get(0).get(1));
        assertFalse(reports.get(0).get(3).isBlank());
        assertFalse(export.body().contains(api.get("/api/insatser/" + a.insats().insatsId(), handlaggare.accessToken()).text("clientPseudonym")));
    }

    @Test
    void theExportIsAudited() throws Exception {
        long before = auditCount("EXPORT");
        assertEquals(200, api.get("/api/time-reports/export?month=" + lastMonth(), handlaggare.accessToken()).status());
        assertEquals(before + 1, auditCount("EXPORT"));
    }

    @Test
    void oneReportPerInsatsAndMonth() {
        Reporter r = reporter();
        submit(r, lastMonth(), 1, "1", List.of());
        var again = api.post("/api/me/time-reports", r.device().accessToken(), report(r.insats().insatsId(), lastMonth(), 1, "1", List.of()));
        assertEquals(409, again.status(), again.toString());
        assertEquals("urn:bredvid:problem:report-exists", again.problemType());
    }

    @Test
    void negativeHoursAreRefused() {
        Reporter r = reporter();
        var response = api.post("/api/me/time-reports", r.device().accessToken(), report(r.insats().insatsId(), lastMonth(), 1, "-2", List.of()));
        assertEquals(400, response.status(), response.toString());
        assertTrue(response.contentType().startsWith("application/problem+json"));
        assertTrue(response.body().contains("hours"), response.body());
    }

    @Test
    void negativeAmountsAndFractionsOfOreAreRefused() {
        Reporter r = reporter();
        assertEquals(400, api.post("/api/me/time-reports", r.device().accessToken(),
                report(r.insats().insatsId(), lastMonth(), 1, "1", List.of(expense("Fika", "-10")))).status());
        assertEquals(400, api.post("/api/me/time-reports", r.device().accessToken(),
                report(r.insats().insatsId(), lastMonth(), 1, "1", List.of(expense("Fika", "10.005")))).status());
        assertEquals(400, api.post("/api/me/time-reports", r.device().accessToken(),
                report(r.insats().insatsId(), lastMonth(), -1, "1", List.of())).status());
    }

    @Test
    void monthsOutsideThePeriodOrInTheFutureAreRefused() {
        Reporter r = reporter();
        YearMonth start = YearMonth.from(data.periodStart());
        for (YearMonth m : List.of(start.minusMonths(1), YearMonth.from(data.today()).plusMonths(1))) {
            var response = api.post("/api/me/time-reports", r.device().accessToken(), report(r.insats().insatsId(), m, 1, "1", List.of()));
            assertEquals(400, response.status(), m + ": " + response);
            assertTrue(response.body().contains("month"), response.body());
        }
        Map<String, Object> body = report(r.insats().insatsId(), lastMonth(), 1, "1", List.of());
        body.put("month", "2026-13");
        assertEquals(400, api.post("/api/me/time-reports", r.device().accessToken(), body).status());
    }

    @Test
    void aVolunteerReportsOnlyOnTheirOwnInsats() {
        Reporter mine = reporter();
        Reporter other = reporter();
        var response = api.post("/api/me/time-reports", mine.device().accessToken(),
                report(other.insats().insatsId(), lastMonth(), 1, "1", List.of()));
        assertEquals(404, response.status(), response.toString());
        UUID theirs = submit(other, lastMonth(), 1, "1", List.of());
        assertEquals(200, api.post("/api/time-reports/" + theirs + "/return", handlaggare.accessToken(), Map.of("comment", "x")).status());
        assertEquals(404, api.put("/api/me/time-reports/" + theirs, mine.device().accessToken(),
                Map.of("contacts", 1, "hours", 1, "expenses", List.of())).status());
    }

    @Test
    void anotherMunicipalityNeitherSeesNorDecidesTheReports() {
        Reporter r = reporter();
        UUID id = submit(r, lastMonth(), 1, "2", List.of());
        Fixtures.Staff stranger = fx.handlaggare(fx.municipality());
        assertEquals(404, api.post("/api/time-reports/" + id + "/approval", stranger.accessToken(), Map.of()).status());
        assertEquals(404, api.post("/api/time-reports/" + id + "/return", stranger.accessToken(), Map.of("comment", "x")).status());
        assertFalse(api.get("/api/time-reports", stranger.accessToken()).body().contains(id.toString()));
        String csv = api.get("/api/time-reports/export?month=" + lastMonth(), stranger.accessToken()).body();
        assertFalse(csv.contains(id.toString()));
        // The coordinator of the organisation sees its volunteers' reports, but does not approve them.
        assertTrue(api.get("/api/time-reports", coordinator.accessToken()).body().contains(id.toString()));
        assertEquals(403, api.post("/api/time-reports/" + id + "/approval", coordinator.accessToken(), Map.of()).status());
    }

    private long auditCount(String action) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("select count(*) from audit_entry where action = '" + action + "'")) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** RFC 4180 as the export writes it: every cell quoted, CRLF rows, a BOM first. */
    static List<List<String>> parse(String csv) {
        String body = csv.startsWith("\uFEFF") ? csv.substring(1) : csv;
        List<List<String>> rows = new ArrayList<>();
        for (String line : body.split("\r\n")) {
            if (line.isEmpty()) {
                continue;
            }
            List<String> cells = new ArrayList<>();
            StringBuilder cell = new StringBuilder();
            boolean quoted = false;
            for (int i = 0; i < line.length(); i++) {
                char ch = line.charAt(i);
                if (quoted) {
                    if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cell.append('"');
                        i++;
                    } else if (ch == '"') {
                        quoted = false;
                    } else {
                        cell.append(ch);
                    }
                } else if (ch == '"') {
                    quoted = true;
                } else if (ch == ',') {
                    cells.add(cell.toString());
                    cell.setLength(0);
                } else {
                    cell.append(ch);
                }
            }
            cells.add(cell.toString());
            rows.add(cells);
        }
        return rows;
    }
}
