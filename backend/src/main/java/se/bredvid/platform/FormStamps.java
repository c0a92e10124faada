package se.bredvid.platform;

import jakarta.inject.Singleton;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A signed "this form was handed out at" time, so that a public form can refuse a submission that came
 * faster than a person can fill it in (a cheap bot defence that needs no third party and stores nothing).
 *
 * <p>Format: {@code v1.<keyId>.<issuedAtMillis>.<mac>}, the MAC an HMAC-SHA256 over purpose and time under a
 * key derived from a field key (bredvid.crypto.field.keys), so every instance behind a load balancer checks
 * what another issued, and an old key still checks its stamps while it is configured during a rotation.
 */
@Singleton
public class FormStamps {

    private static final byte[] LABEL = "bredvid:form-stamp:v1".getBytes(StandardCharsets.US_ASCII);
    private static final Base64.Encoder B64U = Base64.getUrlEncoder().withoutPadding();

    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final String currentKeyId;
    private final Clock clock;

    public FormStamps(FieldCipher.Config config, Clock clock) {
        this.clock = clock;
        this.currentKeyId = config.currentKey();
        config.keys().forEach((id, b64) -> {
            if (b64 != null && !b64.isBlank() && id.matches("[A-Za-z0-9_-]{1,40}")) {
                // Key separation: the stamp key is derived from, never equal to, the encryption key.
                keys.put(id, new SecretKeySpec(mac(new SecretKeySpec(Base64.getDecoder().decode(b64), "HmacSHA256"), LABEL),
                        "HmacSHA256"));
            }
        });
    }

    /** A stamp for a form about {@code purpose}, issued now. */
    public String issue(String purpose) {
        long at = clock.millis();
        return "v1." + currentKeyId + "." + at + "." + B64U.encodeToString(mac(keys.get(currentKeyId), message(purpose, at)));
    }

    /** When the stamp was issued for {@code purpose}, or empty if it is not one of ours. */
    public Optional<Instant> issuedAt(String purpose, String stamp) {
        if (stamp == null) {
            return Optional.empty();
        }
        String[] parts = stamp.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("v1") || !keys.containsKey(parts[1]) || !parts[2].matches("\\d{1,15}")) {
            return Optional.empty();
        }
        long at = Long.parseLong(parts[2]);
        byte[] given;
        try {
            given = Base64.getUrlDecoder().decode(parts[3]);
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        byte[] expected = mac(keys.get(parts[1]), message(purpose, at));
        return MessageDigest.isEqual(expected, given) ? Optional.of(Instant.ofEpochMilli(at)) : Optional.empty();
    }

    private static byte[] message(String purpose, long at) {
        return (purpose + '\n' + at).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] mac(SecretKeySpec key, byte[] message) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(message);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
