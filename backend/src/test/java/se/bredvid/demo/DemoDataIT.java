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
        assertTrue(count("select count(*) from volunteer") >= 4);
        // Three on the waiting list, and one from the demo municipality's request for a kontaktperson.
        assertEquals(4, count("select count(*) from client"));
        assertEquals(1, count("select count(*) from insats where state = 'REQUESTED'"));
        demo.onStartup(null);
        assertEquals(4, count("select count(*) from client"), "a second start seeds nothing");
        assertEquals(1, count("select count(*) from insats"));
    }
}
