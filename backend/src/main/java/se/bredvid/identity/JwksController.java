package se.bredvid.identity;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.KeyUse;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.security.annotation.Secured;
import io.micronaut.security.rules.SecurityRule;

import java.util.List;

/**
 * The public keys that access tokens may be signed with (RFC 7517 JWK Set), each with its {@code kid}: the
 * current key and the earlier ones whose tokens have not expired yet. Public by design: it holds no secret,
 * and lets another service (or an operator) check a token offline. Never cached long: after a rotation a new
 * kid appears at once.
 */
@Controller("/.well-known/jwks.json")
@Secured(SecurityRule.IS_ANONYMOUS)
final class JwksController {

    private final String body;

    JwksController(JwtKeys keys) {
        List<com.nimbusds.jose.jwk.JWK> jwks = keys.verificationKeys().entrySet().stream()
                .map(e -> (com.nimbusds.jose.jwk.JWK) new ECKey.Builder(Curve.P_256, e.getValue())
                        .keyID(e.getKey()).keyUse(KeyUse.SIGNATURE).algorithm(JWSAlgorithm.ES256).build())
                .toList();
        // toString of a JWKSet publishes public parameters only, whatever the key objects hold.
        this.body = new JWKSet(jwks).toString(true);
    }

    @Get(produces = MediaType.APPLICATION_JSON)
    HttpResponse<String> keys() {
        return HttpResponse.ok(body).header("Cache-Control", "max-age=60");
    }
}
