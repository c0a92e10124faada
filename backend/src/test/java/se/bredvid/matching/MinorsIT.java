package se.bredvid.matching;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.recruiting.Recruits;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Clients aged 13-17 (seed 001:473) under the organisation's rule: INSATS_ONLY (the default) allows them only
 * within an insats; RECORDED_STEP allows a voluntary assignment once a step is recorded. Refused by hand, in a
 * batch (preview and apply) and at activation; the wrong role 403, another organisation's client 404.
 * Each test has an organisation of its own (the rule is the organisation's).
 */
@MicronautTest(transactional = false)
class MinorsIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    DataSource dataSource;

    private record Org(UUID id, Fixtures.Staff coordinator, MatchingTestData data) {
        String token() {
            return coordinator.accessToken();
        }
    }

    private Org org() {
        UUID id = fx.organisation();
        return new Org(id, fx.coordinator(id), new MatchingTestData(fx, new Recruits(fx, clock)));
    }

    private static Map<String, Object> minorIntake() {
        Map<String, Object> m = MatchingTestData.intake();
        m.put("ageBand", "AGE_13_17");
        return m;
    }

    private UUID volunteer(Org o) {
        return o.data().volunteer(o.coordinator(), "WOMAN", 30, List.of());
    }

    private Api.Response propose(Org o, UUID client, UUID volunteer, String kind) {
        return fx.api.post("/api/assignments", o.token(), Map.of("clientId", client, "volunteerId", volunteer, "kind", kind));
    }

    private Api.Response step(Org o, UUID client, String kind, String note) {
        Map<String, Object> body = new java.util.HashMap<>(Map.of("kind", kind, "recordedOn", today().minusDays(1).toString()));
        if (note != null) {
            body.put("note", note);
        }
        return fx.api.post("/api/clients/" + client + "/minor-step", o.token(), body);
    }

    private LocalDate today() {
        return LocalDate.ofInstant(clock.instant(), ZoneId.of("Europe/Stockholm"));
    }

    private static void refusedBy(Api.Response r, String policy) {
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:minor-rule", r.problemType());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertTrue(r.body().contains(policy), "the detail names the rule: " + r.body());
    }

    @Test
    void insatsOnlyIsTheDefaultAndAllowsAMinorOnlyWithinAnInsats() {
        Org o = org();
        assertEquals("INSATS_ONLY", fx.api.get("/api/organisation/minors-policy", o.token()).text("policy"));
        UUID minor = o.data().client(o.coordinator(), minorIntake());
        UUID adult = o.data().client(o.coordinator(), MatchingTestData.intake());
        var view = fx.api.get("/api/clients/" + minor, o.token());
        assertEquals("INSATS_ONLY", view.json().get("client").get("minorRule").get("policy").getStringValue());
        assertFalse(view.json().get("client").get("minorRule").get("voluntaryMatchAllowed").getBooleanValue());
        var adultView = fx.api.get("/api/clients/" + adult, o.token()).json().get("client");
        assertTrue(adultView.get("minorRule") == null || adultView.get("minorRule").isNull(), "null for an adult");

        UUID v = volunteer(o);
        refusedBy(propose(o, minor, v, "IDEELL"), "INSATS_ONLY");
        // A recorded step does not open a voluntary match under INSATS_ONLY.
        assertEquals(200, step(o, minor, "GUARDIAN_CONSENT", null).status());
        refusedBy(propose(o, minor, v, "IDEELL"), "INSATS_ONLY");
        assertEquals("WAITING", fx.api.get("/api/clients/" + minor, o.token()).json().get("client").get("status").getStringValue());
        // Within an insats it is allowed; so is an adult's voluntary match.
        assertEquals(201, propose(o, minor, v, "INSATS").status());
        assertEquals(201, propose(o, adult, volunteer(o), "IDEELL").status());
    }

    @Test
    void recordedStepAllowsAVoluntaryMatchOnceAStepIsRecordedAndChecksAgainAtActivation() throws Exception {
        Org o = org();
        var set = fx.api.put("/api/organisation/minors-policy", o.token(), Map.of("policy", "RECORDED_STEP"));
        assertEquals(200, set.status(), set.toString());
        assertEquals("RECORDED_STEP", fx.api.get("/api/organisation/minors-policy", o.token()).text("policy"));
        assertEquals(1, count("SET_MINORS_POLICY_RECORDED_STEP", o.id()), "the change is audited");
        UUID minor = o.data().client(o.coordinator(), minorIntake());
        UUID v = volunteer(o);
        refusedBy(propose(o, minor, v, "IDEELL"), "RECORDED_STEP");

        String note = "Socialsekreterare Eva informerad 7781";
        var recorded = step(o, minor, "SOCIALTJANST_INVOLVED", note);
        assertEquals(200, recorded.status(), recorded.toString());
        assertTrue(recorded.json().get("voluntaryMatchAllowed").getBooleanValue());
        assertEquals("SOCIALTJANST_INVOLVED", recorded.json().get("step").get("kind").getStringValue());
        assertEquals(note, recorded.json().get("step").get("note").getStringValue());
        assertEquals(note, fx.api.get("/api/clients/" + minor, o.token()).json().get("client").get("minorRule")
                .get("step").get("note").getStringValue());
        assertFalse(new String(rawNote(minor), StandardCharsets.ISO_8859_1).contains("7781"), "the note is sealed at rest");

        var proposed = propose(o, minor, v, "IDEELL");
        assertEquals(201, proposed.status(), proposed.toString());
        UUID assignment = UUID.fromString(proposed.text("id"));
        // The step withdrawn before activation: the assignment does not become active.
        var deleted = fx.api.delete("/api/clients/" + minor + "/minor-step", o.token());
        assertEquals(200, deleted.status(), deleted.toString());
        assertFalse(deleted.json().get("voluntaryMatchAllowed").getBooleanValue());
        refusedBy(o.data().move(o.coordinator(), assignment, "ACTIVE", null), "RECORDED_STEP");
        assertEquals(200, step(o, minor, "GUARDIAN_CONSENT", null).status());
        assertEquals(200, o.data().move(o.coordinator(), assignment, "ACTIVE", null).status());
        // Back to INSATS_ONLY: a paused voluntary pair is not resumed.
        assertEquals(200, o.data().move(o.coordinator(), assignment, "PAUSED", null).status());
        assertEquals(200, fx.api.put("/api/organisation/minors-policy", o.token(), Map.of("policy", "INSATS_ONLY")).status());
        refusedBy(o.data().move(o.coordinator(), assignment, "ACTIVE", null), "INSATS_ONLY");
    }

    @Test
    void theBatchSkipsAMinorWithTheReasonAndItsApplyRefusesThePair() {
        Org o = org();
        UUID minor = o.data().client(o.coordinator(), minorIntake());
        UUID adult = o.data().client(o.coordinator(), MatchingTestData.intake());
        UUID v1 = volunteer(o);
        UUID v2 = volunteer(o);
        var preview = fx.api.post("/api/matching/batch", o.token(), Map.of());
        assertEquals(200, preview.status(), preview.toString());
        boolean skipped = false;
        for (var u : preview.json().get("unmatched").values()) {
            if (u.get("clientId").getStringValue().equals(minor.toString())) {
                assertEquals("MINOR_RULE", u.get("reason").getStringValue());
                skipped = true;
            }
        }
        assertTrue(skipped, preview.body());
        for (var p : preview.json().get("proposals").values()) {
            assertFalse(p.get("clientId").getStringValue().equals(minor.toString()), "never proposed for a voluntary pair");
        }
        var apply = fx.api.post("/api/matching/batch/apply", o.token(), Map.of("kind", "IDEELL", "pairs", List.of(
                Map.of("clientId", adult, "volunteerId", v1), Map.of("clientId", minor, "volunteerId", v2))));
        refusedBy(apply, "INSATS_ONLY");
        assertTrue(apply.body().contains("pairs[1]"), apply.body());
        assertEquals("WAITING", fx.api.get("/api/clients/" + adult, o.token()).json().get("client").get("status").getStringValue(),
                "all or nothing: the adult's pair is not stored either");
        // Once the rule allows it, the same batch goes through.
        assertEquals(200, fx.api.put("/api/organisation/minors-policy", o.token(), Map.of("policy", "RECORDED_STEP")).status());
        assertEquals(200, step(o, minor, "GUARDIAN_CONSENT", null).status());
        apply = fx.api.post("/api/matching/batch/apply", o.token(), Map.of("kind", "IDEELL", "pairs", List.of(
                Map.of("clientId", adult, "volunteerId", v1), Map.of("clientId", minor, "volunteerId", v2))));
        assertEquals(200, apply.status(), apply.toString());
    }

    @Test
    void theWrongRoleIs403AnotherOrganisationsClient404AndBadInput400() {
        Org o = org();
        Org other = org();
        UUID minor = o.data().client(o.coordinator(), minorIntake());
        UUID adult = o.data().client(o.coordinator(), MatchingTestData.intake());
        Fixtures.Staff handlaggare = fx.handlaggare(fx.municipality());
        assertEquals(403, fx.api.get("/api/organisation/minors-policy", handlaggare.accessToken()).status());
        assertEquals(403, fx.api.put("/api/organisation/minors-policy", handlaggare.accessToken(), Map.of("policy", "RECORDED_STEP")).status());
        assertEquals(403, fx.api.post("/api/clients/" + minor + "/minor-step", handlaggare.accessToken(),
                Map.of("kind", "GUARDIAN_CONSENT", "recordedOn", today().toString())).status());
        assertEquals(404, step(other, minor, "GUARDIAN_CONSENT", null).status(), "another organisation's client");
        assertEquals(404, fx.api.delete("/api/clients/" + minor + "/minor-step", other.token()).status());
        assertEquals("INSATS_ONLY", fx.api.get("/api/organisation/minors-policy", o.token()).text("policy"));

        for (Api.Response bad : List.of(
                fx.api.put("/api/organisation/minors-policy", o.token(), Map.of("policy", "NEVER")),
                fx.api.put("/api/organisation/minors-policy", o.token(), Map.of()),
                fx.api.post("/api/clients/" + minor + "/minor-step", o.token(), Map.of("kind", "PARENT_SAID_SO", "recordedOn", today().toString())),
                fx.api.post("/api/clients/" + minor + "/minor-step", o.token(), Map.of("kind", "GUARDIAN_CONSENT")),
                fx.api.post("/api/clients/" + minor + "/minor-step", o.token(),
                        Map.of("kind", "GUARDIAN_CONSENT", "recordedOn", today().plusDays(3).toString())))) {
            assertEquals(400, bad.status(), bad.toString());
            assertTrue(bad.contentType().startsWith("application/problem+json"), bad.contentType());
        }
        var notMinor = step(o, adult, "GUARDIAN_CONSENT", null);
        assertEquals(409, notMinor.status(), notMinor.toString());
        assertEquals("urn:bredvid:problem:not-a-minor", notMinor.problemType());
        assertEquals(404, fx.api.delete("/api/clients/" + minor + "/minor-step", o.token()).status(), "no step to delete");
    }

    private byte[] rawNote(UUID client) throws Exception {
        try (Connection c = raw(); PreparedStatement ps = c.prepareStatement("select minor_step_note from client where id = ?")) {
            ps.setObject(1, client);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBytes(1);
            }
        }
    }

    private long count(String action, UUID org) throws Exception {
        try (Connection c = raw(); PreparedStatement ps = c.prepareStatement(
                "select count(*) from audit_entry where action = ? and object_id = ?")) {
            ps.setString(1, action);
            ps.setString(2, org.toString());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private Connection raw() throws java.sql.SQLException {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }
}
