package se.bredvid.notifications;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.TestSql;
import se.bredvid.notifications.StaffNotifications.Audience;
import se.bredvid.platform.FieldCipher;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Api;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class NotificationsIT implements PostgresBacked {

    private static final String LIST = "/api/notifications";
    private static final String EMAIL = "/api/notifications/email";

    @Inject
    Fixtures fx;

    @Inject
    NotificationsTestSupport support;

    @Inject
    StaffNotifications notifications;

    @Inject
    TransactionOperations<Connection> transactions;

    @Inject
    MutableClock clock;

    @Inject
    TestSql sql;

    @Inject
    FieldCipher cipher;

    private record Org(UUID id, Fixtures.Staff coordinator) {
    }

    private record Mun(UUID id, Fixtures.Staff handlaggare) {
    }

    private Org org() {
        UUID id = fx.organisation();
        return new Org(id, fx.coordinator(id));
    }

    private Mun mun() {
        UUID id = fx.municipality();
        return new Mun(id, fx.handlaggare(id));
    }

    private List<JsonNode> list(Fixtures.Staff staff) {
        Api.Response r = fx.api.get(LIST, staff.accessToken());
        assertEquals(200, r.status(), r.toString());
        List<JsonNode> items = new ArrayList<>();
        r.json().values().forEach(items::add);
        return items;
    }

    private static List<String> objectIds(List<JsonNode> items) {
        return items.stream().map(n -> n.get("objectId").getStringValue()).toList();
    }

    private long count(String where, Object... params) {
        return sql.queryLong("select count(*) from staff_notification where " + where, params);
    }

    // ---- notify, list, done ----

    @Test
    void aNotifiedItemIsListedForEveryCoordinatorOfTheOrganisation() {
        Org org = org();
        Fixtures.Staff colleague = fx.coordinator(org.id());
        UUID object = support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED");

        for (Fixtures.Staff s : List.of(org.coordinator(), colleague)) {
            List<JsonNode> items = list(s);
            assertEquals(1, items.size());
            JsonNode item = items.get(0);
            assertEquals("INSATS_DECIDED", item.get("kind").getStringValue());
            assertEquals("INSATS", item.get("objectType").getStringValue());
            assertEquals(object.toString(), item.get("objectId").getStringValue());
            assertNotNull(UUID.fromString(item.get("id").getStringValue()));
            assertNotNull(item.get("createdAt"));
        }
    }

    @Test
    void aMunicipalityItemIsListedForItsHandlaggare() {
        Mun mun = mun();
        UUID object = support.notify(Audience.MUNICIPALITY, mun.id(), "INSATS_PROPOSED");

        assertEquals(List.of(object.toString()), objectIds(list(mun.handlaggare())));
    }

    @Test
    void theListIsNewestFirst() {
        Org org = org();
        UUID first = support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED");
        clock.advance(Duration.ofSeconds(5));
        UUID second = support.notify(Audience.ORGANISATION, org.id(), "FOLLOW_UP_DUE");
        clock.advance(Duration.ofSeconds(5));
        UUID third = support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED");

        assertEquals(List.of(third.toString(), second.toString(), first.toString()), objectIds(list(org.coordinator())));
    }

    @Test
    void anIdenticalOpenItemIsNotDuplicated() {
        Org org = org();
        UUID object = UUID.randomUUID();
        support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED", object);
        support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED", object);

        assertEquals(1, list(org.coordinator()).size());
        assertEquals(1, count("object_id = ?", object));
    }

    @Test
    void anotherKindAboutTheSameObjectIsASecondItem() {
        Org org = org();
        UUID object = UUID.randomUUID();
        support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED", object);
        support.notify(Audience.ORGANISATION, org.id(), "FOLLOW_UP_DUE", object);

        assertEquals(2, list(org.coordinator()).size());
    }

    @Test
    void notifyingAgainAfterTheItemWasHandledOpensANewItem() {
        Org org = org();
        UUID object = UUID.randomUUID();
        support.notify(Audience.ORGANISATION, org.id(), "FOLLOW_UP_DUE", object);
        support.resolve(Audience.ORGANISATION, org.id(), "FOLLOW_UP_DUE", object);
        support.notify(Audience.ORGANISATION, org.id(), "FOLLOW_UP_DUE", object);

        assertEquals(List.of(object.toString()), objectIds(list(org.coordinator())));
        assertEquals(2, count("object_id = ?", object));
    }

    @Test
    void doneRemovesTheItemFromTheListOfEveryColleague() {
        Org org = org();
        Fixtures.Staff colleague = fx.coordinator(org.id());
        support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED");
        UUID kept = support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED");
        String id = list(org.coordinator()).stream()
                .filter(n -> !n.get("objectId").getStringValue().equals(kept.toString()))
                .findFirst().orElseThrow().get("id").getStringValue();

        Api.Response r = fx.api.post(LIST + "/" + id + "/done", org.coordinator().accessToken(), null);

        assertEquals(204, r.status(), r.toString());
        assertEquals(List.of(kept.toString()), objectIds(list(colleague)));
        assertEquals(1, count("id = ? and handled_by = ?", UUID.fromString(id), org.coordinator().id()));
    }

    @Test
    void doneOnAnAlreadyHandledItemAnswers204AndChangesNothing() {
        Org org = org();
        support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED");
        String id = list(org.coordinator()).get(0).get("id").getStringValue();
        Fixtures.Staff colleague = fx.coordinator(org.id());
        assertEquals(204, fx.api.post(LIST + "/" + id + "/done", org.coordinator().accessToken(), null).status());

        Api.Response again = fx.api.post(LIST + "/" + id + "/done", colleague.accessToken(), null);

        assertEquals(204, again.status(), again.toString());
        assertEquals(1, count("id = ? and handled_by = ?", UUID.fromString(id), org.coordinator().id()));
    }

    @Test
    void doneOnAnUnknownIdIsA404Problem() {
        Org org = org();
        Api.Response r = fx.api.post(LIST + "/" + UUID.randomUUID() + "/done", org.coordinator().accessToken(), null);

        assertEquals(404, r.status());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }

    @Test
    void doneWithAMalformedIdIsA400Problem() {
        Org org = org();
        Api.Response r = fx.api.post(LIST + "/not-a-uuid/done", org.coordinator().accessToken(), null);

        assertEquals(400, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }

    // ---- resolve ----

    @Test
    void resolveHandlesTheOpenItemOfThatKindAboutThatObjectOnly() {
        Org org = org();
        UUID object = UUID.randomUUID();
        UUID other = UUID.randomUUID();
        support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED", object);
        support.notify(Audience.ORGANISATION, org.id(), "FOLLOW_UP_DUE", object);
        support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED", other);

        support.resolve(Audience.ORGANISATION, org.id(), "INSATS_DECIDED", object);

        List<JsonNode> items = list(org.coordinator());
        assertEquals(2, items.size());
        assertTrue(items.stream().noneMatch(n -> n.get("kind").getStringValue().equals("INSATS_DECIDED")
                && n.get("objectId").getStringValue().equals(object.toString())));
        assertEquals(1, count("object_id = ? and kind = 'INSATS_DECIDED' and handled_at is not null and handled_by is null", object));
    }

    @Test
    void resolveInAnotherTenantLeavesTheItemOpen() {
        Org org = org();
        UUID object = support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED");

        support.resolve(Audience.ORGANISATION, fx.organisation(), "INSATS_DECIDED", object);

        assertEquals(List.of(object.toString()), objectIds(list(org.coordinator())));
    }

    // ---- transactions ----

    @Test
    void notifyOutsideATransactionFailsAndRecordsNothing() {
        Org org = org();
        UUID object = UUID.randomUUID();

        assertThrows(RuntimeException.class,
                () -> notifications.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED", "INSATS", object));

        assertEquals(0, count("object_id = ?", object));
    }

    @Test
    void resolveOutsideATransactionFails() {
        Org org = org();
        UUID object = support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED");

        assertThrows(RuntimeException.class,
                () -> notifications.resolve(Audience.ORGANISATION, org.id(), "INSATS_DECIDED", object));

        assertEquals(List.of(object.toString()), objectIds(list(org.coordinator())));
    }

    @Test
    void anItemRollsBackWithTheChangeItIsAbout() {
        Org org = org();
        UUID object = UUID.randomUUID();

        assertThrows(IllegalStateException.class, () -> transactions.executeWrite(status -> {
            notifications.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED", "INSATS", object);
            throw new IllegalStateException("the change failed");
        }));

        assertEquals(0, count("object_id = ?", object));
        assertTrue(list(org.coordinator()).isEmpty());
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "insats_proposed", "INSATS PROPOSED", "Ärende", "1_STARTS_WITH_DIGIT"})
    void aKindThatIsNotAnUpperSnakeSlugIsRefused(String kind) {
        Org org = org();
        UUID object = UUID.randomUUID();

        assertThrows(IllegalArgumentException.class, () -> transactions.executeWrite(status -> {
            notifications.notify(Audience.ORGANISATION, org.id(), kind, "INSATS", object);
            return null;
        }));
        assertEquals(0, count("object_id = ?", object));
    }

    // ---- isolation ----

    @Test
    void aCoordinatorOfAnotherOrganisationSeesNothingAndCannotMarkItDone() {
        Org owner = org();
        Org other = org();
        support.notify(Audience.ORGANISATION, owner.id(), "INSATS_DECIDED");
        String id = list(owner.coordinator()).get(0).get("id").getStringValue();

        assertTrue(list(other.coordinator()).isEmpty());
        assertEquals(404, fx.api.post(LIST + "/" + id + "/done", other.coordinator().accessToken(), null).status());
        assertEquals(1, list(owner.coordinator()).size());
    }

    @Test
    void aHandlaggareOfAnotherMunicipalitySeesNothingAndCannotMarkItDone() {
        Mun owner = mun();
        Mun other = mun();
        support.notify(Audience.MUNICIPALITY, owner.id(), "INSATS_PROPOSED");
        String id = list(owner.handlaggare()).get(0).get("id").getStringValue();

        assertTrue(list(other.handlaggare()).isEmpty());
        assertEquals(404, fx.api.post(LIST + "/" + id + "/done", other.handlaggare().accessToken(), null).status());
        assertEquals(1, list(owner.handlaggare()).size());
    }

    @Test
    void aCoordinatorNeverSeesMunicipalityItems() {
        Org org = org();
        Mun mun = mun();
        support.notify(Audience.MUNICIPALITY, mun.id(), "INSATS_PROPOSED");
        String id = list(mun.handlaggare()).get(0).get("id").getStringValue();

        assertTrue(list(org.coordinator()).isEmpty());
        assertEquals(404, fx.api.post(LIST + "/" + id + "/done", org.coordinator().accessToken(), null).status());
    }

    @Test
    void aHandlaggareNeverSeesOrganisationItems() {
        Org org = org();
        Mun mun = mun();
        support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED");
        String id = list(org.coordinator()).get(0).get("id").getStringValue();

        assertTrue(list(mun.handlaggare()).isEmpty());
        assertEquals(404, fx.api.post(LIST + "/" + id + "/done", mun.handlaggare().accessToken(), null).status());
    }

    @Test
    void adminsAndDevicesAreForbiddenEveryRoute() {
        Org org = org();
        support.notify(Audience.ORGANISATION, org.id(), "INSATS_DECIDED");
        String id = list(org.coordinator()).get(0).get("id").getStringValue();
        List<String> tokens = List.of(fx.admin().accessToken(),
                fx.pairedDevice(org.coordinator(), SubjectKind.CLIENT, UUID.randomUUID()).accessToken(),
                fx.pairedDevice(org.coordinator(), SubjectKind.VOLUNTEER, UUID.randomUUID()).accessToken());

        for (String token : tokens) {
            assertEquals(403, fx.api.get(LIST, token).status());
            assertEquals(403, fx.api.post(LIST + "/" + id + "/done", token, null).status());
            assertEquals(403, fx.api.get(EMAIL, token).status());
            assertEquals(403, fx.api.put(EMAIL, token, Map.of("email", "x@bredvid.example")).status());
        }
        assertEquals(1, list(org.coordinator()).size());
    }

    @Test
    void anonymousCallersAreUnauthorized() {
        assertEquals(401, fx.api.get(LIST, null).status());
        assertEquals(401, fx.api.get(EMAIL, null).status());
    }

    // ---- the digest address ----

    @Test
    void aStaffMemberHasNoAddressUntilTheySetOne() {
        Org org = org();
        Api.Response r = fx.api.get(EMAIL, org.coordinator().accessToken());

        assertEquals(200, r.status(), r.toString());
        assertTrue(r.json().get("email") == null || r.json().get("email").isNull(), r.toString());
    }

    @Test
    void aStaffMemberSetsAndReadsTheirOwnAddress() {
        Mun mun = mun();
        Api.Response put = fx.api.put(EMAIL, mun.handlaggare().accessToken(), Map.of("email", " anna.handlaggare@kommun.example "));

        assertEquals(200, put.status(), put.toString());
        assertEquals("anna.handlaggare@kommun.example", put.text("email"));
        assertEquals("anna.handlaggare@kommun.example", fx.api.get(EMAIL, mun.handlaggare().accessToken()).text("email"));
    }

    @Test
    void aColleagueDoesNotSeeAnotherStaffMembersAddress() {
        Org org = org();
        Fixtures.Staff colleague = fx.coordinator(org.id());
        fx.api.put(EMAIL, org.coordinator().accessToken(), Map.of("email", "first@jour.example"));

        assertNull(fx.api.get(EMAIL, colleague.accessToken()).text("email"));
    }

    @Test
    void settingNullStopsTheDigestAndRemovesTheAddress() {
        Org org = org();
        fx.api.put(EMAIL, org.coordinator().accessToken(), Map.of("email", "stop@jour.example"));

        Api.Response r = fx.api.put(EMAIL, org.coordinator().accessToken(), "{\"email\":null}");

        assertEquals(200, r.status(), r.toString());
        assertNull(fx.api.get(EMAIL, org.coordinator().accessToken()).text("email"));
        assertEquals(0, sql.queryLong("select count(*) from staff_notification_email where staff_id = ?", org.coordinator().id()));
    }

    @Test
    void theAddressIsStoredSealedAndBoundToItsRow() throws SQLException {
        Org org = org();
        Fixtures.Staff colleague = fx.coordinator(org.id());
        String address = "sealed-" + UUID.randomUUID() + "@jour.example";
        fx.api.put(EMAIL, org.coordinator().accessToken(), Map.of("email", address));
        fx.api.put(EMAIL, colleague.accessToken(), Map.of("email", "colleague@jour.example"));

        byte[] stored;
        try (Connection c = sql.connect();
             PreparedStatement ps = c.prepareStatement("select email_sealed from staff_notification_email where staff_id = ?")) {
            ps.setObject(1, org.coordinator().id());
            ResultSet rs = ps.executeQuery();
            assertTrue(rs.next());
            stored = rs.getBytes(1);
        }
        assertFalse(new String(stored, StandardCharsets.ISO_8859_1).contains("sealed-"), "address stored in clear");
        assertEquals(address, cipher.openString(stored, StaffEmails.context(org.coordinator().id())));
        // Copied into another staff member's row, the sealed value does not open.
        assertThrows(IllegalStateException.class, () -> cipher.open(stored, StaffEmails.context(colleague.id())));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   ", "not-an-email", "anna@", "@kommun.example", "anna@kommun", "anna@@kommun.example",
            "Anna <anna@kommun.example>", "anna@kommun.example\r\nBcc: x@evil.example", "anna kommun@kommun.example",
            "anna@[127.0.0.1]", "\"anna\"@kommun.example", "anna@-kommun.example", "anna..b@kommun.example"})
    void aMalformedAddressIsA400Problem(String email) {
        Org org = org();
        Api.Response r = fx.api.put(EMAIL, org.coordinator().accessToken(), Map.of("email", email));

        assertEquals(400, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
        assertNull(fx.api.get(EMAIL, org.coordinator().accessToken()).text("email"));
    }

    @Test
    void anOverlongAddressIsA400Problem() {
        Org org = org();
        String email = "a".repeat(64) + "@" + "k".repeat(63) + "." + "l".repeat(63) + "." + "m".repeat(63) + ".example";
        Api.Response r = fx.api.put(EMAIL, org.coordinator().accessToken(), Map.of("email", email));

        assertEquals(400, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }

    @Test
    void anUnknownFieldIsA400Problem() {
        Org org = org();
        Api.Response r = fx.api.put(EMAIL, org.coordinator().accessToken(), Map.of("mail", "anna@kommun.example"));

        assertEquals(400, r.status(), r.toString());
        assertTrue(r.contentType().startsWith("application/problem+json"), r.contentType());
    }
}
