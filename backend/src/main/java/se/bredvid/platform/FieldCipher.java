package se.bredvid.platform;

import io.micronaut.context.annotation.ConfigurationProperties;
import jakarta.inject.Singleton;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

/**
 * Field-level encryption at rest for personal data the server must read (volunteer applications, TOTP
 * secrets): AES-256-GCM under a key from configuration, never from the database. Each value names its
 * key id, so keys can be rotated: new writes use the current key, old values stay readable until
 * re-encrypted. The associated data binds a value to its column and row, so a ciphertext copied into
 * another row or column does not decrypt. Keys have no default outside the dev and test environments.
 *
 * <p>Format: {@code 0x01 | len(keyId) | keyId | iv(12) | ciphertext+tag}.
 */
@Singleton
public class FieldCipher {

    @ConfigurationProperties("bredvid.crypto.field")
    public record Config(String currentKey, Map<String, String> keys) {
    }

    private static final byte VERSION = 1;
    private final String currentKeyId;
    private final Map<String, SecretKeySpec> keys = new HashMap<>();
    private final SecureRandom random;

    public FieldCipher(Config config, SecureRandom random) {
        this.random = random;
        if (config.keys() == null || config.currentKey() == null || config.currentKey().isBlank()) {
            throw new IllegalStateException("bredvid.crypto.field.current-key and .keys must be configured"
                    + " (BREDVID_FIELD_KEY_ID / BREDVID_FIELD_KEY)");
        }
        config.keys().forEach((id, b64) -> {
            if (b64 == null || b64.isBlank()) {
                return;
            }
            byte[] raw = Base64.getDecoder().decode(b64);
            if (raw.length != 32) {
                throw new IllegalStateException("field key '" + id + "' must be 32 bytes (base64)");
            }
            keys.put(id, new SecretKeySpec(raw, "AES"));
        });
        if (!keys.containsKey(config.currentKey())) {
            throw new IllegalStateException("field key '" + config.currentKey() + "' is not configured");
        }
        this.currentKeyId = config.currentKey();
    }

    public byte[] seal(String plaintext, String context) {
        return plaintext == null ? null : seal(plaintext.getBytes(StandardCharsets.UTF_8), context);
    }

    public byte[] seal(byte[] plaintext, String context) {
        try {
            byte[] iv = new byte[12];
            random.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, keys.get(currentKeyId), new GCMParameterSpec(128, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            byte[] ct = cipher.doFinal(plaintext);
            byte[] id = currentKeyId.getBytes(StandardCharsets.US_ASCII);
            return ByteBuffer.allocate(2 + id.length + iv.length + ct.length)
                    .put(VERSION).put((byte) id.length).put(id).put(iv).put(ct).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("field encryption failed", e);
        }
    }

    public String openString(byte[] sealed, String context) {
        return sealed == null ? null : new String(open(sealed, context), StandardCharsets.UTF_8);
    }

    public byte[] open(byte[] sealed, String context) {
        try {
            ByteBuffer in = ByteBuffer.wrap(sealed);
            if (in.get() != VERSION) {
                throw new IllegalStateException("unknown field cipher version");
            }
            byte[] id = new byte[in.get()];
            in.get(id);
            SecretKeySpec key = keys.get(new String(id, StandardCharsets.US_ASCII));
            if (key == null) {
                throw new IllegalStateException("field key no longer configured");
            }
            byte[] iv = new byte[12];
            in.get(iv);
            byte[] ct = new byte[in.remaining()];
            in.get(ct);
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
            cipher.updateAAD(context.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(ct);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("field decryption failed", e);
        }
    }

    /** The id of the key new values are sealed with. */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** Opens a value and seals it again under the current key, with the same context. */
    public byte[] reseal(byte[] sealed, String context) {
        return seal(open(sealed, context), context);
    }

    /** True when the value was sealed under an older key and should be re-encrypted. */
    public boolean needsRotation(byte[] sealed) {
        byte[] id = new byte[sealed[1]];
        System.arraycopy(sealed, 2, id, 0, id.length);
        return !currentKeyId.equals(new String(id, StandardCharsets.US_ASCII));
    }
}
