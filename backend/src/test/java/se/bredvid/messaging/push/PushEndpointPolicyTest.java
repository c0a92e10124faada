package se.bredvid.messaging.push;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import se.bredvid.protocol.InvalidCryptoInputException;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PushEndpointPolicyTest {

    private final PushEndpointPolicy defaults = new PushEndpointPolicy(null);

    @ParameterizedTest
    @ValueSource(strings = {
            "https://fcm.googleapis.com/fcm/send/abc",
            "https://updates.push.services.mozilla.com/wpush/v2/abc",
            "https://web.push.apple.com/QGuQyavXutnMH",
            "https://wns2-par02p.notify.windows.com/w/?token=abc"})
    void theBrowsersPushServicesAreAllowedByDefault(String endpoint) {
        assertTrue(defaults.allows(URI.create(endpoint)));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "http://fcm.googleapis.com/fcm/send/abc",
            "https://fcm.googleapis.com.attacker.example/x",
            "https://evilfcm.googleapis.com/x",
            "https://10.0.0.5/admin",
            "https://169.254.169.254/latest/meta-data",
            "https://localhost/x",
            "http://127.0.0.1:8080/x"})
    void anythingElseIsRefusedByDefault(String endpoint) {
        assertFalse(defaults.allows(URI.create(endpoint)));
    }

    @Test
    void plainHttpIsAllowedOnlyForAnExplicitlyListedLoopbackHost() {
        PushEndpointPolicy local = new PushEndpointPolicy(List.of("127.0.0.1", "push.example"));
        assertTrue(local.allows(URI.create("http://127.0.0.1:8443/push/1")));
        assertFalse(local.allows(URI.create("http://push.example/push/1")));
        assertTrue(local.allows(URI.create("https://push.example/push/1")));
    }

    @Test
    void registrationOfAnUnknownPushServiceIsRefused() {
        PushSubscription subscription = PushSubscription.fromBrowser("https://attacker.example/x",
                Rfc8291.UA_PUBLIC, Rfc8291.AUTH_SECRET);
        assertThrows(InvalidCryptoInputException.class, () -> defaults.requireAllowed(subscription));
    }
}
