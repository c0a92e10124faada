package se.bredvid.identity;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Names PostgreSQL cannot store, or that would be stored changed, are refused at the door (issue 16). */
@MicronautTest(transactional = false)
class AdminBadInputIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    Fixtures.Staff admin;

    @BeforeAll
    void signIn() {
        admin = fx.admin();
    }

    private static void refusedNaming(String field, Api.Response r) {
        assertEquals(400, r.status(), r.toString());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("urn:bredvid:problem:validation", r.problemType());
        assertEquals(field, r.json().get("violations").get(0).get("field").getStringValue(), r.body());
    }

    @Test
    void aNulCharacterInAnOrganisationNameIsRefusedAndNothingIsStored() {
        String before = fx.api.get("/api/admin/organisations", admin.accessToken()).body();
        refusedNaming("name", fx.api.post("/api/admin/organisations", admin.accessToken(), "{\"name\":\"a\\u0000b\"}"));
        assertEquals(before, fx.api.get("/api/admin/organisations", admin.accessToken()).body());
    }

    @Test
    void aNulCharacterInAMunicipalityNameIsRefusedAndNothingIsStored() {
        String before = fx.api.get("/api/admin/municipalities", admin.accessToken()).body();
        refusedNaming("name", fx.api.post("/api/admin/municipalities", admin.accessToken(), "{\"name\":\"a\\u0000b\"}"));
        assertEquals(before, fx.api.get("/api/admin/municipalities", admin.accessToken()).body());
    }

    @Test
    void aLoneSurrogateInANameIsRefusedRatherThanStoredAsAQuestionMark() {
        String before = fx.api.get("/api/admin/organisations", admin.accessToken()).body();
        refusedNaming("name", fx.api.post("/api/admin/organisations", admin.accessToken(), "{\"name\":\"Jour \\ud800\"}"));
        assertEquals(before, fx.api.get("/api/admin/organisations", admin.accessToken()).body());
    }

    @Test
    void aNameWithAnEmojiIsStillAccepted() {
        var r = fx.api.post("/api/admin/organisations", admin.accessToken(), "{\"name\":\"Jour \\ud83c\\udf3b\"}");
        assertEquals(201, r.status(), r.toString());
        assertEquals("Jour \uD83C\uDF3B", r.text("name"), r.body());
    }
}
