package se.bredvid.platform;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.Test;
import se.bredvid.testing.TestDatabase;

import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A production start refuses every development convenience with one message naming the variable (issue 16).
 * Contexts here are started as the jar starts them: environments given explicitly, never the deduced
 * {@code test} environment (which would make the start a test start). Bad configurations stop before the
 * database is touched; the good one starts a server against a fresh database and answers {@code /health}.
 */
class ProductionStartupTest {

    /** The public field key of application-dev.yml and the one of application-test.yml. */
    static final String DEV_FIELD_KEY = "ZGV2LW9ubHktZmllbGQta2V5LW5vdC1hLXNlY3JldCE=";
    static final String TEST_FIELD_KEY = "dGVzdC1vbmx5LWZpZWxkLWtleS1ub3Qtc2VjcmV0ISE=";

    static String jwtKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return Base64.getEncoder().encodeToString(g.generateKeyPair().getPrivate().getEncoded());
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String fieldKey() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return Base64.getEncoder().encodeToString(key);
    }

    /** What an operator sets in production: own keys, no environments. */
    static Map<String, Object> production() {
        Map<String, Object> p = new HashMap<>();
        p.put("bredvid.jwt.private-key", jwtKey());
        p.put("bredvid.crypto.field.current-key", "k1");
        p.put("bredvid.crypto.field.keys.k1", fieldKey());
        p.put("micronaut.server.port", -1);
        return p;
    }

    /** Without a database: a refused start stops before it needs one. */
    static Map<String, Object> withoutDatabase(Map<String, Object> p) {
        p.put("flyway.datasources.default.enabled", false);
        // A refused start may leave its pool behind until the JVM ends: keep it from opening connections.
        p.put("datasources.default.minimum-idle", 0);
        p.put("datasources.default.maximum-pool-size", 1);
        return p;
    }

    static ApplicationContext start(Map<String, Object> properties, String... environments) {
        return ApplicationContext.builder().deduceEnvironment(false).environments(environments)
                .properties(properties).start();
    }

    static String refused(Map<String, Object> properties, String... environments) {
        Exception e = assertThrows(Exception.class, () -> start(withoutDatabase(properties), environments).close());
        String message = e.getMessage();
        assertTrue(message.contains(ProductionGuard.HEADLINE), message);
        return message;
    }

    @Test
    void aMissingJwtKeyIsRefusedNamingTheVariable() {
        var p = production();
        p.remove("bredvid.jwt.private-key");
        assertTrue(refused(p).contains("BREDVID_JWT_PRIVATE_KEY"));
    }

    @Test
    void aMissingFieldKeyIsRefusedNamingTheVariables() {
        var p = production();
        p.remove("bredvid.crypto.field.keys.k1");
        String message = refused(p);
        assertTrue(message.contains("BREDVID_FIELD_KEY_ID") && message.contains("BREDVID_FIELD_KEY "), message);
    }

    @Test
    void theDevAndTestFieldKeysAreRefusedUnderAnyId() {
        for (String published : new String[] {DEV_FIELD_KEY, TEST_FIELD_KEY}) {
            var p = production();
            p.put("bredvid.crypto.field.keys.k1", published);
            String message = refused(p);
            assertTrue(message.contains("BREDVID_FIELD_KEY") && message.contains("published"), message);
            assertFalse(message.contains(published), "the key is not repeated");
        }
    }

    @Test
    void theDemoEnvironmentIsRefused() {
        assertTrue(refused(production(), "demo").contains("MICRONAUT_ENVIRONMENTS includes demo"));
    }

    @Test
    void theDevEnvironmentIsRefusedWhenTheStartIsDeclaredProduction() {
        var p = production();
        p.put(ProductionGuard.MARKER, "production");
        String message = refused(p, "dev", "demo");
        assertTrue(message.contains("MICRONAUT_ENVIRONMENTS includes demo, dev"), message);
        // application-dev.yml's convenience is named too.
        assertTrue(message.contains("bredvid.jwt.ephemeral-allowed"), message);
    }

    @Test
    void everyProblemIsToldInTheOneMessage() {
        String message = refused(new HashMap<>(Map.of("micronaut.server.port", -1)), "demo");
        assertTrue(message.contains("MICRONAUT_ENVIRONMENTS"), message);
        assertTrue(message.contains("BREDVID_JWT_PRIVATE_KEY"), message);
        assertTrue(message.contains("BREDVID_FIELD_KEY"), message);
    }

    @Test
    void aMarkerOtherThanProductionIsRefused() {
        var p = production();
        p.put(ProductionGuard.MARKER, "staging");
        Exception e = assertThrows(Exception.class, () -> start(withoutDatabase(p)).close());
        assertTrue(e.getMessage().contains("BREDVID_ENVIRONMENT"), e.getMessage());
    }

    @Test
    void aDevStartIsNotProduction() {
        try (ApplicationContext context = start(withoutDatabase(new HashMap<>()), "dev")) {
            assertFalse(context.getBean(ProductionGuard.class).production());
        }
    }

    /** Flyway migrates when the data source is created: the guard must refuse before that, not after. */
    @Test
    void aRefusedStartLeavesTheDatabaseUntouched() throws Exception {
        var p = production();
        p.remove("bredvid.jwt.private-key");
        var db = TestDatabase.emptyDatabaseProperties();
        p.putAll(db);
        p.put("datasources.default.minimum-idle", 0);
        p.put("datasources.default.maximum-pool-size", 1);
        Exception e = assertThrows(Exception.class, () -> start(p).close());
        assertTrue(String.valueOf(e.getMessage()).contains(ProductionGuard.HEADLINE)
                || String.valueOf(e.getCause()).contains(ProductionGuard.HEADLINE), String.valueOf(e));
        try (var c = java.sql.DriverManager.getConnection((String) db.get("datasources.default.url"),
                (String) db.get("datasources.default.username"), (String) db.get("datasources.default.password"));
             var st = c.createStatement();
             var rs = st.executeQuery("select count(*) from information_schema.tables where table_schema = 'public'")) {
            rs.next();
            assertEquals(0, rs.getInt(1), "no migration ran");
        }
    }

    @Test
    void aGoodProductionConfigurationStartsAndServes() {
        for (boolean declared : new boolean[] {false, true}) {
            var p = production();
            p.putAll(TestDatabase.freshDatabaseProperties());
            if (declared) {
                p.put(ProductionGuard.MARKER, "production");
            }
            try (ApplicationContext context = start(p);
                 EmbeddedServer server = context.getBean(EmbeddedServer.class).start();
                 HttpClient client = context.createBean(HttpClient.class, server.getURL())) {
                assertTrue(context.getBean(ProductionGuard.class).production());
                assertEquals(200, client.toBlocking().exchange(HttpRequest.GET("/health")).getStatus().getCode());
            }
        }
    }
}
