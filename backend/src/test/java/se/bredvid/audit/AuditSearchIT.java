package se.bredvid.audit;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.time.Instant;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** GET /api/admin/audit: filtered and paged on the server, for an admin only; bad input is a 400 naming it. */
@MicronautTest(transactional = false)
class AuditSearchIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Test
    void filtersByActorActionObjectAndTimeAndPages() {
        var admin = fx.admin();
        Instant before = Instant.now().minusSeconds(5);
        var created = fx.api.post("/api/admin/organisations", admin.accessToken(), Map.of("name", "Sökbar förening"));
        assertEquals(201, created.status(), created.toString());
        String orgId = created.text("id");

        var r = fx.api.get("/api/admin/audit?actor=" + admin.id() + "&action=CREATE&objectType=ORGANISATION&objectId=" + orgId
                + "&from=" + before + "&size=10", admin.accessToken());
        assertEquals(200, r.status(), r.toString());
        var entries = r.json().get("entries");
        assertEquals(1, entries.size(), r.body());
        var e = entries.get(0);
        assertEquals("CREATE", e.get("action").getStringValue());
        assertEquals("ORGANISATION", e.get("objectType").getStringValue());
        assertEquals(orgId, e.get("objectId").getStringValue());
        assertEquals(admin.id().toString(), e.get("actorId").getStringValue());
        assertFalse(r.body().contains("Sökbar"), "no names in the audit log");

        // Nothing before the window; another actor's filter finds none of the admin's entries.
        var none = fx.api.get("/api/admin/audit?objectId=" + orgId + "&to=" + before, admin.accessToken());
        assertEquals(200, none.status(), none.toString());
        assertEquals(0, none.json().get("entries").size(), none.body());

        // Paging: a page of one with more behind it, the next page another entry, newest first.
        var p0 = fx.api.get("/api/admin/audit?size=1&page=0", admin.accessToken());
        var p1 = fx.api.get("/api/admin/audit?size=1&page=1", admin.accessToken());
        assertEquals("true", p0.text("more"), p0.body());
        long s0 = p0.json().get("entries").get(0).get("seq").getLongValue();
        long s1 = p1.json().get("entries").get(0).get("seq").getLongValue();
        assertTrue(s0 > s1, p0.body() + p1.body());
    }

    @Test
    void badParametersAreProblemsNamingTheField() {
        var admin = fx.admin();
        for (var bad : Map.of("actor=nope", "actor", "action=create", "action", "objectType=a%20b", "objectType",
                "from=yesterday", "from", "size=0", "size", "size=201", "size", "page=-1", "page", "page=x", "page",
                "from=2026-02-01T00:00:00Z&to=2026-01-01T00:00:00Z", "to", "objectId=%3Cx%3E", "objectId").entrySet()) {
            var r = fx.api.get("/api/admin/audit?" + bad.getKey(), admin.accessToken());
            assertEquals(400, r.status(), bad.getKey() + " " + r);
            assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
            assertEquals(bad.getValue(), r.json().get("violations").get(0).get("field").getStringValue(), r.body());
        }
    }

    @Test
    void onlyAnAdminReadsTheLog() {
        var coordinator = fx.coordinator(fx.organisation());
        var handlaggare = fx.handlaggare(fx.municipality());
        assertEquals(403, fx.api.get("/api/admin/audit", coordinator.accessToken()).status());
        assertEquals(403, fx.api.get("/api/admin/audit", handlaggare.accessToken()).status());
        assertEquals(403, fx.api.get("/api/admin/audit/verify", coordinator.accessToken()).status());
        assertEquals(401, fx.api.get("/api/admin/audit", null).status());
    }
}
