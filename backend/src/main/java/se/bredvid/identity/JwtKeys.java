package se.bredvid.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import se.bredvid.platform.ProductionGuard;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The ES256 (P-256) key that signs access tokens, from {@code bredvid.jwt.private-key}
 * ({@code BREDVID_JWT_PRIVATE_KEY}: PKCS#8 or SEC1, PEM or base64 DER, see {@link SigningKeyReader}) or from
 * the file named by {@code bredvid.jwt.private-key-file} ({@code BREDVID_JWT_PRIVATE_KEY_FILE}). All instances
 * of an installation share it. Only where {@code bredvid.jwt.ephemeral-allowed} is true (dev and test) is a
 * key generated at start when none is configured; tokens then die with the process.
 *
 * <p>Rotation: every key is known by its {@code kid}, the RFC 7638 thumbprint of its public key (the same on
 * every instance without configuring it). Tokens are signed with the current key and carry its kid; tokens
 * signed with a key listed in {@code bredvid.jwt.previous-public-keys} ({@code BREDVID_JWT_PREVIOUS_PUBLIC_KEYS},
 * public keys only) stay valid until they expire. A token without a kid, or with a kid of no configured key,
 * is refused ({@link AccessTokenSignature}). The public keys are published at {@code /.well-known/jwks.json}.
 *
 * <p>Created at start-up ({@code @Context}): a key that is missing or unreadable stops the start with one
 * message naming the variable, instead of a server that reports "Startup completed" and then answers every
 * request, {@code /health} included, with a 500.
 */
@Context
@Singleton
final class JwtKeys {

    static final String VARIABLE = "BREDVID_JWT_PRIVATE_KEY (bredvid.jwt.private-key)";
    static final String FILE_VARIABLE = "BREDVID_JWT_PRIVATE_KEY_FILE (bredvid.jwt.private-key-file)";
    private static final String EXPECTED = "Give an EC P-256 private key as PEM '-----BEGIN PRIVATE KEY-----' (PKCS#8:"
            + " openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256) or '-----BEGIN EC PRIVATE KEY-----'"
            + " (SEC1: openssl ecparam -name prime256v1 -genkey), or the base64 DER of either.";

    static final String PREVIOUS_VARIABLE = "BREDVID_JWT_PREVIOUS_PUBLIC_KEYS (bredvid.jwt.previous-public-keys)";
    static final String PREVIOUS_FILE_VARIABLE =
            "BREDVID_JWT_PREVIOUS_PUBLIC_KEYS_FILE (bredvid.jwt.previous-public-keys-file)";

    private static final Logger LOG = LoggerFactory.getLogger(JwtKeys.class);
    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;
    private final String currentKid;
    /** Every key a valid token may be signed with, by kid: the current one first. */
    private final Map<String, ECPublicKey> verificationKeys;

    /** @param guard required only so that the production checks speak first, with every problem at once */
    JwtKeys(ProductionGuard guard,
            @Value("${bredvid.jwt.private-key:}") String configured,
            @Value("${bredvid.jwt.private-key-file:}") String file,
            @Value("${bredvid.jwt.ephemeral-allowed:false}") boolean ephemeralAllowed,
            @Value("${bredvid.jwt.previous-public-keys:}") String previous,
            @Value("${bredvid.jwt.previous-public-keys-file:}") String previousFile) throws GeneralSecurityException {
        KeyPairs current = currentKey(configured, file, ephemeralAllowed);
        this.privateKey = current.privateKey;
        this.publicKey = current.publicKey;
        this.currentKid = kid(publicKey);
        Map<String, ECPublicKey> keys = new LinkedHashMap<>();
        keys.put(currentKid, publicKey);
        for (ECPublicKey old : previousKeys(previous, previousFile)) {
            keys.putIfAbsent(kid(old), old);
        }
        this.verificationKeys = Collections.unmodifiableMap(keys);
        if (keys.size() > 1) {
            LOG.info("Access tokens signed with {} earlier key(s) are accepted until they expire", keys.size() - 1);
        }
    }

    private record KeyPairs(ECPrivateKey privateKey, ECPublicKey publicKey) {
    }

    private static KeyPairs currentKey(String configured, String file, boolean ephemeralAllowed) throws GeneralSecurityException {
        boolean hasKey = configured != null && !configured.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasKey && hasFile) {
            throw new ConfigurationException(VARIABLE + " and " + FILE_VARIABLE + " are both set: set only one");
        }
        if (!hasKey && !hasFile) {
            if (!ephemeralAllowed) {
                throw new ConfigurationException(VARIABLE + " is not configured (or set " + FILE_VARIABLE
                        + " to a file holding the key). " + EXPECTED);
            }
            LOG.warn("No JWT signing key configured: using an ephemeral key (development only)");
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            var pair = g.generateKeyPair();
            return new KeyPairs((ECPrivateKey) pair.getPrivate(), (ECPublicKey) pair.getPublic());
        }
        ECPrivateKey key = hasKey ? fromText(configured) : fromFile(Path.of(file.trim()));
        return new KeyPairs(key, derivePublic(key));
    }

    private static List<ECPublicKey> previousKeys(String text, String file) {
        boolean hasText = text != null && !text.isBlank();
        boolean hasFile = file != null && !file.isBlank();
        if (hasText && hasFile) {
            throw new ConfigurationException(PREVIOUS_VARIABLE + " and " + PREVIOUS_FILE_VARIABLE + " are both set: set only one");
        }
        if (!hasText && !hasFile) {
            return List.of();
        }
        String name = hasText ? PREVIOUS_VARIABLE : PREVIOUS_FILE_VARIABLE;
        String value;
        if (hasText) {
            value = text;
        } else {
            try {
                value = Files.readString(Path.of(file.trim()), StandardCharsets.US_ASCII);
            } catch (IOException e) {
                throw new ConfigurationException(name + " names a file that cannot be read (" + e.getClass().getSimpleName() + ")");
            }
        }
        try {
            return SigningKeyReader.readPublicKeys(value);
        } catch (SigningKeyReader.UnreadableKey e) {
            throw new ConfigurationException(name + " cannot be used: it holds " + e.getMessage() + ". Give EC P-256 public"
                    + " keys as PEM '-----BEGIN PUBLIC KEY-----' blocks (openssl pkey -in old.pem -pubout) or their base64"
                    + " DER, separated by commas.");
        }
    }

    /** RFC 7638 JWK thumbprint (SHA-256, base64url) of the public key: a kid every instance derives alike. */
    static String kid(ECPublicKey key) {
        try {
            return new ECKey.Builder(Curve.P_256, key).build().computeThumbprint().toString();
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot compute a key thumbprint", e);
        }
    }

    private static ECPrivateKey fromText(String configured) {
        try {
            return SigningKeyReader.read(configured);
        } catch (SigningKeyReader.UnreadableKey e) {
            throw new ConfigurationException(VARIABLE + " cannot be used: it holds " + e.getMessage() + ". " + EXPECTED);
        }
    }

    private static ECPrivateKey fromFile(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new ConfigurationException(FILE_VARIABLE + " names a file that cannot be read ("
                    + e.getClass().getSimpleName() + ")");
        }
        try {
            return SigningKeyReader.read(bytes);
        } catch (SigningKeyReader.UnreadableKey e) {
            throw new ConfigurationException(FILE_VARIABLE + " cannot be used: the file holds " + e.getMessage() + ". "
                    + EXPECTED);
        }
    }

    private static ECPublicKey derivePublic(ECPrivateKey key) throws GeneralSecurityException {
        var spec = org.bouncycastle.jce.ECNamedCurveTable.getParameterSpec("secp256r1");
        var q = spec.getG().multiply(key.getS()).normalize();
        ECPoint w = new ECPoint(q.getAffineXCoord().toBigInteger(), q.getAffineYCoord().toBigInteger());
        return (ECPublicKey) KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(w, key.getParams()));
    }

    ECPrivateKey getPrivateKey() {
        return privateKey;
    }

    ECPublicKey getPublicKey() {
        return publicKey;
    }

    /** The kid of the current key, written into every new access token. */
    String currentKid() {
        return currentKid;
    }

    /** The public key with this kid, if a valid token may be signed with it; null otherwise. */
    ECPublicKey verificationKey(String kid) {
        return kid == null ? null : verificationKeys.get(kid);
    }

    /** Every key a valid token may be signed with, by kid (the current key first). */
    Map<String, ECPublicKey> verificationKeys() {
        return verificationKeys;
    }
}
