package se.bredvid.matching;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.identity.SubjectKind;
import se.bredvid.platform.MutableClock;
import se.bredvid.recruiting.Recruits;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What the people on the phones tell the organisation reaches its coordinators' worklist: a kontaktperson's
 * request for support or worry (sealed at rest; a child at risk is urgent), a client's concern about her
 * kontaktperson, and a client ending the contact.
 */
@MicronautTest(transactional = false)
class SupportRequestsIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    DataSource dataSource;

    UUID org;
    Fixtures.Staff coordinator;
    MatchingTestData data;

    @BeforeAll
    void setUp() {
        org = fx.organisation();
        coordinator = fx.coordinator(org);
        data = new MatchingTestData(fx, new Recruits(fx, clock));
    }

    private record Pair(UUID client, UUID volunteer, UUID assignment, Fixtures.PairedDevice clientDevice,
                        Fixtures.PairedDevice volunteerDevice) {
    }

    private Pair activePair() {
        UUID volunteer = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID client = data.client(coordinator, MatchingTestData.intake());
        UUID a = data.propose(coordinator, client, volunteer, "IDEELL");
        assertEquals(200, data.move(coordinator, a, "ACTIVE", null).status());
        return new Pair(client, volunteer, a, fx.pairedDevice(coordinator, SubjectKind.CLIENT, client),
                fx.pairedDevice(coordinator, SubjectKind.VOLUNTEER, volunteer));
    }

    private List<String> worklist(Fixtures.Staff staff, UUID objectId) {
        var r = fx.api.get("/api/notifications", staff.accessToken());
        assertEquals(200, r.status(), r.toString());
        List<String> kinds = new ArrayList<>();
        for (JsonNode item : r.json().values()) {
            if (item.get("objectId").getStringValue().equals(objectId.toString())) {
                kinds.add(item.get("kind").getStringValue() + "/" + item.get("urgency").getStringValue());
            }
        }
        return kinds;
    }

    private static Map<String, Object> request(String kind, UUID clientId, String text) {
        Map<String, Object> body = new HashMap<>();
        body.put("kind", kind);
        if (clientId != null) {
            body.put("clientId", clientId);
        }
        if (text != null) {
            body.put("text", text);
        }
        return body;
    }

    @Test
    void aKontaktpersonAsksForSupportAndTheCoordinatorsHaveItInTheirWorklist() throws Exception {
        var pair = activePair();
        var r = fx.api.post("/api/me/support-requests", pair.volunteerDevice().accessToken(), request("CALL_ME", null, null));
        assertEquals(201, r.status(), r.toString());
        UUID id = UUID.fromString(r.text("id"));
        assertEquals(List.of("VOLUNTEER_CALL/NORMAL"), worklist(coordinator, id));

        String worry = "Hon nämnde att lillasystern 11 år inte får gå till skolan " + UUID.randomUUID();
        var child = fx.api.post("/api/me/support-requests", pair.volunteerDevice().accessToken(),
                request("CHILD_AT_RISK", pair.client(), worry));
        assertEquals(201, child.status(), child.toString());
        UUID childId = UUID.fromString(child.text("id"));
        assertEquals(List.of("CHILD_AT_RISK/URGENT"), worklist(coordinator, childId), "a child at risk is urgent");
        var list = fx.api.get("/api/support-requests", coordinator.accessToken());
        assertTrue(list.body().contains(worry), "the coordinators read what she wrote");
        assertTrue(list.body().contains(pair.client().toString()));

        try (Connection c = DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select text from support_request where id = '" + childId + "'")) {
            rs.next();
            assertFalse(new String(rs.getBytes(1), StandardCharsets.ISO_8859_1).contains("lillasystern"), "sealed at rest");
        }
        var stranger = fx.coordinator(fx.organisation());
        assertFalse(fx.api.get("/api/support-requests", stranger.accessToken()).body().contains(worry), "another organisation");
        assertTrue(worklist(stranger, childId).isEmpty());
    }

    @Test
    void badRequestsAreRefusedAndNothingIsStored() {
        var pair = activePair();
        String token = pair.volunteerDevice().accessToken();
        for (Object body : new Object[]{request(null, null, null), request("HELP_ME", null, null),
                request("WORRY_ABOUT_CLIENT", pair.client(), " "), "{\"kind\":\"CALL_ME\",\"extra\":1}"}) {
            var r = fx.api.post("/api/me/support-requests", token, body);
            assertEquals(400, r.status(), body + " -> " + r);
            assertEquals("application/problem+json", r.contentType());
        }
        UUID someoneElse = data.client(coordinator, MatchingTestData.intake());
        assertEquals(404, fx.api.post("/api/me/support-requests", token, request("WORRY_ABOUT_CLIENT", someoneElse, "x")).status(),
                "not her client");
        assertEquals(403, fx.api.post("/api/me/support-requests", pair.clientDevice().accessToken(), request("CALL_ME", null, null)).status(),
                "a client's phone cannot");
        assertEquals(403, fx.api.get("/api/support-requests", pair.volunteerDevice().accessToken()).status());
    }

    @Test
    void aConcernFromAPhoneWhosePersonIsNoLongerInTheRecordsIsAClearConflictAndNothingIsStored() {
        // Found by the rig's fuzz run (infra/rig): a foreign-key failure answered 500 before.
        var device = fx.pairedDevice(coordinator, SubjectKind.CLIENT, UUID.randomUUID());
        var r = fx.api.post("/api/me/reports", device.accessToken(), Map.of("text", "Någon frågar efter mig"));
        assertEquals(409, r.status(), r.toString());
        assertEquals("application/problem+json", r.contentType());
        assertTrue(r.body().contains("no-client"), r.body());
    }

    @Test
    void aClientsConcernAndHerEndingTheContactAreItemsForTheCoordinators() {
        var pair = activePair();
        assertEquals(201, fx.api.post("/api/me/reports", pair.clientDevice().accessToken(), Map.of("text", "Han frågar var jag bor")).status());
        var reports = fx.api.get("/api/reports", coordinator.accessToken());
        UUID reportId = null;
        for (JsonNode r : reports.json().values()) {
            if (r.get("clientId").getStringValue().equals(pair.client().toString())) {
                reportId = UUID.fromString(r.get("id").getStringValue());
            }
        }
        assertEquals(List.of("CLIENT_CONCERN/NORMAL"), worklist(coordinator, reportId));
        assertEquals(204, fx.api.post("/api/me/contact/end", pair.clientDevice().accessToken(), null).status());
        assertEquals(List.of("CONTACT_ENDED_BY_CLIENT/NORMAL"), worklist(coordinator, pair.assignment()));
    }
}
