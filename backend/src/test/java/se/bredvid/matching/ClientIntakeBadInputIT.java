package se.bredvid.matching;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.util.Arrays;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Intakes that used to end in a 500 (issue 16) are refused with a problem, and nothing stored changes. */
@MicronautTest(transactional = false)
class ClientIntakeBadInputIT implements PostgresBacked {

    /** Every list of the intake; a null element in any of them is refused. */
    private static final String[] LISTS = {"languages", "requiredLanguages", "communities", "needs", "interests",
            "availability", "excludedCommunities", "excludedPlaces", "excludedLanguages", "excludedVolunteers"};

    @Inject
    Fixtures fx;

    Fixtures.Staff coordinator;

    @BeforeAll
    void setUp() {
        coordinator = fx.coordinator(fx.organisation());
    }

    private String clients() {
        return fx.api.get("/api/clients", coordinator.accessToken()).body();
    }

    private static void refusedNaming(String field, Api.Response r) {
        assertEquals(400, r.status(), field + ": " + r);
        assertEquals("application/problem+json", r.contentType(), field + ": " + r);
        assertTrue(r.body().contains("\"field\":\"" + field + "\""), field + " not named in " + r.body());
    }

    @Test
    void aNullElementInAnyListOfTheIntakeIsRefusedAndNothingIsStored() {
        String before = clients();
        for (String list : LISTS) {
            Map<String, Object> intake = MatchingTestData.intake();
            intake.put(list, Arrays.asList((Object) null));
            refusedNaming(list + "[0]", fx.api.post("/api/clients", coordinator.accessToken(), intake));
        }
        assertEquals(before, clients());
    }

    @Test
    void aNullElementInAnUpdatedIntakeIsRefusedAndTheClientIsUnchanged() {
        var created = fx.api.post("/api/clients", coordinator.accessToken(), MatchingTestData.intake());
        assertEquals(201, created.status(), created.toString());
        String path = "/api/clients/" + created.text("id");
        String before = fx.api.get(path, coordinator.accessToken()).body();
        Map<String, Object> intake = MatchingTestData.intake();
        intake.put("languages", Arrays.asList("sv", null));
        refusedNaming("languages[1]", fx.api.put(path, coordinator.accessToken(), intake));
        assertEquals(before, fx.api.get(path, coordinator.accessToken()).body());
    }

    @Test
    void anUnknownMunicipalityIsRefusedAndNothingIsStored() {
        String before = clients();
        Map<String, Object> intake = MatchingTestData.intake();
        intake.put("municipalityId", UUID.randomUUID());
        refusedNaming("municipalityId", fx.api.post("/api/clients", coordinator.accessToken(), intake));
        assertEquals(before, clients());
    }

    @Test
    void anUnknownMunicipalityIsRefusedOnUpdateAndTheClientIsUnchanged() {
        var created = fx.api.post("/api/clients", coordinator.accessToken(), MatchingTestData.intake());
        assertEquals(201, created.status(), created.toString());
        String path = "/api/clients/" + created.text("id");
        String before = fx.api.get(path, coordinator.accessToken()).body();
        Map<String, Object> intake = MatchingTestData.intake();
        intake.put("municipalityId", UUID.randomUUID());
        refusedNaming("municipalityId", fx.api.put(path, coordinator.accessToken(), intake));
        assertEquals(before, fx.api.get(path, coordinator.accessToken()).body());
    }

    @Test
    void aKnownMunicipalityIsAccepted() {
        Map<String, Object> intake = MatchingTestData.intake();
        UUID municipality = fx.municipality();
        intake.put("municipalityId", municipality);
        var r = fx.api.post("/api/clients", coordinator.accessToken(), intake);
        assertEquals(201, r.status(), r.toString());
        assertEquals(municipality.toString(), r.text("municipalityId"));
    }
}
