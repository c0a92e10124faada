package se.bredvid.identity;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.micronaut.security.token.jwt.signature.SignatureGeneratorConfiguration;
import jakarta.inject.Named;
import jakarta.inject.Singleton;

import java.security.interfaces.ECPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Date;

/**
 * Signs access tokens with the current key and its {@code kid}, and verifies a token only against the key its
 * kid names ({@link JwtKeys}). It is the only signature configuration of the application: Micronaut's own EC
 * configuration would try every key and so accept a token without a kid. A token without a kid, with an
 * unknown kid, or with another algorithm fails verification, which Micronaut answers with the one 401. A
 * token verified once is remembered until it expires ({@link VerifiedTokens}).
 */
@Singleton
@Named("generator")
final class AccessTokenSignature implements SignatureGeneratorConfiguration {

    private final JwtKeys keys;
    private final VerifiedTokens verified;

    AccessTokenSignature(JwtKeys keys, VerifiedTokens verified) {
        this.keys = keys;
        this.verified = verified;
    }

    @Override
    public SignedJWT sign(JWTClaimsSet claims) throws JOSEException {
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.ES256).type(JOSEObjectType.JWT).keyID(keys.currentKid()).build();
        SignedJWT jwt = new SignedJWT(header, claims);
        jwt.sign(new ECDSASigner(keys.getPrivateKey()));
        return jwt;
    }

    @Override
    public boolean verify(SignedJWT jwt) throws JOSEException {
        if (!JWSAlgorithm.ES256.equals(jwt.getHeader().getAlgorithm())) {
            return false;
        }
        String compact = jwt.getParsedString();
        if (compact != null && verified.known(compact)) {
            return true;
        }
        ECPublicKey key = keys.verificationKey(jwt.getHeader().getKeyID());
        if (key == null || !jwt.verify(new ECDSAVerifier(key))) {
            return false;
        }
        if (compact != null) {
            verified.remember(compact, expiry(jwt));
        }
        return true;
    }

    private static Instant expiry(SignedJWT jwt) {
        try {
            Date exp = jwt.getJWTClaimsSet().getExpirationTime();
            return exp == null ? null : exp.toInstant();
        } catch (ParseException e) {
            return null;
        }
    }

    @Override
    public boolean supports(JWSAlgorithm algorithm) {
        return JWSAlgorithm.ES256.equals(algorithm);
    }

    @Override
    public String supportedAlgorithmsMessage() {
        return "Only the ES256 JWS algorithm is supported";
    }
}
