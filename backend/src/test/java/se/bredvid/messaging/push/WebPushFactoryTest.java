package se.bredvid.messaging.push;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.exceptions.BeanInstantiationException;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.HashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration binding of {@code bredvid.push.*}; a bare context, no HTTP server and no database. */
class WebPushFactoryTest {

    /** Nothing here needs the database; without this the context would migrate the default one. */
    private static Map<String, Object> noDatabase() {
        Map<String, Object> properties = new HashMap<>();
        properties.put("flyway.datasources.default.enabled", false);
        return properties;
    }

    private static Map<String, Object> vapid(String publicKey, String privateKey) {
        Map<String, Object> properties = noDatabase();
        properties.put("bredvid.push.vapid.public-key", publicKey);
        properties.put("bredvid.push.vapid.private-key", privateKey);
        properties.put("bredvid.push.vapid.subject", "mailto:drift@bredvid.example");
        return properties;
    }

    @Test
    void configuredVapidKeysGiveASenderThatSignsWithThem() {
        try (ApplicationContext context = ApplicationContext.run(vapid(Rfc8291.AS_PUBLIC, Rfc8291.AS_PRIVATE))) {
            assertTrue(context.containsBean(WebPushSender.class));
            assertEquals(Rfc8291.AS_PUBLIC, context.getBean(VapidSigner.class).publicKey());
        }
    }

    @Test
    void theDefaultEndpointPolicyAllowsOnlyThePushServices() {
        try (ApplicationContext context = ApplicationContext.run(vapid(Rfc8291.AS_PUBLIC, Rfc8291.AS_PRIVATE))) {
            PushEndpointPolicy policy = context.getBean(PushEndpointPolicy.class);
            assertTrue(policy.allows(URI.create("https://fcm.googleapis.com/fcm/send/x")));
            assertFalse(policy.allows(URI.create("http://127.0.0.1:9000/x")));
        }
    }

    @Test
    void theEndpointAllowListComesFromConfiguration() {
        Map<String, Object> properties = vapid(Rfc8291.AS_PUBLIC, Rfc8291.AS_PRIVATE);
        properties.put("bredvid.push.allowed-endpoint-hosts", "127.0.0.1,push.example");
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            PushEndpointPolicy policy = context.getBean(PushEndpointPolicy.class);
            assertTrue(policy.allows(URI.create("http://127.0.0.1:9000/x")));
            assertTrue(policy.allows(URI.create("https://push.example/x")));
            assertFalse(policy.allows(URI.create("https://fcm.googleapis.com/fcm/send/x")));
        }
    }

    @Test
    void withoutVapidKeysThereIsNoSender() {
        try (ApplicationContext context = ApplicationContext.run(noDatabase())) {
            assertFalse(context.containsBean(WebPushSender.class));
        }
    }

    @Test
    void vapidKeysThatDoNotBelongTogetherStopTheStart() {
        BeanInstantiationException e = assertThrows(BeanInstantiationException.class,
                () -> ApplicationContext.run(vapid(Rfc8291.UA_PUBLIC, Rfc8291.AS_PRIVATE)).close());
        assertTrue(e.getMessage().contains("bredvid.push.vapid.public-key does not belong to the private key"),
                e.getMessage());
        assertFalse(e.getMessage().contains(Rfc8291.AS_PRIVATE));
    }
}
