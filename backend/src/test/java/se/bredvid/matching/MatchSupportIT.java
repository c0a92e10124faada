package se.bredvid.matching;

import io.micronaut.json.tree.JsonNode;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import se.bredvid.identity.SubjectKind;
import se.bredvid.messaging.ChatFixtures;
import se.bredvid.messaging.MessagingTest;
import se.bredvid.messaging.TestDevice;
import se.bredvid.messaging.TestSql;
import se.bredvid.messaging.conversations.ConversationDirectory;
import se.bredvid.platform.MutableClock;
import se.bredvid.recruiting.Recruits;
import se.bredvid.testing.Fixtures;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Match support: per pair the days since the last message and check-in and the missed check-ins (times only),
 * and a pair quiet past bredvid.matching.quiet-after flagged once in the worklist by the job.
 */
@MicronautTest(transactional = false)
class MatchSupportIT implements MessagingTest {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    ChatFixtures chats;

    @Inject
    ConversationDirectory directory;

    @Inject
    TestSql sql;

    @Inject
    QuietPairsJob job;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    private record World(UUID org, Fixtures.Staff coordinator, UUID assignment, UUID conversation, TestDevice volunteer) {
    }

    private World activePairWithDevices() {
        UUID org = fx.organisation();
        Fixtures.Staff coordinator = fx.coordinator(org);
        MatchingTestData data = new MatchingTestData(fx, new Recruits(fx, clock));
        UUID volunteer = data.volunteer(coordinator, "WOMAN", 30, List.of());
        UUID client = data.client(coordinator, MatchingTestData.intake());
        UUID assignment = data.propose(coordinator, client, volunteer, "IDEELL");
        assertEquals(200, data.move(coordinator, assignment, "ACTIVE", null).status());
        UUID conversation = directory.byAssignment(assignment).orElseThrow().id();
        chats.device(coordinator, SubjectKind.CLIENT, client);
        TestDevice volunteerPhone = chats.device(coordinator, SubjectKind.VOLUNTEER, volunteer);
        return new World(org, coordinator, assignment, conversation, volunteerPhone);
    }

    private JsonNode pair(World w) {
        var r = fx.api.get("/api/assignments/support", w.coordinator().accessToken());
        assertEquals(200, r.status(), r.toString());
        for (JsonNode p : r.json().get("pairs").values()) {
            if (p.get("assignmentId").getStringValue().equals(w.assignment().toString())) {
                return p;
            }
        }
        return null;
    }

    private long openQuietItems(World w) {
        return sql.queryLong("select count(*) from staff_notification where kind = 'PAIR_QUIET' and object_id = ? and handled_at is null",
                w.assignment());
    }

    @Test
    void aPairShowsDaysSinceItsLastMessageAndCheckinAndTheMissedCheckinsButNoContent() {
        World w = activePairWithDevices();
        JsonNode before = pair(w);
        assertNotNull(before);
        assertNull(before.get("lastMessageAt"), "no message yet");
        w.volunteer().sendText(w.conversation(), "Hej! Ses på torsdag?");
        clock.advance(Duration.ofDays(3));
        var now = clock.instant();
        sql.update("insert into checkin (id, conversation_id, due_at, deadline_at, scheduled, status, missed_at) values (?, ?, ?, ?, true, 'MISSED', ?)",
                UUID.randomUUID(), w.conversation(), Timestamp.from(now.minus(Duration.ofDays(2))),
                Timestamp.from(now.minus(Duration.ofDays(1))), Timestamp.from(now.minus(Duration.ofDays(1))));
        JsonNode p = pair(w);
        assertEquals(3, p.get("daysSinceLastMessage").getLongValue());
        assertEquals(1, p.get("missedCheckins").getIntValue());
        assertNull(p.get("lastCheckinAt"), "no check-in answered");
        assertFalse(p.get("quiet").getBooleanValue());
        String body = fx.api.get("/api/assignments/support", w.coordinator().accessToken()).body();
        assertFalse(body.contains("torsdag"), "never content");
        assertEquals(14, fx.api.get("/api/assignments/support", w.coordinator().accessToken()).json().get("quietAfterDays").getLongValue());
    }

    @Test
    void aPairQuietPastTheLimitIsFlaggedOnceAndTheItemIsResolvedWhenTheyTalkAgain() {
        World w = activePairWithDevices();
        w.volunteer().sendText(w.conversation(), "Hur är läget?");
        job.round();
        assertEquals(0, openQuietItems(w), "not quiet yet");
        clock.advance(Duration.ofDays(15));
        assertTrue(pair(w).get("quiet").getBooleanValue());
        job.round();
        job.round();
        assertEquals(1, openQuietItems(w), "one open item per quiet pair, however often the job runs");
        var items = fx.api.get("/api/notifications", w.coordinator().accessToken());
        assertTrue(items.body().contains("\"kind\":\"PAIR_QUIET\""), items.body());
        w.volunteer().sendText(w.conversation(), "Jag finns här.");
        assertFalse(pair(w).get("quiet").getBooleanValue());
        job.round();
        assertEquals(0, openQuietItems(w), "resolved once the pair talks again");
    }

    @Test
    void onlyTheOrganisationsCoordinatorsSeeItsPairs() {
        World w = activePairWithDevices();
        var stranger = fx.coordinator(fx.organisation());
        var theirs = fx.api.get("/api/assignments/support", stranger.accessToken());
        assertEquals(200, theirs.status());
        assertFalse(theirs.body().contains(w.assignment().toString()));
        var handlaggare = fx.handlaggare(fx.municipality());
        assertEquals(403, fx.api.get("/api/assignments/support", handlaggare.accessToken()).status());
    }
}
