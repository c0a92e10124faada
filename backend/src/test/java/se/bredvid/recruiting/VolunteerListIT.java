package se.bredvid.recruiting;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The volunteer list's search, filters, order and paging (the desk's board), and its bad input. */
@MicronautTest(transactional = false)
class VolunteerListIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    VolunteerStore repository;

    @Inject
    TransactionOperations<Connection> transactions;

    Recruits recruits;
    Fixtures.Staff coordinator;
    String tag;
    UUID ostlund;
    UUID berg;
    UUID approved;
    UUID booked;

    @BeforeAll
    void setUp() {
        recruits = new Recruits(fx, clock);
        coordinator = fx.coordinator(fx.organisation());
        tag = UUID.randomUUID().toString().substring(0, 6);
        ostlund = apply("Åsa Östlund " + tag, "SE-AB", List.of("sv", "fa"));
        berg = apply("Cecilia Berg " + tag, "SE-M", List.of("sv", "ar"));
        booked = apply("Bodil Ek " + tag, "SE-M", List.of("ti"));
        recruits.move(coordinator, booked, VolunteerState.INTERVIEW_BOOKED);
        clock.advance(Duration.ofSeconds(1));
        approved = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
    }

    private UUID apply(String name, String region, List<String> languages) {
        clock.advance(Duration.ofSeconds(1)); // each applies at a time of its own: the default order is by that
        Map<String, Object> body = recruits.application(name);
        body.put("region", region);
        body.put("languages", languages);
        return recruits.apply(coordinator, body);
    }

    private Api.Response list(String query) {
        return list(coordinator, query);
    }

    private Api.Response list(Fixtures.Staff staff, String query) {
        return fx.api.get("/api/recruiting/volunteers" + (query.isEmpty() ? "" : "?" + query), staff.accessToken());
    }

    private static List<UUID> ids(Api.Response r) {
        assertEquals(200, r.status(), r.toString());
        List<UUID> ids = new ArrayList<>();
        for (JsonNode v : r.json().values()) {
            ids.add(UUID.fromString(v.get("id").getStringValue()));
        }
        return ids;
    }

    private static int total(Api.Response r) {
        return Integer.parseInt(r.raw().getHeaders().get("X-Total-Count"));
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    @Test
    void withoutParametersTheWholeListAsBeforeWithItsCount() {
        var r = list("");
        List<UUID> ids = ids(r);
        assertEquals(4, ids.size());
        assertEquals(4, total(r));
        // The order of old: by application date.
        assertEquals(List.of(ostlund, berg, booked, approved), ids);
        assertEquals(List.of(ostlund, berg), ids(list("state=APPLIED")));
        JsonNode first = r.json().values().iterator().next();
        assertEquals(2, first.get("maxClients").getIntValue());
        assertEquals(0, first.get("activeClients").getIntValue());
    }

    @Test
    void searchesNamesIgnoringCaseAndAccents() {
        assertEquals(List.of(ostlund), ids(list("q=" + enc("ostlund " + tag))));
        assertEquals(List.of(ostlund), ids(list("q=" + enc("ÅSA"))));
        var none = list("q=" + enc("nobody-" + tag));
        assertEquals(List.of(), ids(none));
        assertEquals(0, total(none));
    }

    @Test
    void narrowsByStatesRepeatedOrWithCommas() {
        assertEquals(List.of(ostlund, berg, booked), ids(list("state=APPLIED&state=INTERVIEW_BOOKED")));
        assertEquals(List.of(booked, approved), ids(list("state=INTERVIEW_BOOKED,APPROVED")));
    }

    @Test
    void narrowsByRegionAndLanguage() {
        assertEquals(List.of(berg, booked), ids(list("region=SE-M")));
        assertEquals(List.of(booked), ids(list("region=SE-M&language=ti")));
        assertEquals(List.of(ostlund), ids(list("language=fa")));
    }

    @Test
    void narrowsByFreeCapacity() {
        assertEquals(List.of(approved), ids(list("hasCapacity=true")));
        assertEquals(List.of(ostlund, berg, booked), ids(list("hasCapacity=false")));
    }

    @Test
    void sortsAndPages() {
        // Bodil, Cecilia, Åsa: Swedish order puts Å after Z.
        assertEquals(List.of(booked, berg, ostlund), ids(list("state=APPLIED,INTERVIEW_BOOKED&sort=name")));
        assertEquals(List.of(ostlund, berg, booked), ids(list("state=APPLIED,INTERVIEW_BOOKED&sort=-name")));
        assertEquals(List.of(approved, booked, berg, ostlund), ids(list("sort=-applied")));
        var first = list("sort=applied&size=3&page=0");
        assertEquals(List.of(ostlund, berg, booked), ids(first));
        assertEquals(4, total(first));
        var second = list("sort=applied&size=3&page=1");
        assertEquals(List.of(approved), ids(second));
        assertEquals(4, total(second));
        assertEquals(List.of(), ids(list("size=3&page=7")));
        assertTrue(ids(list("sort=stateSince")).containsAll(List.of(ostlund, berg, booked, approved)));
    }

    @Test
    void badInputIsAProblemNamingTheParameter() {
        String longQ = "x".repeat(101);
        Map<String, String> cases = Map.of(
                "state=SLEEPING", "state",
                "region=SE-QQ", "region",
                "language=" + enc("svenska!"), "language",
                "hasCapacity=yes", "hasCapacity",
                "sort=age", "sort",
                "size=0", "size",
                "size=501", "size",
                "size=10&page=-1", "page",
                "page=2", "page",
                "q=" + longQ, "q");
        cases.forEach((query, field) -> {
            var r = list(query);
            assertEquals(400, r.status(), query + ": " + r);
            assertEquals("application/problem+json", r.contentType(), query);
            assertEquals("urn:bredvid:problem:invalid-value", r.problemType(), query);
            assertEquals(field, r.json().get("violations").values().iterator().next().get("field").getStringValue(), query);
        });
        assertEquals(400, list("size=abc").status());
    }

    @Test
    void aHandlaggareIsRefusedAndAnotherOrganisationSeesNoneOfOurs() {
        var handlaggare = fx.handlaggare(fx.municipality());
        for (String q : List.of("", "q=" + tag, "state=APPLIED&size=5", "hasCapacity=true")) {
            var r = list(handlaggare, q);
            assertEquals(403, r.status(), r.toString());
            assertEquals("application/problem+json", r.contentType());
        }
        var theirs = fx.coordinator(fx.organisation());
        for (String q : List.of("", "q=" + enc(tag), "region=SE-M", "language=fa", "hasCapacity=true", "size=50&sort=name")) {
            var r = list(theirs, q);
            assertEquals(List.of(), ids(r), q);
            assertEquals(0, total(r), q);
        }
        var other = fx.api.get("/api/recruiting/volunteers/" + ostlund, theirs.accessToken());
        assertEquals(404, other.status(), other.toString());
    }

    /** The board's load: 2,000 volunteers in one organisation, searched by name and sorted by name. */
    @Test
    void twoThousandVolunteersStayFast() {
        var big = fx.coordinator(fx.organisation());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        VolunteerState[] states = {VolunteerState.APPLIED, VolunteerState.INTERVIEW_BOOKED, VolunteerState.IN_TRAINING,
                VolunteerState.APPROVED, VolunteerState.PAUSED, VolunteerState.ENDED};
        transactions.executeWrite(status -> {
        for (int i = 0; i < 2000; i++) {
            UUID id = UUID.randomUUID();
            repository.insert(new Volunteer(id, big.organisationId(), states[i % states.length], now,
                    "Person " + i, "p@example.org", null,
                    List.of(i % 2 == 0 ? "sv" : "ar"), i % 3 == 0 ? "SE-AB" : "SE-M", null, List.of(), 8, 2, false,
                    null, "Vill hjälpa", "v1", now, now.minusSeconds(i)));
        }
        return null;
        });
        list(big, "size=50"); // warm-up
        long start = System.nanoTime();
        var r = list(big, "q=" + enc("person 19") + "&sort=name&size=50");
        long byName = (System.nanoTime() - start) / 1_000_000;
        assertEquals(111, total(r)); // 19, 190..199, 1900..1999
        start = System.nanoTime();
        var board = list(big, "state=APPLIED&region=SE-AB&language=sv&size=50");
        long filtered = (System.nanoTime() - start) / 1_000_000;
        assertEquals(50, ids(board).size());
        assertTrue(byName < 2000 && filtered < 2000, "name search " + byName + " ms, filter " + filtered + " ms");
        System.out.println("VolunteerListIT: 2000 volunteers, name search " + byName + " ms, filters " + filtered + " ms");
    }
}
