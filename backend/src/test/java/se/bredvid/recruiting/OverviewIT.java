package se.bredvid.recruiting;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.sql.Connection;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class OverviewIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> tx;

    private void day(int n, int[] today) {
        clock.advance(Duration.ofDays(n - today[0]));
        today[0] = n;
    }

    private static Map<String, JsonNode> byKey(JsonNode list, String key) {
        Map<String, JsonNode> map = new HashMap<>();
        if (list != null) {
            list.values().forEach(n -> map.put(n.get(key).getStringValue(), n));
        }
        return map;
    }

    /** The worked example of docs/recruiting.md, played through the API day by day. */
    @Test
    void theFunnelCountsReachedCurrentDropOutAndMedianTimeInStage() {
        var recruits = new Recruits(fx, clock);
        var coordinator = fx.coordinator(fx.organisation());
        Map<String, UUID> v = new HashMap<>();
        for (String name : List.of("A", "B", "C", "D", "E", "F")) {
            var body = recruits.application(Recruits.uniqueName(name));
            if (name.equals("B")) {
                body.put("region", "SE-AB");
                body.put("languages", List.of("sv", "fa"));
                body.put("maxClients", 1);
            }
            v.put(name, recruits.apply(coordinator, body));
        }
        int[] today = {0};
        day(1, today);
        recruits.move(coordinator, v.get("A"), VolunteerState.INTERVIEW_BOOKED);
        day(2, today);
        recruits.move(coordinator, v.get("B"), VolunteerState.INTERVIEW_BOOKED);
        day(3, today);
        recruits.move(coordinator, v.get("C"), VolunteerState.INTERVIEW_BOOKED);
        day(4, today);
        recruits.move(coordinator, v.get("D"), VolunteerState.INTERVIEW_BOOKED);
        day(10, today);
        recruits.move(coordinator, v.get("E"), VolunteerState.INTERVIEW_BOOKED);
        day(20, today);
        recruits.move(coordinator, v.get("F"), VolunteerState.WITHDRAWN);
        day(21, today);
        for (String n : List.of("A", "B", "C", "D")) {
            recruits.move(coordinator, v.get(n), VolunteerState.INTERVIEWED);
        }
        recruits.move(coordinator, v.get("E"), VolunteerState.NOT_SUITABLE);
        day(28, today);
        for (String n : List.of("A", "B", "C")) {
            recruits.move(coordinator, v.get(n), VolunteerState.IN_TRAINING);
        }
        recruits.move(coordinator, v.get("D"), VolunteerState.WITHDRAWN);
        day(84, today);
        recruits.move(coordinator, v.get("A"), VolunteerState.TRAINED);
        recruits.move(coordinator, v.get("B"), VolunteerState.TRAINED);
        recruits.move(coordinator, v.get("C"), VolunteerState.WITHDRAWN);
        day(91, today);
        recruits.move(coordinator, v.get("A"), VolunteerState.APPROVED);
        recruits.move(coordinator, v.get("B"), VolunteerState.APPROVED);
        day(96, today);
        recruits.move(coordinator, v.get("A"), VolunteerState.ACTIVE);
        TestLoads.set(coordinator.organisationId(), v.get("A"), 2);

        var r = recruits.api.get("/api/recruiting/overview", coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        assertEquals(6, r.json().get("applications").getIntValue());
        Map<String, JsonNode> stages = byKey(r.json().get("funnel"), "stage");
        // stage: reached, current, dropped out, drop-out rate, completed stays, median days
        Object[][] expected = {
                {"APPLIED", 6, 0, 1, 0.167, 6, 3.5},
                {"INTERVIEW_BOOKED", 5, 0, 1, 0.2, 5, 18.0},
                {"INTERVIEWED", 4, 0, 1, 0.25, 4, 7.0},
                {"IN_TRAINING", 3, 0, 1, 0.333, 3, 56.0},
                {"TRAINED", 2, 0, 0, 0.0, 2, 7.0},
                {"APPROVED", 2, 1, 0, 0.0, 1, 5.0},
                {"ACTIVE", 1, 1, 0, 0.0, 0, null},
                {"PAUSED", 0, 0, 0, null, 0, null}};
        for (Object[] e : expected) {
            JsonNode s = stages.get((String) e[0]);
            assertEquals(e[1], s.get("reached") == null ? 0 : s.get("reached").getIntValue(), e[0] + " reached");
            assertEquals(e[2], s.get("current") == null ? 0 : s.get("current").getIntValue(), e[0] + " current");
            assertEquals(e[3], s.get("droppedOut") == null ? 0 : s.get("droppedOut").getIntValue(), e[0] + " dropped out");
            assertEquals(e[4], s.get("dropOutRate") == null ? null : s.get("dropOutRate").getDoubleValue(), e[0] + " rate");
            assertEquals(e[5], s.get("completedStays") == null ? 0 : s.get("completedStays").getIntValue(), e[0] + " stays");
            assertEquals(e[6], s.get("medianDaysInStage") == null ? null : s.get("medianDaysInStage").getDoubleValue(),
                    e[0] + " median");
        }
        assertEquals(1, stages.get("APPLIED").get("withdrawn").getIntValue());
        assertEquals(1, stages.get("INTERVIEW_BOOKED").get("notSuitable").getIntValue());

        // A (ACTIVE, 2 slots, both taken) and B (APPROVED, 1 slot, free) are available.
        assertEquals(2, r.json().get("availableVolunteers").getIntValue());
        assertEquals(1, r.json().get("freeSlots").getIntValue());
        Map<String, JsonNode> regions = byKey(r.json().get("capacityByRegion"), "key");
        assertEquals(List.of(1, 1, 1), capacity(regions.get("SE-AB")));
        assertEquals(List.of(1, 0, 0), capacity(regions.get("SE-E")));
        assertEquals("Östergötlands län", regions.get("SE-E").get("label").getStringValue());
        Map<String, JsonNode> languages = byKey(r.json().get("capacityByLanguage"), "key");
        assertEquals(List.of(2, 1, 1), capacity(languages.get("sv")));
        assertEquals(List.of(1, 0, 0), capacity(languages.get("ar")));
        assertEquals(List.of(1, 1, 1), capacity(languages.get("fa")));
    }

    private static List<Integer> capacity(JsonNode c) {
        return List.of(c.get("volunteers").getIntValue(),
                c.get("volunteersWithFreeSlots") == null ? 0 : c.get("volunteersWithFreeSlots").getIntValue(),
                c.get("freeSlots") == null ? 0 : c.get("freeSlots").getIntValue());
    }

    @Test
    void anOrganisationWithoutVolunteersHasAnEmptyFunnel() {
        var coordinator = fx.coordinator(fx.organisation());
        var r = fx.api.get("/api/recruiting/overview", coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        assertEquals(8, r.json().get("funnel").size());
        assertEquals(null, r.json().get("funnel").get(0).get("dropOutRate"));
    }

    @Test
    void theRosterExportIsSafeToOpenInASpreadsheetAndAudited() {
        var recruits = new Recruits(fx, clock);
        var coordinator = fx.coordinator(fx.organisation());
        String evil = "=HYPERLINK(\"http://evil.example\",\"klicka\") " + UUID.randomUUID();
        UUID id = recruits.apply(coordinator, recruits.application(evil));
        var r = fx.api.get("/api/recruiting/roster.csv", coordinator.accessToken());
        assertEquals(200, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("text/csv"), r.contentType());
        assertTrue(r.raw().getHeaders().get("Content-Disposition").startsWith("attachment"));
        String[] lines = r.body().split("\r\n");
        assertTrue(lines[0].startsWith("\uFEFF\"id\",\"name\""), lines[0]);
        String row = java.util.Arrays.stream(lines).filter(l -> l.startsWith("\"" + id)).findFirst().orElseThrow();
        assertTrue(row.contains(",\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"klicka\"\") "), row);
        assertTrue(row.contains(",\"'+46 70 123 45 67\","), row);
        assertFalse(row.contains(",\"=") || row.contains(",\"+"), row);

        long audited = tx.executeRead(s -> jdbc.prepareStatement("""
                select count(*) from audit_entry where action = 'EXPORT' and object_type = 'VOLUNTEER_ROSTER'
                and object_id = ? and actor_id = ?""", ps -> {
            ps.setString(1, coordinator.organisationId().toString());
            ps.setObject(2, coordinator.id());
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }));
        assertEquals(1, audited);
    }
}
