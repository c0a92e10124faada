package se.bredvid.testing;

import org.flywaydb.core.Flyway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The one way tests get a PostgreSQL database: a real server, never an in-memory stand-in.
 *
 * <ol>
 *   <li>{@code BREDVID_TEST_DB_URL} (+ {@code _USER}, {@code _PASSWORD}): a server where the user may
 *       create databases;</li>
 *   <li>otherwise Testcontainers, when a Docker engine is reachable;</li>
 *   <li>otherwise the local server that {@code infra/postgres/ensure.sh} starts (127.0.0.1:55432).</li>
 * </ol>
 * Once per JVM the migrations run into a template database; every test class then gets its own fresh
 * copy ({@code CREATE DATABASE ... TEMPLATE}), so classes never see each other's rows and order does not
 * matter. Databases of this JVM are dropped when it exits; leftovers of killed runs after a day.
 */
public final class TestDatabase {

    public record Server(String host, int port, String user, String password) {
        String url(String database) {
            return "jdbc:postgresql://" + host + ":" + port + "/" + database;
        }
    }

    private static final String PREFIX = "bredvid_t_";
    private static Server server;
    private static String template;
    private static final List<String> created = new ArrayList<>();

    private TestDatabase() {
    }

    /** Properties that point a Micronaut test context at a fresh, migrated database of its own. */
    public static Map<String, Object> freshDatabaseProperties() {
        Server s = server();
        String name = createFromTemplate();
        return Map.of(
                "datasources.default.url", s.url(name),
                "datasources.default.username", s.user(),
                "datasources.default.password", s.password(),
                "test.database.name", name);
    }

    /** Properties that point at a fresh, empty database (not migrated): for tests of what touches it first. */
    public static synchronized Map<String, Object> emptyDatabaseProperties() {
        Server s = server();
        String name = newName("empty");
        execute("create database " + name);
        created.add(name);
        return Map.of(
                "datasources.default.url", s.url(name),
                "datasources.default.username", s.user(),
                "datasources.default.password", s.password(),
                "test.database.name", name);
    }

    public static synchronized Server server() {
        if (server == null) {
            server = resolveServer();
            Runtime.getRuntime().addShutdownHook(new Thread(TestDatabase::dropCreated, "drop-test-databases"));
        }
        return server;
    }

    /** A connection to the maintenance database, for tests that administer the server (readiness). */
    public static Connection admin() throws SQLException {
        Server s = server();
        return DriverManager.getConnection(s.url("postgres"), s.user(), s.password());
    }

    public static synchronized String createFromTemplate() {
        Server s = server();
        if (template == null) {
            template = newName("tpl");
            execute("create database " + template);
            Flyway.configure()
                    .dataSource(s.url(template), s.user(), s.password())
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
            created.add(template);
        }
        String name = newName("db");
        execute("create database " + name + " template " + template);
        created.add(name);
        return name;
    }

    private static String newName(String kind) {
        return PREFIX + kind + "_" + (System.currentTimeMillis() / 1000) + "_"
                + Integer.toHexString(ThreadLocalRandom.current().nextInt(1 << 24));
    }

    private static Server resolveServer() {
        String url = System.getenv("BREDVID_TEST_DB_URL");
        if (url != null && !url.isBlank()) {
            java.net.URI uri = java.net.URI.create(url.substring("jdbc:".length()));
            return checked(new Server(uri.getHost(), uri.getPort() < 0 ? 5432 : uri.getPort(),
                    env("BREDVID_TEST_DB_USER", "bredvid"), env("BREDVID_TEST_DB_PASSWORD", "bredvid")));
        }
        Server container = Containers.startIfDockerAvailable();
        if (container != null) {
            return checked(container);
        }
        return checked(new Server("127.0.0.1", Integer.parseInt(env("BREDVID_PG_PORT", "55432")),
                "bredvid", env("BREDVID_PG_PASSWORD", "bredvid")));
    }

    private static Server checked(Server s) {
        try (Connection c = DriverManager.getConnection(s.url("postgres"), s.user(), s.password())) {
            dropStale(c);
            return s;
        } catch (SQLException e) {
            throw new IllegalStateException("No PostgreSQL for tests at " + s.host() + ":" + s.port()
                    + ". Start one with ./infra/postgres/ensure.sh (or set BREDVID_TEST_DB_URL).", e);
        }
    }

    private static void dropStale(Connection c) throws SQLException {
        long dayAgo = System.currentTimeMillis() / 1000 - 86_400;
        List<String> stale = new ArrayList<>();
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select datname from pg_database where datname like '" + PREFIX + "%'")) {
            while (rs.next()) {
                String[] parts = rs.getString(1).split("_");
                if (parts.length >= 5 && Long.parseLong(parts[3]) < dayAgo) {
                    stale.add(rs.getString(1));
                }
            }
        }
        for (String name : stale) {
            try (Statement st = c.createStatement()) {
                st.execute("drop database if exists " + name + " with (force)");
            }
        }
    }

    private static synchronized void dropCreated() {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            for (String name : created) {
                st.execute("drop database if exists " + name + " with (force)");
            }
        } catch (SQLException ignored) {
            // Best effort at exit; stale databases are removed by a later run.
        }
    }

    private static void execute(String sql) {
        try (Connection c = admin(); Statement st = c.createStatement()) {
            st.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not run '" + sql + "' on the test server", e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }
}
