package se.bredvid.messaging.push;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.signers.ECDSASigner;
import org.bouncycastle.crypto.signers.HMacDSAKCalculator;
import org.bouncycastle.util.BigIntegers;
import se.bredvid.protocol.Base64Url;
import se.bredvid.protocol.InvalidCryptoInputException;

import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Voluntary Application Server Identification (RFC 8292): a short-lived ES256 JWT per push-service origin
 * and the {@code Authorization: vapid t=..., k=...} header that carries it.
 */
public final class VapidSigner {

    /** RFC 8292 §2: at most 24 hours; half of that leaves room for clock skew at the push service. */
    static final Duration LIFETIME = Duration.ofHours(12);
    private static final String HEADER = Base64Url.encode(
            "{\"typ\":\"JWT\",\"alg\":\"ES256\"}".getBytes(StandardCharsets.US_ASCII));
    // Restricting the subject's characters lets the claims be written without a JSON library.
    private static final Pattern SUBJECT = Pattern.compile("(mailto:|https://)[A-Za-z0-9._~%+\\-@/:]{1,200}");

    private final BigInteger privateKey;
    private final String publicKey;
    private final String subject;

    private VapidSigner(BigInteger privateKey, String publicKey, String subject) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.subject = subject;
    }

    /**
     * @throws IllegalStateException if the configuration is incomplete or the keys do not belong together;
     *                               the message names the property, never its value
     */
    public static VapidSigner fromProperties(VapidProperties properties) {
        if (properties.subject() == null || !SUBJECT.matcher(properties.subject()).matches()) {
            throw new IllegalStateException("bredvid.push.vapid.subject must be a mailto: or https:// contact");
        }
        BigInteger d;
        byte[] q;
        try {
            d = P256.scalar(Base64Url.decode("privateKey", properties.privateKey()));
            q = Base64Url.decode("publicKey", properties.publicKey());
        } catch (InvalidCryptoInputException e) {
            throw new IllegalStateException("bredvid.push.vapid." + e.field().replace("Key", "-key")
                    + " must be base64url without padding");
        }
        if (d == null) {
            throw new IllegalStateException("bredvid.push.vapid.private-key must be a 32-byte P-256 private key");
        }
        if (P256.publicKey(q) == null) {
            throw new IllegalStateException("bredvid.push.vapid.public-key must be a 65-byte uncompressed P-256 point");
        }
        if (!Arrays.equals(q, P256.publicKeyOf(d))) {
            throw new IllegalStateException("bredvid.push.vapid.public-key does not belong to the private key");
        }
        return new VapidSigner(d, properties.publicKey(), properties.subject());
    }

    /** The value of the {@code Authorization} header for a push to {@code endpoint}. */
    public String authorization(URI endpoint, Instant now) {
        return "vapid t=" + jwt(audience(endpoint), now) + ", k=" + publicKey;
    }

    public String publicKey() {
        return publicKey;
    }

    String jwt(String audience, Instant now) {
        String claims = "{\"aud\":\"" + audience + "\",\"exp\":" + now.plus(LIFETIME).getEpochSecond()
                + ",\"sub\":\"" + subject + "\"}";
        String signingInput = HEADER + "." + Base64Url.encode(claims.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + Base64Url.encode(es256(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /** RFC 6454 origin of the endpoint: scheme, host and a non-default port. */
    static String audience(URI endpoint) {
        String scheme = endpoint.getScheme().toLowerCase(java.util.Locale.ROOT);
        int port = endpoint.getPort();
        boolean defaultPort = port == -1 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
        return scheme + "://" + endpoint.getHost().toLowerCase(java.util.Locale.ROOT) + (defaultPort ? "" : ":" + port);
    }

    /** ES256 as JOSE wants it (RFC 7518 §3.4): R || S, 32 bytes each; deterministic nonces (RFC 6979). */
    private byte[] es256(byte[] input) {
        SHA256Digest sha256 = new SHA256Digest();
        sha256.update(input, 0, input.length);
        byte[] hash = new byte[sha256.getDigestSize()];
        sha256.doFinal(hash, 0);
        ECDSASigner signer = new ECDSASigner(new HMacDSAKCalculator(new SHA256Digest()));
        signer.init(true, new ECPrivateKeyParameters(privateKey, P256.DOMAIN));
        BigInteger[] rs = signer.generateSignature(hash);
        byte[] out = new byte[64];
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, rs[0]), 0, out, 0, 32);
        System.arraycopy(BigIntegers.asUnsignedByteArray(32, rs[1]), 0, out, 32, 32);
        return out;
    }

    @Override
    public String toString() {
        return "VapidSigner[publicKey=" + publicKey + "]";
    }
}
