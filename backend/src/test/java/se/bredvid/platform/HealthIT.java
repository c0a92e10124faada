package se.bredvid.platform;

import io.micronaut.context.annotation.Property;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.client.HttpClient;
import io.micronaut.http.client.annotation.Client;
import io.micronaut.http.client.exceptions.HttpClientResponseException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.PostgresBacked;
import se.bredvid.testing.TestDatabase;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@MicronautTest(transactional = false)
class HealthIT implements PostgresBacked {

    @Inject
    @Client("/")
    HttpClient http;

    @Inject
    DataSource dataSource;

    private Connection connection() throws SQLException {
        return io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(dataSource).getConnection();
    }

    @Property(name = "test.database.name")
    String databaseName;

    @Test
    void runsAgainstARealPostgreSql15OrNewer() throws SQLException {
        try (Connection c = connection(); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select version(), current_setting('server_version_num')::int")) {
            assertTrue(rs.next());
            assertTrue(rs.getString(1).startsWith("PostgreSQL "), rs.getString(1));
            assertTrue(rs.getInt(2) >= 150000, "server version " + rs.getInt(2));
        }
    }

    @Test
    void healthIsUpAndTheShellIsServed() {
        assertEquals(HttpStatus.OK, http.toBlocking().exchange("/health").getStatus());
        String shell = http.toBlocking().retrieve("/");
        assertTrue(shell.contains("<html") && shell.contains("lang=\"sv\""), shell);
    }

    @Test
    void readinessFollowsTheDatabase() throws Exception {
        assertEquals(HttpStatus.OK, readiness());
        try {
            setAllowConnections(false);
            awaitReadiness(HttpStatus.SERVICE_UNAVAILABLE);
        } finally {
            setAllowConnections(true);
        }
        awaitReadiness(HttpStatus.OK);
    }

    private HttpStatus readiness() {
        try {
            HttpResponse<String> r = http.toBlocking().exchange(HttpRequest.GET("/health/readiness"), String.class);
            return r.getStatus();
        } catch (HttpClientResponseException e) {
            return e.getStatus();
        }
    }

    private void awaitReadiness(HttpStatus expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
        HttpStatus last = null;
        while (Instant.now().isBefore(deadline)) {
            last = readiness();
            if (last == expected) {
                return;
            }
            Thread.sleep(200);
        }
        assertEquals(expected, last, "readiness did not become " + expected);
    }

    /** Makes the database unreachable for the application, as an outage would, and back. */
    private void setAllowConnections(boolean allow) throws SQLException {
        try (Connection c = TestDatabase.admin(); Statement st = c.createStatement()) {
            st.execute("alter database " + databaseName + " allow_connections " + allow);
            if (!allow) {
                st.execute("select pg_terminate_backend(pid) from pg_stat_activity where datname = '"
                        + databaseName + "'");
            }
        }
    }
}
