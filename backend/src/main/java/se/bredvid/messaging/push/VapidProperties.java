package se.bredvid.messaging.push;

import se.bredvid.platform.Redacted;
import io.micronaut.context.annotation.ConfigurationProperties;

/**
 * The application server's VAPID identity (RFC 8292), from configuration — never generated at start-up,
 * since browsers bind their subscriptions to this public key.
 *
 * @param publicKey  base64url of the 65-byte uncompressed P-256 point (what the PWA passes to
 *                   {@code PushManager.subscribe} as {@code applicationServerKey})
 * @param privateKey base64url of the 32-byte private scalar
 * @param subject    a {@code mailto:} or {@code https:} contact for the push services
 */
@ConfigurationProperties("bredvid.push.vapid")
public record VapidProperties(String publicKey, String privateKey, String subject) {

    @Override
    public String toString() {
        return "VapidProperties[publicKey=" + publicKey + ", privateKey=" + Redacted.MARK + ", subject=" + subject + "]";
    }
}
