package se.bredvid.recruiting;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import se.bredvid.identity.SubjectKind;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class LifecycleIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    JdbcOperations jdbc;

    @Inject
    TransactionOperations<Connection> tx;

    Recruits recruits;
    Fixtures.Staff coordinator;

    @BeforeAll
    void setUp() {
        recruits = new Recruits(fx, clock);
        coordinator = fx.coordinator(fx.organisation());
    }

    private void assertConflict(UUID id, VolunteerState to, String slug) {
        var r = recruits.transition(coordinator, id, to);
        assertEquals(409, r.status(), r.toString());
        assertEquals("application/problem+json", r.contentType());
        assertEquals("urn:bredvid:problem:" + slug, r.problemType(), r.toString());
    }

    @TestFactory
    List<DynamicTest> everyLegalTransitionSucceedsAndEveryIllegalOneIsAConflict() {
        Map<VolunteerState, UUID> stayers = new EnumMap<>(VolunteerState.class);
        List<DynamicTest> tests = new ArrayList<>();
        for (VolunteerState from : VolunteerState.values()) {
            for (VolunteerState to : VolunteerState.values()) {
                if (from.mayGoTo(to)) {
                    tests.add(DynamicTest.dynamicTest(from + " -> " + to + " succeeds", () -> {
                        UUID id = recruits.volunteerIn(coordinator, from);
                        recruits.prepareFor(coordinator, id, to);
                        var r = recruits.transition(coordinator, id, to);
                        assertEquals(200, r.status(), r.toString());
                        assertEquals(to.name(), r.text("state"));
                        assertEquals(to.name(), recruits.state(coordinator, id));
                    }));
                } else {
                    tests.add(DynamicTest.dynamicTest(from + " -> " + to + " is a 409 and changes nothing", () -> {
                        UUID id = stayers.computeIfAbsent(from, s -> recruits.volunteerIn(coordinator, s));
                        assertConflict(id, to, "illegal-transition");
                        assertEquals(from.name(), recruits.state(coordinator, id));
                    }));
                }
            }
        }
        return tests;
    }

    @Test
    void everyTransitionRecordsWhoWhenAndWhy() {
        UUID id = recruits.apply(coordinator);
        Instant at = clock.instant();
        var r = recruits.api.post("/api/recruiting/volunteers/" + id + "/transitions", coordinator.accessToken(),
                Map.of("to", "INTERVIEW_BOOKED", "reason", "Intervju bokad till tisdag"));
        assertEquals(200, r.status(), r.toString());
        var history = recruits.api.get("/api/recruiting/volunteers/" + id + "/transitions", coordinator.accessToken()).json();
        assertEquals(2, history.size());
        var last = history.get(1);
        assertEquals("APPLIED", last.get("from").getStringValue());
        assertEquals("INTERVIEW_BOOKED", last.get("to").getStringValue());
        assertEquals("STAFF", last.get("actorKind").getStringValue());
        assertEquals(coordinator.id().toString(), last.get("actorId").getStringValue());
        assertEquals("Intervju bokad till tisdag", last.get("reason").getStringValue());
        // PostgreSQL keeps microseconds.
        assertEquals(at.truncatedTo(java.time.temporal.ChronoUnit.MICROS), Instant.parse(last.get("at").getStringValue()));
    }

    @Test
    void everyTransitionIsInTheAuditLog() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.INTERVIEWED);
        List<String> actions = tx.executeRead(s -> jdbc.prepareStatement(
                "select action from audit_entry where object_type = 'VOLUNTEER' and object_id = ? order by seq", ps -> {
                    ps.setString(1, id.toString());
                    var rs = ps.executeQuery();
                    List<String> list = new ArrayList<>();
                    while (rs.next()) {
                        list.add(rs.getString(1));
                    }
                    return list;
                }));
        assertTrue(actions.containsAll(List.of("APPLY", "TRANSITION_TO_INTERVIEW_BOOKED", "TRANSITION_TO_INTERVIEWED")),
                actions.toString());
    }

    @Test
    void markingAVolunteerInterviewedNeedsARecordedInterview() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.INTERVIEW_BOOKED);
        assertConflict(id, VolunteerState.INTERVIEWED, "interview-required");
        recruits.recordInterview(coordinator, id);
        assertEquals(200, recruits.transition(coordinator, id, VolunteerState.INTERVIEWED).status());
    }

    @Test
    void startingTrainingNeedsACohort() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.INTERVIEWED);
        assertConflict(id, VolunteerState.IN_TRAINING, "enrolment-required");
        recruits.enrol(coordinator, id);
        assertEquals(200, recruits.transition(coordinator, id, VolunteerState.IN_TRAINING).status());
    }

    @Test
    void onlyAnInterviewedVolunteerCanJoinACohort() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.INTERVIEW_BOOKED);
        var r = recruits.api.post("/api/recruiting/cohorts/" + recruits.cohortOf(coordinator).id() + "/members",
                coordinator.accessToken(), Map.of("volunteerId", id));
        assertEquals(409, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:not-ready-for-training", r.problemType());
    }

    @Test
    void aVolunteerWithIncompleteTrainingCannotBeMarkedTrained() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.IN_TRAINING);
        List<UUID> sessions = recruits.cohortOf(coordinator).sessionIds();
        recruits.attend(coordinator, id, sessions.subList(0, 6));
        assertConflict(id, VolunteerState.TRAINED, "training-incomplete");
        recruits.attend(coordinator, id, sessions.subList(6, 7));
        assertEquals(200, recruits.transition(coordinator, id, VolunteerState.TRAINED).status());
    }

    @Test
    void approvalNeedsABackgroundCheck() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.TRAINED);
        assertConflict(id, VolunteerState.APPROVED, "background-check-required");
    }

    @Test
    void anExpiredBackgroundCheckBlocksApproval() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.TRAINED);
        recruits.recordCheck(coordinator, id, recruits.today().minusDays(400));
        assertConflict(id, VolunteerState.APPROVED, "background-check-required");
        recruits.recordCheck(coordinator, id, recruits.today().minusDays(10));
        assertEquals(200, recruits.transition(coordinator, id, VolunteerState.APPROVED).status());
    }

    @Test
    void aCheckIssuedExactlyTheMaximumAgeAgoIsTooOld() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.TRAINED);
        recruits.recordCheck(coordinator, id, recruits.today().minusDays(365));
        assertConflict(id, VolunteerState.APPROVED, "background-check-required");
    }

    @Test
    void aCheckOneDayYoungerThanTheMaximumAgeIsAccepted() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.TRAINED);
        recruits.recordCheck(coordinator, id, recruits.today().minusDays(364));
        assertEquals(200, recruits.transition(coordinator, id, VolunteerState.APPROVED).status());
    }

    @Test
    void theLatestCheckDecidesNotAnOlderOne() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.TRAINED);
        recruits.recordCheck(coordinator, id, recruits.today().minusDays(20));
        recruits.recordCheck(coordinator, id, recruits.today().minusDays(500));
        var checks = recruits.api.get("/api/recruiting/volunteers/" + id + "/background-checks", coordinator.accessToken());
        assertEquals(2, checks.json().size());
        assertEquals(200, recruits.transition(coordinator, id, VolunteerState.APPROVED).status());
    }

    @Test
    void aBackgroundCheckFromTheFutureIsRefused() {
        UUID id = recruits.apply(coordinator);
        var r = recruits.api.post("/api/recruiting/volunteers/" + id + "/background-checks", coordinator.accessToken(),
                Map.of("kind", "GENERAL", "issuedOn", recruits.today().plusDays(1).toString(),
                        "seenOn", recruits.today().toString()));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.body().contains("\"field\":\"issuedOn\""), r.body());
    }

    @Test
    void aBackgroundCheckSeenBeforeItWasIssuedIsRefused() {
        UUID id = recruits.apply(coordinator);
        var r = recruits.api.post("/api/recruiting/volunteers/" + id + "/background-checks", coordinator.accessToken(),
                Map.of("kind", "GENERAL", "issuedOn", recruits.today().minusDays(5).toString(),
                        "seenOn", recruits.today().minusDays(6).toString()));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.body().contains("\"field\":\"seenOn\""), r.body());
    }

    @Test
    void anUnknownKindOfBackgroundCheckIsAProblem() {
        UUID id = recruits.apply(coordinator);
        var r = recruits.api.post("/api/recruiting/volunteers/" + id + "/background-checks", coordinator.accessToken(),
                Map.of("kind", "PASSPORT", "issuedOn", recruits.today().toString(), "seenOn", recruits.today().toString()));
        assertEquals(400, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:malformed-body", r.problemType());
    }

    @Test
    void anUnknownTargetStateIsAProblem() {
        UUID id = recruits.apply(coordinator);
        var r = recruits.api.post("/api/recruiting/volunteers/" + id + "/transitions", coordinator.accessToken(),
                Map.of("to", "MARRIED", "reason", "x"));
        assertEquals(400, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:malformed-body", r.problemType());
        assertEquals("APPLIED", recruits.state(coordinator, id));
    }

    @Test
    void aTransitionWithoutAReasonIsRefused() {
        UUID id = recruits.apply(coordinator);
        var r = recruits.api.post("/api/recruiting/volunteers/" + id + "/transitions", coordinator.accessToken(),
                Map.of("to", "INTERVIEW_BOOKED", "reason", " "));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.body().contains("\"field\":\"reason\""), r.body());
    }

    @Test
    void anOverLongReasonIsRefused() {
        UUID id = recruits.apply(coordinator);
        var r = recruits.api.post("/api/recruiting/volunteers/" + id + "/transitions", coordinator.accessToken(),
                Map.of("to", "INTERVIEW_BOOKED", "reason", "r".repeat(1001)));
        assertEquals(400, r.status(), r.toString());
        assertTrue(r.body().contains("\"field\":\"reason\""), r.body());
    }

    @Test
    void anUnknownStateFilterIsAProblem() {
        var r = recruits.api.get("/api/recruiting/volunteers?state=SLEEPING", coordinator.accessToken());
        assertEquals(400, r.status(), r.toString());
        assertEquals("urn:bredvid:problem:invalid-value", r.problemType());
    }

    @Test
    void theListCanBeFilteredByState() {
        UUID booked = recruits.volunteerIn(coordinator, VolunteerState.INTERVIEW_BOOKED);
        var r = recruits.api.get("/api/recruiting/volunteers?state=INTERVIEW_BOOKED", coordinator.accessToken());
        assertEquals(200, r.status());
        List<String> ids = new ArrayList<>();
        r.json().values().forEach(v -> {
            assertEquals("INTERVIEW_BOOKED", v.get("state").getStringValue());
            ids.add(v.get("id").getStringValue());
        });
        assertTrue(ids.contains(booked.toString()));
    }

    @Test
    void anApprovedVolunteerMayPairAPhone() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        var r = recruits.api.post("/api/pairing-codes", coordinator.accessToken(),
                Map.of("kind", "VOLUNTEER", "subjectId", id));
        assertEquals(201, r.status(), r.toString());
    }

    @Test
    void aVolunteerNotYetApprovedMayNotPairAPhone() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.TRAINED);
        var r = recruits.api.post("/api/pairing-codes", coordinator.accessToken(),
                Map.of("kind", "VOLUNTEER", "subjectId", id));
        assertEquals(404, r.status(), r.toString());
    }

    @Test
    void anotherOrganisationsCoordinatorMayNotPairOurVolunteer() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        var other = fx.coordinator(fx.organisation());
        var r = recruits.api.post("/api/pairing-codes", other.accessToken(), Map.of("kind", "VOLUNTEER", "subjectId", id));
        assertEquals(404, r.status(), r.toString());
    }

    @Test
    void endingTheRoleRevokesTheVolunteersPhones() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.ACTIVE);
        var device = fx.pairedDevice(coordinator, SubjectKind.VOLUNTEER, id);
        assertEquals(200, recruits.api.get("/api/devices/mine", device.accessToken()).status());
        recruits.move(coordinator, id, VolunteerState.ENDED);
        assertEquals(401, recruits.api.get("/api/devices/mine", device.accessToken()).status());
    }

    @Test
    void pausingKeepsTheVolunteersPhones() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.ACTIVE);
        var device = fx.pairedDevice(coordinator, SubjectKind.VOLUNTEER, id);
        recruits.move(coordinator, id, VolunteerState.PAUSED);
        assertEquals(200, recruits.api.get("/api/devices/mine", device.accessToken()).status());
    }
}
