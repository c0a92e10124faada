package se.bredvid.testing;

import io.micronaut.test.support.TestPropertyProvider;
import org.junit.jupiter.api.TestInstance;

import java.util.HashMap;
import java.util.Map;

/**
 * Implemented by {@code @MicronautTest} classes that need the database: each class gets its own fresh,
 * migrated PostgreSQL database (see {@link TestDatabase}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public interface PostgresBacked extends TestPropertyProvider {

    @Override
    default Map<String, String> getProperties() {
        Map<String, String> properties = new HashMap<>();
        TestDatabase.freshDatabaseProperties().forEach((k, v) -> properties.put(k, String.valueOf(v)));
        properties.putAll(extraProperties());
        return properties;
    }

    /** More properties for this class's context. */
    default Map<String, String> extraProperties() {
        return Map.of();
    }
}
