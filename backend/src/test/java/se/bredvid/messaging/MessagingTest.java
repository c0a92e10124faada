package se.bredvid.messaging;

import se.bredvid.testing.PostgresBacked;

import java.util.HashMap;
import java.util.Map;

/**
 * A messaging integration test: its own migrated database, and an embedded server on a free port (the
 * default 8080 may be taken by a development server on the same machine).
 */
public interface MessagingTest extends PostgresBacked {

    @Override
    default Map<String, String> extraProperties() {
        Map<String, String> p = new HashMap<>();
        p.put("micronaut.server.port", "-1");
        p.putAll(moreProperties());
        return p;
    }

    default Map<String, String> moreProperties() {
        return Map.of();
    }
}
