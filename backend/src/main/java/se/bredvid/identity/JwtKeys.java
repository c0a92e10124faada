package se.bredvid.identity;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.exceptions.ConfigurationException;
import io.micronaut.security.token.jwt.signature.ec.ECSignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
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

/**
 * The ES256 (P-256) key that signs access tokens, from {@code bredvid.jwt.private-key}
 * ({@code BREDVID_JWT_PRIVATE_KEY}: PKCS#8 or SEC1, PEM or base64 DER, see {@link SigningKeyReader}) or from
 * the file named by {@code bredvid.jwt.private-key-file} ({@code BREDVID_JWT_PRIVATE_KEY_FILE}). All instances
 * of an installation share it. Only where {@code bredvid.jwt.ephemeral-allowed} is true (dev and test) is a
 * key generated at start when none is configured; tokens then die with the process.
 *
 * <p>Created at start-up ({@code @Context}): a key that is missing or unreadable stops the start with one
 * message naming the variable, instead of a server that reports "Startup completed" and then answers every
 * request, {@code /health} included, with a 500.
 */
@Context
@Singleton
@Named("generator")
final class JwtKeys implements ECSignatureGeneratorConfiguration {

    static final String VARIABLE = "BREDVID_JWT_PRIVATE_KEY (bredvid.jwt.private-key)";
    static final String FILE_VARIABLE = "BREDVID_JWT_PRIVATE_KEY_FILE (bredvid.jwt.private-key-file)";
    private static final String EXPECTED = "Give an EC P-256 private key as PEM '-----BEGIN PRIVATE KEY-----' (PKCS#8:"
            + " openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256) or '-----BEGIN EC PRIVATE KEY-----'"
            + " (SEC1: openssl ecparam -name prime256v1 -genkey), or the base64 DER of either.";

    private static final Logger LOG = LoggerFactory.getLogger(JwtKeys.class);
    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    JwtKeys(@Value("${bredvid.jwt.private-key:}") String configured,
            @Value("${bredvid.jwt.private-key-file:}") String file,
            @Value("${bredvid.jwt.ephemeral-allowed:false}") boolean ephemeralAllowed) throws GeneralSecurityException {
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
            privateKey = (ECPrivateKey) pair.getPrivate();
            publicKey = (ECPublicKey) pair.getPublic();
            return;
        }
        privateKey = hasKey ? fromText(configured) : fromFile(Path.of(file.trim()));
        publicKey = derivePublic(privateKey);
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

    @Override
    public ECPrivateKey getPrivateKey() {
        return privateKey;
    }

    @Override
    public ECPublicKey getPublicKey() {
        return publicKey;
    }

    @Override
    public JWSAlgorithm getJwsAlgorithm() {
        return JWSAlgorithm.ES256;
    }
}
