package se.bredvid.recruiting;

import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.platform.MutableClock;
import se.bredvid.testing.Fixtures;
import se.bredvid.testing.PostgresBacked;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gallring: people not taken on are deleted after the retention, with everything recorded about them. */
@MicronautTest(transactional = false)
class RetentionIT implements PostgresBacked {

    @Inject
    Fixtures fx;

    @Inject
    MutableClock clock;

    @Inject
    RecruitingRetention retention;

    @Inject
    DataSource dataSource;

    @Test
    void applicationsNotTakenOnAreDeletedAfterTheRetentionAndOthersStay() throws Exception {
        UUID org = fx.organisation();
        Fixtures.Staff coordinator = fx.coordinator(org);
        Recruits recruits = new Recruits(fx, clock);
        UUID notSuitable = recruits.volunteerIn(coordinator, VolunteerState.INTERVIEWED);
        assertEquals(200, recruits.transition(coordinator, notSuitable, VolunteerState.NOT_SUITABLE).status());
        UUID withdrawn = recruits.volunteerIn(coordinator, VolunteerState.APPLIED);
        assertEquals(200, recruits.transition(coordinator, withdrawn, VolunteerState.WITHDRAWN).status());
        UUID approved = recruits.volunteerIn(coordinator, VolunteerState.APPROVED);
        UUID applied = recruits.volunteerIn(coordinator, VolunteerState.APPLIED);

        assertEquals(0, retention.purgeNotTakenOn(), "nothing before the retention has passed");
        try {
            clock.advance(Duration.ofDays(181));
            assertEquals(2, retention.purgeNotTakenOn());
            assertEquals(0, retention.purgeNotTakenOn());
        } finally {
            clock.reset();
        }
        for (UUID gone : List.of(notSuitable, withdrawn)) {
            assertEquals(0, count("select count(*) from volunteer where id = ?", gone));
            assertEquals(0, count("select count(*) from volunteer_interview where volunteer_id = ?", gone));
            assertEquals(0, count("select count(*) from volunteer_transition where volunteer_id = ?", gone));
            assertEquals(1, count("select count(*) from audit_entry where action = 'PURGE' and object_id = ?", gone.toString()));
            assertEquals(404, fx.api.get("/api/recruiting/volunteers/" + gone, coordinator.accessToken()).status());
        }
        for (UUID stays : List.of(approved, applied)) {
            assertEquals(200, fx.api.get("/api/recruiting/volunteers/" + stays, coordinator.accessToken()).status());
        }
        assertEquals(1, count("select count(*) from background_check where volunteer_id = ?", approved));
    }

    private long count(String sql, Object arg) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, arg);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
