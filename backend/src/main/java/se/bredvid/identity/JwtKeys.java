package se.bredvid.identity;

import com.nimbusds.jose.JWSAlgorithm;
import io.micronaut.context.annotation.Value;
import io.micronaut.security.token.jwt.signature.ec.ECSignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;

/**
 * The ES256 (P-256) key that signs access tokens, from {@code bredvid.jwt.private-key} (PKCS#8, PEM or
 * base64). All instances of an installation share it. Only where {@code bredvid.jwt.ephemeral-allowed} is
 * true (dev and test) is a key generated at start when none is configured; tokens then die with the process.
 */
@Singleton
@Named("generator")
final class JwtKeys implements ECSignatureGeneratorConfiguration {

    private static final Logger LOG = LoggerFactory.getLogger(JwtKeys.class);
    private final ECPrivateKey privateKey;
    private final ECPublicKey publicKey;

    JwtKeys(@Value("${bredvid.jwt.private-key:}") String configured,
            @Value("${bredvid.jwt.ephemeral-allowed:false}") boolean ephemeralAllowed) throws GeneralSecurityException {
        if (configured == null || configured.isBlank()) {
            if (!ephemeralAllowed) {
                throw new IllegalStateException("bredvid.jwt.private-key (BREDVID_JWT_PRIVATE_KEY) is not configured");
            }
            LOG.warn("No JWT signing key configured: using an ephemeral key (development only)");
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            var pair = g.generateKeyPair();
            privateKey = (ECPrivateKey) pair.getPrivate();
            publicKey = (ECPublicKey) pair.getPublic();
            return;
        }
        String b64 = configured.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        KeyFactory kf = KeyFactory.getInstance("EC");
        privateKey = (ECPrivateKey) kf.generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(b64)));
        publicKey = derivePublic(privateKey);
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
