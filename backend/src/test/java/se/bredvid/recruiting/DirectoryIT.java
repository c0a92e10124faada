package se.bredvid.recruiting;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.http.HttpStatus;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import se.bredvid.audit.AuditLog;
import se.bredvid.platform.MutableClock;
import se.bredvid.platform.ProblemException;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import java.sql.Connection;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The public interface other modules (matching, insats) use instead of this module's tables. */
@MicronautTest(transactional = false)
class DirectoryIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    VolunteerDirectory directory;

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

    private static AuditLog.Actor handlaggare(UUID municipality) {
        return new AuditLog.Actor(AuditLog.ActorKind.STAFF, UUID.randomUUID(), "HANDLAGGARE",
                AuditLog.TenantKind.MUNICIPALITY, municipality);
    }

    @Test
    void availableVolunteersAreTheApprovedAndActiveOnesOfTheOrganisation() {
        var org = fx.coordinator(fx.organisation());
        UUID approved = recruits.volunteerIn(org, VolunteerState.APPROVED);
        UUID active = recruits.volunteerIn(org, VolunteerState.ACTIVE);
        recruits.volunteerIn(org, VolunteerState.PAUSED);
        recruits.volunteerIn(org, VolunteerState.TRAINED);
        recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        var available = directory.available(org.organisationId());
        assertEquals(Set.of(approved, active),
                available.stream().map(VolunteerDirectory.MatchingProfile::id).collect(Collectors.toSet()));
        available.forEach(p -> {
            assertTrue(p.trained());
            assertEquals(org.organisationId(), p.organisationId());
            assertEquals(2, p.maxClients());
            assertTrue(p.languages().contains("ar"));
        });
    }

    @Test
    void theHandlaggareSeesIdentityTrainingCheckAndSupervisionOfAProposedVolunteer() {
        String name = Recruits.uniqueName("Dilan");
        UUID id = recruits.apply(coordinator, recruits.application(name));
        for (VolunteerState s : Recruits.pathTo(VolunteerState.ACTIVE)) {
            recruits.move(coordinator, id, s);
        }
        var session = fx.api.post("/api/recruiting/supervision-sessions", coordinator.accessToken(),
                Map.of("heldAt", clock.instant().minus(Duration.ofDays(1)).toString(), "kind", "INDIVIDUAL", "minutes", 60));
        assertEquals(204, fx.api.put("/api/recruiting/supervision-sessions/" + session.text("id") + "/attendance/" + id,
                coordinator.accessToken(), Map.of("present", true)).status());

        var view = directory.investigationView(handlaggare(UUID.randomUUID()), coordinator.organisationId(), id).orElseThrow();
        assertEquals(name, view.name());
        assertEquals("applicant@example.org", view.email());
        assertEquals(VolunteerState.ACTIVE, view.state());
        assertTrue(view.training().complete());
        assertEquals(24.0, view.training().hours());
        assertEquals(8, view.training().themes().size());
        assertEquals(recruits.today().minusDays(10), view.backgroundCheck().issuedOn());
        assertTrue(view.backgroundCheck().valid());
        assertEquals(1, view.supervision().sessionsLastYear());
    }

    @Test
    void theHandlaggaresReadIsAudited() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        var reader = handlaggare(UUID.randomUUID());
        directory.investigationView(reader, coordinator.organisationId(), id).orElseThrow();
        long entries = tx.executeRead(s -> jdbc.prepareStatement("""
                select count(*) from audit_entry where action = 'READ' and object_type = 'VOLUNTEER_FOR_INVESTIGATION'
                and object_id = ? and actor_id = ? and tenant_kind = 'MUNICIPALITY'""", ps -> {
            ps.setString(1, id.toString());
            ps.setObject(2, reader.id());
            var rs = ps.executeQuery();
            rs.next();
            return rs.getLong(1);
        }));
        assertEquals(1, entries);
    }

    @Test
    void anApplicantIsNotShownToAHandlaggare() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.TRAINED);
        assertTrue(directory.investigationView(handlaggare(UUID.randomUUID()), coordinator.organisationId(), id).isEmpty());
    }

    @Test
    void aVolunteerOfAnotherOrganisationIsNotFound() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        UUID otherOrg = fx.organisation();
        assertTrue(directory.investigationView(handlaggare(UUID.randomUUID()), otherOrg, id).isEmpty());
        assertTrue(directory.profile(otherOrg, id).isEmpty());
        var e = assertThrows(ProblemException.class, () -> directory.transition(AuditLog.Actor.system(), otherOrg, id,
                VolunteerState.ACTIVE, "first assignment"));
        assertEquals(HttpStatus.NOT_FOUND, e.status());
    }

    @Test
    void anotherModuleMovesAVolunteerUnderTheSameTransitionTable() {
        UUID id = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        assertEquals(VolunteerState.ACTIVE, directory.transition(AuditLog.Actor.system(), coordinator.organisationId(), id,
                VolunteerState.ACTIVE, "Första uppdraget började"));
        var e = assertThrows(ProblemException.class, () -> directory.transition(AuditLog.Actor.system(),
                coordinator.organisationId(), id, VolunteerState.TRAINED, "back"));
        assertEquals(HttpStatus.CONFLICT, e.status());
        var history = fx.api.get("/api/recruiting/volunteers/" + id + "/transitions", coordinator.accessToken()).json();
        var last = history.get(history.size() - 1);
        assertEquals("ACTIVE", last.get("to").getStringValue());
        assertEquals("SYSTEM", last.get("actorKind").getStringValue());
        assertEquals("Första uppdraget började", last.get("reason").getStringValue());
    }
}
