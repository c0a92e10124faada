package se.bredvid.insats;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import se.bredvid.matching.Assignments;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;

import javax.sql.DataSource;
import java.io.IOException;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The client's own insats on her phone (consent in the app, her view, the plan confirmation) and the handläggare's
 * PDF export before gallring (issue 15), through the API only.
 */
@MicronautTest(transactional = false)
class ClientInsatsIT extends InsatsTestBase {

    private static final String MINE = "/api/me/client/insatser";

    @Inject
    Assignments assignments;

    @Inject
    InsatsConfig config;

    @Inject
    DataSource dataSource;

    @Inject
    @Client("/")
    HttpClient http;

    private static String mine(UUID id, String rest) {
        return MINE + "/" + id + rest;
    }

    private static void ok(Api.Response r) {
        assertTrue(r.status() >= 200 && r.status() < 300, r.toString());
    }

    private static void problem(int status, String type, Api.Response r) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.toString());
        if (type != null) {
            assertTrue(r.problemType().endsWith(type), r.toString());
        }
    }

    private static JsonNode item(Api.Response r, UUID id) {
        for (var i : r.json().values()) {
            if (i.get("id").getStringValue().equals(id.toString())) {
                return i;
            }
        }
        return null;
    }

    private static Map<String, Object> scope(String... scopes) {
        return Map.of("scope", List.of(scopes));
    }

    @Test
    void theClientConsentsInTheAppAndTheMunicipalitySeesTheProposal() {
        InsatsTestData.Case c = data.drafted(coordinator, mun, false);
        UUID id = c.insatsId();
        var phone = data.clientDevice(coordinator, c.clientId());
        assertEquals(404, api.get("/api/insatser/" + id, handlaggare.accessToken()).status());

        var r = api.get(MINE, phone.accessToken());
        ok(r);
        JsonNode mine = item(r, id);
        assertNotNull(mine, r.toString());
        assertEquals("AWAITING_CONSENT", mine.get("state").getStringValue());
        assertNotNull(mine.get("municipality").getStringValue());
        assertNotNull(mine.get("organisation").getStringValue());
        assertEquals(2, mine.get("needs").size());
        assertTrue(mine.get("summaryIncluded").getBooleanValue());
        assertTrue(InsatsFlowIT.absent(mine, "consent"));
        assertTrue(InsatsFlowIT.absent(mine, "caseReference") && InsatsFlowIT.absent(mine, "summary")
                && InsatsFlowIT.absent(mine, "municipalityContact"), "her phone gets no case reference, summary or contact");

        r = api.post(mine(id, "/consent"), phone.accessToken(), scope("PROPOSAL", "FOLLOW_UP"));
        ok(r);
        assertEquals("PROPOSED", r.text("state"));
        assertEquals("IN_APP", r.json().get("consent").get("form").getStringValue());
        assertEquals(data.today().toString(), r.json().get("consent").get("givenOn").getStringValue());
        assertEquals(Assignments.State.AWAITING_DECISION, assignments.find(org, c.assignmentId()).orElseThrow().state());

        r = api.get("/api/insatser/" + id, handlaggare.accessToken());
        ok(r);
        assertEquals("PROPOSED", r.text("state"));
        assertEquals("IN_APP", r.json().get("consent").get("form").getStringValue());

        // Replay: the proposal has gone; a second consent is refused, nothing changes.
        problem(409, "not-awaiting-consent", api.post(mine(id, "/consent"), phone.accessToken(), scope("PROPOSAL")));
        assertEquals(1, count("select count(*) from insats_consent where insats_id = ?", id));
    }

    @Test
    void aCoordinatorCannotClaimInAppConsentAndBadConsentIsRefused() {
        InsatsTestData.Case c = data.drafted(coordinator, mun, false);
        problem(400, "validation", api.post("/api/insatser/" + c.insatsId() + "/consent", coordinator.accessToken(),
                Map.of("givenOn", data.today().toString(), "form", "IN_APP", "scope", List.of("PROPOSAL"))));
        Map<String, Object> referral = new java.util.HashMap<>(InsatsFlowIT.referral(org));
        referral.put("consentForm", "IN_APP");
        problem(400, "validation", api.post("/api/referrals", handlaggare.accessToken(), referral));
        var phone = data.clientDevice(coordinator, c.clientId());
        String path = mine(c.insatsId(), "/consent");
        problem(400, null, api.post(path, phone.accessToken(), scope()));
        problem(400, "validation", api.post(path, phone.accessToken(), scope("FOLLOW_UP")));
        problem(400, null, api.post(path, phone.accessToken(), Map.of("scope", List.of("EVERYTHING"))));
        problem(400, null, api.post(path, phone.accessToken(), Map.of("scope", List.of("PROPOSAL"), "form", "WRITTEN")));
        problem(409, "no-consent", api.delete(path, phone.accessToken()));
        problem(400, null, api.post(mine(c.insatsId(), "/plan-confirmation"), phone.accessToken(), Map.of()));
        assertEquals("AWAITING_CONSENT", api.get("/api/insatser/" + c.insatsId(), coordinator.accessToken()).text("state"));
    }

    @Test
    void onlyTheClientsOwnDeviceReachesHerInsats() {
        InsatsTestData.Case c = data.drafted(coordinator, mun, false);
        UUID id = c.insatsId();
        InsatsTestData.Case other = data.drafted(coordinator, mun, false);
        var otherPhone = data.clientDevice(coordinator, other.clientId());
        assertTrue(item(api.get(MINE, otherPhone.accessToken()), id) == null, "another client's insats is not listed");
        problem(404, null, api.post(mine(id, "/consent"), otherPhone.accessToken(), scope("PROPOSAL")));
        problem(404, null, api.delete(mine(id, "/consent"), otherPhone.accessToken()));
        problem(404, null, api.post(mine(id, "/plan-confirmation"), otherPhone.accessToken(), Map.of("version", 1)));
        // A client of another organisation.
        UUID org2 = fx.organisation();
        var coordinator2 = fx.coordinator(org2);
        var stranger = data.clientDevice(coordinator2, data.client(coordinator2, false));
        problem(404, null, api.post(mine(id, "/consent"), stranger.accessToken(), scope("PROPOSAL")));

        var volunteerPhone = data.volunteerDevice(coordinator, c.volunteerId());
        assertEquals(403, api.get(MINE, volunteerPhone.accessToken()).status());
        assertEquals(403, api.post(mine(id, "/consent"), volunteerPhone.accessToken(), scope("PROPOSAL")).status());
        for (var staff : List.of(coordinator, handlaggare)) {
            assertEquals(403, api.get(MINE, staff.accessToken()).status());
            assertEquals(403, api.post(mine(id, "/consent"), staff.accessToken(), scope("PROPOSAL")).status());
            assertEquals(403, api.delete(mine(id, "/consent"), staff.accessToken()).status());
        }
        assertEquals("AWAITING_CONSENT", api.get("/api/insatser/" + id, coordinator.accessToken()).text("state"));
    }

    @Test
    void revokingInTheAppBeforeTheDecisionWithdrawsTheProposal() {
        InsatsTestData.Case c = data.drafted(coordinator, mun, false);
        UUID id = c.insatsId();
        var phone = data.clientDevice(coordinator, c.clientId());
        ok(api.post(mine(id, "/consent"), phone.accessToken(), scope("PROPOSAL")));
        var r = api.delete(mine(id, "/consent"), phone.accessToken());
        ok(r);
        assertEquals("WITHDRAWN", r.text("state"));
        assertNotNull(r.json().get("consent").get("revokedAt"));
        assertEquals("WITHDRAWN", api.get("/api/insatser/" + id, handlaggare.accessToken()).text("state"));
        assertEquals(Assignments.State.ENDED, assignments.find(org, c.assignmentId()).orElseThrow().state());
        assertTrue(openItems(handlaggare, id).contains("INSATS_WITHDRAWN"));
        assertTrue(item(api.get(MINE, phone.accessToken()), id) == null, "a withdrawn insats leaves her list");
        problem(404, null, api.delete(mine(id, "/consent"), phone.accessToken()));
    }

    @Test
    void sheSeesHerGrantedInsatsConfirmsThePlanAndARevocationStopsFollowUpReports() {
        InsatsTestData.Case c = data.drafted(coordinator, mun, false);
        UUID id = c.insatsId();
        var phone = data.clientDevice(coordinator, c.clientId());
        ok(api.post(mine(id, "/consent"), phone.accessToken(), scope("PROPOSAL", "FOLLOW_UP")));
        grant(id);
        problem(409, "no-plan", api.post(mine(id, "/plan-confirmation"), phone.accessToken(), Map.of("version", 1)));
        ok(api.put("/api/insatser/" + id + "/uppdrag", handlaggare.accessToken(), Map.of("what", "Stöd att hitta en förening.",
                "why", "Isolering.")));
        var volunteerPhone = data.volunteerDevice(coordinator, c.volunteerId());
        ok(api.put("/api/me/insatser/" + id + "/plan", volunteerPhone.accessToken(), InsatsFlowIT.plan("Gå med i en kör", data.today())));

        JsonNode mine = item(api.get(MINE, phone.accessToken()), id);
        assertEquals("GRANTED", mine.get("state").getStringValue());
        assertEquals(data.periodStart().toString(), mine.get("periodStart").getStringValue());
        assertEquals(8, mine.get("hoursPerMonth").getIntValue());
        assertEquals("Stöd att hitta en förening.", mine.get("purpose").getStringValue());
        assertEquals("Gå med i en kör", mine.get("plan").get("goals").get(0).get("goal").getStringValue());
        assertNotNull(mine.get("nextFollowUpOn").getStringValue());
        assertTrue(InsatsFlowIT.absent(mine, "planConfirmation"));
        assertTrue(InsatsFlowIT.absent(api.get("/api/insatser/" + id, handlaggare.accessToken()).json(), "planConfirmation"));

        problem(409, "plan-version-not-current", api.post(mine(id, "/plan-confirmation"), phone.accessToken(), Map.of("version", 2)));
        var r = api.post(mine(id, "/plan-confirmation"), phone.accessToken(), Map.of("version", 1));
        ok(r);
        assertEquals(1, r.json().get("planConfirmation").get("version").getIntValue());
        assertEquals(data.today().toString(), r.json().get("planConfirmation").get("confirmedOn").getStringValue());
        ok(api.post(mine(id, "/plan-confirmation"), phone.accessToken(), Map.of("version", 1)));
        JsonNode staff = api.get("/api/insatser/" + id, handlaggare.accessToken()).json();
        assertEquals(1, staff.get("planConfirmation").get("version").getIntValue());
        assertEquals(data.today().toString(), staff.get("planConfirmation").get("confirmedOn").getStringValue());
        assertEquals(1, api.get("/api/insatser/" + id, coordinator.accessToken()).json().get("planConfirmation").get("version").getIntValue());

        // A new version needs a new confirmation.
        ok(api.put("/api/me/insatser/" + id + "/plan", volunteerPhone.accessToken(), InsatsFlowIT.plan("Två körer", data.today())));
        assertTrue(InsatsFlowIT.absent(item(api.get(MINE, phone.accessToken()), id), "planConfirmation"));
        problem(409, "plan-version-not-current", api.post(mine(id, "/plan-confirmation"), phone.accessToken(), Map.of("version", 1)));
        ok(api.post(mine(id, "/plan-confirmation"), phone.accessToken(), Map.of("version", 2)));
        assertEquals(2, api.get("/api/insatser/" + id, handlaggare.accessToken()).json().get("planConfirmation").get("version").getIntValue());

        // Revocation after the grant: the insats stays, follow-up reports are refused, both parties are told.
        r = api.delete(mine(id, "/consent"), phone.accessToken());
        ok(r);
        assertEquals("GRANTED", r.text("state"));
        assertNotNull(r.json().get("consent").get("revokedAt").getStringValue());
        UUID f = data.openFollowUp(handlaggare, id);
        problem(409, "consent-required", api.post("/api/insatser/" + id + "/follow-ups/" + f + "/report", coordinator.accessToken(),
                Map.of("text", "Rapport")));
        assertTrue(openItems(handlaggare, id).contains("CONSENT_REVOKED"));
        assertTrue(openItems(coordinator, id).contains("CONSENT_REVOKED"));
        problem(409, "no-consent", api.delete(mine(id, "/consent"), phone.accessToken()));
    }

    @Test
    void theHandlaggareExportsAClosedInsatsAsAPdfBeforeGallring() throws IOException {
        InsatsTestData.Case c = data.drafted(coordinator, mun, false);
        UUID id = c.insatsId();
        var phone = data.clientDevice(coordinator, c.clientId());
        ok(api.post(mine(id, "/consent"), phone.accessToken(), scope("PROPOSAL", "FOLLOW_UP")));
        grant(id);
        ok(api.put("/api/insatser/" + id + "/uppdrag", handlaggare.accessToken(), Map.of("what", "Stöd att hitta en förening.",
                "why", "Isolering efter skyddat boende.")));
        ok(api.put("/api/insatser/" + id + "/plan", coordinator.accessToken(), InsatsFlowIT.plan("Gå med i en kör", data.today())));
        ok(api.post(mine(id, "/plan-confirmation"), phone.accessToken(), Map.of("version", 1)));
        UUID f = data.openFollowUp(handlaggare, id);
        ok(api.post("/api/insatser/" + id + "/follow-ups/" + f + "/report", coordinator.accessToken(),
                Map.of("text", "Träffas varannan vecka.")));
        ok(api.post("/api/me/follow-ups/" + f + "/answer", phone.accessToken(), Map.of("contactWorks", 4, "getsSupport", "YES",
                "wantsToContinue", "NO", "wishes", "Hemligt önskemål om helger", "shareWithMunicipality", false)));
        ok(api.post("/api/insatser/" + id + "/follow-ups/" + f + "/assessment", handlaggare.accessToken(), Map.of(
                "heldOn", data.today().toString(), "assessment", "Målen är nådda.", "outcome", "END", "endReason", "GOAL_REACHED",
                "heldHow", "MEETING", "withClient", true)));

        JsonNode detail = api.get("/api/insatser/" + id, handlaggare.accessToken()).json();
        LocalDate deletedAfter = LocalDate.parse(detail.get("deletedAfter").getStringValue());
        assertEquals(data.today().plusDays(config.retention().toDays()), deletedAfter);

        HttpResponse<byte[]> pdf = http.toBlocking().exchange(HttpRequest.GET("/api/insatser/" + id + "/export.pdf")
                .bearerAuth(handlaggare.accessToken()), byte[].class);
        assertEquals(200, pdf.getStatus().getCode());
        assertTrue(pdf.getContentType().orElseThrow().toString().startsWith("application/pdf"));
        assertEquals("no-store", pdf.getHeaders().get("Cache-Control"));
        String text = text(pdf.body());
        for (String expected : List.of(detail.get("clientPseudonym").getStringValue(), "SOC-2026-0042", "Beslut version 1",
                "4 kap. 1 § SoL", "Stöd att hitta en förening.", "Gå med i en kör", "Klienten bekräftade planen " + data.today(),
                "Träffas varannan vecka.", "Målen är nådda.", "möte, med klienten", "målet nått", "Raderas i Bredvid: " + deletedAfter,
                "i appen")) {
            assertTrue(text.replace("\n", " ").replaceAll(" +", " ").contains(expected), expected + " in:\n" + text);
        }
        assertFalse(text.contains("Hemligt"), "answers the client did not share stay out of the export");
        assertFalse(text.contains("Klientens svar"), "answers the client did not share stay out of the export");
        assertEquals(1, count("select count(*) from audit_entry where action = 'EXPORT' and object_type = 'INSATS' and object_id = ?",
                id.toString()));

        // Only the handläggare of its municipality.
        UUID mun2 = fx.municipality();
        assertEquals(404, exportStatus(fx.handlaggare(mun2).accessToken(), id));
        assertEquals(403, exportStatus(coordinator.accessToken(), id));
        assertEquals(403, exportStatus(phone.accessToken(), id));
        assertEquals(404, exportStatus(handlaggare.accessToken(), UUID.randomUUID()));

        // The inbox's list: not yet, then within 60 days of gallring; never for another municipality.
        assertTrue(item(api.get("/api/insats-gallring", handlaggare.accessToken()), id) == null);
        try {
            clock.advance(config.retention().minus(Duration.ofDays(30)));
            var due = api.get("/api/insats-gallring", handlaggare.accessToken());
            ok(due);
            JsonNode listed = item(due, id);
            assertNotNull(listed, due.toString());
            assertEquals(deletedAfter.toString(), listed.get("deletedAfter").getStringValue());
            assertEquals("ENDED", listed.get("state").getStringValue());
            assertTrue(item(api.get("/api/insats-gallring", fx.handlaggare(mun2).accessToken()), id) == null);
            assertEquals(403, api.get("/api/insats-gallring", coordinator.accessToken()).status());
        } finally {
            clock.reset();
        }
    }

    private int exportStatus(String token, UUID id) {
        try {
            return http.toBlocking().exchange(HttpRequest.GET("/api/insatser/" + id + "/export.pdf").bearerAuth(token), byte[].class)
                    .getStatus().getCode();
        } catch (HttpClientResponseException e) {
            return e.getStatus().getCode();
        }
    }

    private void grant(UUID id) {
        ok(data.investigate(handlaggare, id, "SUITABLE"));
        LocalDate start = data.periodStart();
        ok(api.post("/api/insatser/" + id + "/decision", handlaggare.accessToken(),
                InsatsTestData.grant(start, start.plusMonths(6), data.today().minusMonths(3))));
    }

    private static String text(byte[] pdf) throws IOException {
        try (PDDocument doc = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(doc);
        }
    }

    private List<String> openItems(Fixtures.Staff staff, UUID insats) {
        var r = api.get("/api/notifications", staff.accessToken());
        assertEquals(200, r.status(), r.toString());
        List<String> kinds = new ArrayList<>();
        for (var n : r.json().values()) {
            if (insats.toString().equals(n.get("objectId").getStringValue())) {
                kinds.add(n.get("kind").getStringValue());
            }
        }
        return kinds;
    }

    private int count(String sql, Object arg) {
        try (var con = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             var ps = con.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (var rs = ps.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
