package se.bredvid.identity;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin renames and deactivates tenants and links municipalities with organisations (issue 15). */
@MicronautTest(transactional = false)
class AdminTenantsIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    Fixtures.Staff admin;
    UUID org;
    UUID mun;

    @BeforeAll
    void signIn() {
        admin = fx.admin();
        org = fx.organisation();
        mun = fx.municipality();
    }

    private static void problem(int status, String type, Api.Response r) {
        assertEquals(status, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        if (type != null) {
            assertEquals("urn:bredvid:problem:" + type, r.problemType(), r.body());
        }
    }

    @Test
    void aRenameIsVisibleInTheListAndAudited() {
        String name = "Omdöpt jour " + UUID.randomUUID();
        var r = fx.api.post("/api/admin/organisations/" + org + "/name", admin.accessToken(), Map.of("name", "  " + name + " "));
        assertEquals(200, r.status(), r.toString());
        assertEquals(name, r.text("name"));
        assertTrue(fx.api.get("/api/admin/organisations", admin.accessToken()).body().contains(name));
        String munName = "Omdöpt kommun " + UUID.randomUUID();
        assertEquals(200, fx.api.post("/api/admin/municipalities/" + mun + "/name", admin.accessToken(), Map.of("name", munName)).status());
        assertTrue(fx.api.get("/api/admin/municipalities", admin.accessToken()).body().contains(munName));
        var audit = fx.api.get("/api/admin/audit?action=RENAME&objectId=" + org, admin.accessToken());
        assertEquals(200, audit.status(), audit.toString());
        assertTrue(audit.body().contains(org.toString()), audit.body());
    }

    @Test
    void badInputIsRefusedWith400AndATakenNameWith409() {
        problem(400, "validation", fx.api.post("/api/admin/organisations/" + org + "/name", admin.accessToken(), Map.of("name", " ")));
        problem(400, null, fx.api.post("/api/admin/organisations/" + org + "/active", admin.accessToken(), Map.of()));
        problem(400, null, fx.api.post("/api/admin/links", admin.accessToken(), Map.of("municipalityId", mun)));
        problem(400, null, fx.api.post("/api/admin/links", admin.accessToken(), Map.of("municipalityId", "x", "organisationId", org)));
        problem(400, "validation", fx.api.post("/api/admin/links", admin.accessToken(), Map.of("municipalityId", UUID.randomUUID(), "organisationId", org)));
        problem(404, "not-found", fx.api.post("/api/admin/organisations/" + UUID.randomUUID() + "/name", admin.accessToken(), Map.of("name", "Ny")));
        problem(404, "not-found", fx.api.delete("/api/admin/links/" + UUID.randomUUID() + "/" + org, admin.accessToken()));
        UUID other = fx.organisation();
        String taken = fx.api.get("/api/admin/organisations", admin.accessToken()).json().get(0).get("name").getStringValue();
        var r = fx.api.post("/api/admin/organisations/" + other + "/name", admin.accessToken(), Map.of("name", taken));
        if (!taken.equals(nameOf(other))) {
            problem(409, "duplicate-name", r);
        }
    }

    private String nameOf(UUID id) {
        var list = fx.api.get("/api/admin/organisations", admin.accessToken()).json();
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).get("id").getStringValue().equals(id.toString())) {
                return list.get(i).get("name").getStringValue();
            }
        }
        return null;
    }

    @Test
    void linksAreListedAddedAndRemoved() {
        UUID m = fx.municipality();
        UUID o = fx.organisation();
        String pair = "\"municipalityId\":\"" + m + "\",\"organisationId\":\"" + o + "\"";
        assertTrue(fx.api.get("/api/admin/links", admin.accessToken()).body().contains(pair));
        assertEquals(204, fx.api.delete("/api/admin/links/" + m + "/" + o, admin.accessToken()).status());
        assertFalse(fx.api.get("/api/admin/links", admin.accessToken()).body().contains(pair));
        var r = fx.api.post("/api/admin/links", admin.accessToken(), Map.of("municipalityId", m, "organisationId", o));
        assertEquals(201, r.status(), r.toString());
        assertEquals(201, fx.api.post("/api/admin/links", admin.accessToken(), Map.of("municipalityId", m, "organisationId", o)).status(), "idempotent");
        assertTrue(fx.api.get("/api/admin/links", admin.accessToken()).body().contains(pair));
    }

    @Test
    void aLinksModelIsProviderByDefaultAndChangedByPostingItAgainAudited() {
        UUID m = fx.municipality();
        UUID o = fx.organisation();
        assertEquals(204, fx.api.delete("/api/admin/links/" + m + "/" + o, admin.accessToken()).status());
        var r = fx.api.post("/api/admin/links", admin.accessToken(), Map.of("municipalityId", m, "organisationId", o));
        assertEquals(201, r.status(), r.toString());
        assertEquals("PROVIDER", r.text("model"), "a new link without a model: the organisation is the provider");
        r = fx.api.post("/api/admin/links", admin.accessToken(), Map.of("municipalityId", m, "organisationId", o, "model", "MUNICIPALITY"));
        assertEquals(201, r.status(), r.toString());
        assertEquals("MUNICIPALITY", r.text("model"));
        boolean listed = false;
        for (var l : fx.api.get("/api/admin/links", admin.accessToken()).json().values()) {
            if (l.get("municipalityId").getStringValue().equals(m.toString()) && l.get("organisationId").getStringValue().equals(o.toString())) {
                assertEquals("MUNICIPALITY", l.get("model").getStringValue());
                listed = true;
            }
        }
        assertTrue(listed);
        // Posting it again without a model keeps the model; the change is audited.
        assertEquals("MUNICIPALITY", fx.api.post("/api/admin/links", admin.accessToken(),
                Map.of("municipalityId", m, "organisationId", o)).text("model"));
        var audit = fx.api.get("/api/admin/audit?action=SET_LINK_MODEL_MUNICIPALITY&objectId=" + m + ":" + o, admin.accessToken());
        assertEquals(200, audit.status(), audit.toString());
        assertTrue(audit.body().contains(m + ":" + o), audit.body());
        problem(400, null, fx.api.post("/api/admin/links", admin.accessToken(), Map.of("municipalityId", m, "organisationId", o, "model", "UTFORARE")));
        assertEquals("MUNICIPALITY", fx.api.post("/api/admin/links", admin.accessToken(),
                Map.of("municipalityId", m, "organisationId", o)).text("model"), "a refused request changes nothing");
    }

    @Test
    void onlyTheAdminManagesTenantsAndLinks() {
        Fixtures.Staff coordinator = fx.coordinator(org);
        Fixtures.Staff handlaggare = fx.handlaggare(mun);
        for (Fixtures.Staff s : new Fixtures.Staff[]{coordinator, handlaggare}) {
            problem(403, null, fx.api.post("/api/admin/organisations/" + org + "/name", s.accessToken(), Map.of("name", "Kapad")));
            problem(403, null, fx.api.post("/api/admin/municipalities/" + mun + "/active", s.accessToken(), Map.of("active", false)));
            problem(403, null, fx.api.get("/api/admin/links", s.accessToken()));
            problem(403, null, fx.api.post("/api/admin/links", s.accessToken(), Map.of("municipalityId", mun, "organisationId", org)));
            problem(403, null, fx.api.delete("/api/admin/links/" + mun + "/" + org, s.accessToken()));
        }
        assertTrue(fx.api.get("/api/admin/links", admin.accessToken()).body().contains(org.toString()));
    }
}
