package se.bredvid.messaging.push;

import se.bredvid.platform.Redacted;
import se.bredvid.protocol.Base64Url;
import se.bredvid.protocol.InvalidCryptoInputException;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Arrays;
import java.util.Objects;

/**
 * A browser's push subscription (the W3C Push API's {@code PushSubscription.toJSON()}): the push
 * service's endpoint URL, the browser's P-256 key {@code p256dh} and its 16-byte {@code auth} secret.
 * The endpoint is a capability for reaching one device, so it is never printed or logged.
 */
public record PushSubscription(URI endpoint, byte[] p256dh, byte[] auth) {

    public static final int AUTH_LENGTH = 16;
    public static final int MAX_ENDPOINT_LENGTH = 2048;

    public PushSubscription {
        Objects.requireNonNull(endpoint, "endpoint");
        String scheme = endpoint.getScheme();
        if (!endpoint.isAbsolute() || endpoint.isOpaque() || endpoint.getHost() == null
                || !("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme))
                || endpoint.getRawUserInfo() != null || endpoint.getRawFragment() != null
                || endpoint.toString().length() > MAX_ENDPOINT_LENGTH) {
            throw new InvalidCryptoInputException("endpoint", "must be an absolute https URL of at most 2048 characters");
        }
        if (P256.publicKey(p256dh) == null) {
            throw new InvalidCryptoInputException("p256dh", "must be an uncompressed P-256 point on the curve");
        }
        if (auth == null || auth.length != AUTH_LENGTH) {
            throw new InvalidCryptoInputException("auth", "must be 16 bytes");
        }
        p256dh = p256dh.clone();
        auth = auth.clone();
    }

    /** From the JSON the browser hands over: keys as base64url without padding. */
    public static PushSubscription fromBrowser(String endpoint, String p256dh, String auth) {
        URI uri;
        try {
            uri = new URI(Objects.requireNonNullElse(endpoint, ""));
        } catch (URISyntaxException e) {
            throw new InvalidCryptoInputException("endpoint", "must be an absolute https URL of at most 2048 characters");
        }
        return new PushSubscription(uri, Base64Url.decode("p256dh", p256dh), Base64Url.decode("auth", auth));
    }

    @Override
    public byte[] p256dh() {
        return p256dh.clone();
    }

    @Override
    public byte[] auth() {
        return auth.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PushSubscription other && endpoint.equals(other.endpoint)
                && Arrays.equals(p256dh, other.p256dh) && Arrays.equals(auth, other.auth);
    }

    @Override
    public int hashCode() {
        return endpoint.hashCode();
    }

    @Override
    public String toString() {
        return "PushSubscription[endpoint=" + Redacted.MARK + "]";
    }
}
