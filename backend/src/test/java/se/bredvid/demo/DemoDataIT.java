package se.bredvid.demo;

import io.micronaut.context.annotation.Property;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.identity.AdminService;
import se.bredvid.testing.PostgresBacked;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
@Property(name = "bredvid.demo.enabled", value = "true")
class DemoDataIT implements PostgresBacked {

    @Inject
    AdminService admin;

    @Inject
    DataSource dataSource;

    @Inject
    DemoData demo;

    private long count(String sql) throws Exception {
        try (Connection c = io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    @Test
    void demoModeSeedsTenantsStaffVolunteersAndPseudonymousClientsOnce() throws Exception {
        assertTrue(admin.organisations().stream().anyMatch(o -> o.name().equals(DemoData.ORGANISATION)));
        assertEquals(3, admin.staff().size());
        // Volunteers spread over the funnel, each taken there through the services' guards.
        for (String state : new String[] {"APPLIED", "INTERVIEW_BOOKED", "INTERVIEWED", "IN_TRAINING", "ACTIVE",
                "APPROVED", "PAUSED", "WITHDRAWN"}) {
            assertTrue(count("select count(*) from volunteer where state = '" + state + "'") >= 1, state);
        }
        // A cohort half-way: some of its sessions held, some still ahead.
        assertEquals(1, count("""
                select count(*) from training_cohort c where exists (select 1 from training_session s where s.cohort_id = c.id and s.starts_at < now())
                and exists (select 1 from training_session s where s.cohort_id = c.id and s.starts_at > now())"""));
        // Three on the waiting list, one in the active pair, and one from the demo municipality's request.
        assertEquals(5, count("select count(*) from client"));
        assertEquals(4, count("select count(*) from client where status = 'WAITING'"), "three and the referral");
        assertEquals(1, count("select count(*) from assignment where state = 'ACTIVE' and kind = 'IDEELL'"));
        assertEquals(1, count("select count(*) from conversation"), "the active pair's conversation is open");
        // A pairing code for each of the pair's phones, unused.
        assertEquals(2, count("select count(*) from pairing_code where redeemed_at is null and expires_at > now()"));
        assertEquals(1, count("select count(*) from insats where state = 'REQUESTED'"));
        demo.onStartup(null);
        assertEquals(5, count("select count(*) from client"), "a second start seeds nothing");
        assertEquals(2, count("select count(*) from pairing_code"));
        assertEquals(1, count("select count(*) from insats"));
    }
}
