package se.bredvid.messaging.push;

import org.bouncycastle.asn1.x9.X9ECParameters;
import org.bouncycastle.crypto.ec.CustomNamedCurves;
import org.bouncycastle.crypto.params.ECDomainParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.util.BigIntegers;

import java.math.BigInteger;

/** NIST P-256 as Web Push and VAPID use it: raw 32-byte scalars and 65-byte uncompressed points. */
final class P256 {

    static final int SCALAR_LENGTH = 32;
    static final int POINT_LENGTH = 65;
    static final ECDomainParameters DOMAIN;

    static {
        X9ECParameters curve = CustomNamedCurves.getByName("secp256r1");
        DOMAIN = new ECDomainParameters(curve.getCurve(), curve.getG(), curve.getN(), curve.getH());
    }

    private P256() {
    }

    /**
     * Decodes an uncompressed point and checks that it lies on the curve (Bouncy Castle's decoding does).
     *
     * @return null if the bytes are not such a point: an off-curve point would leak the private key
     * through ECDH (invalid-curve attack).
     */
    static ECPublicKeyParameters publicKey(byte[] uncompressed) {
        if (uncompressed == null || uncompressed.length != POINT_LENGTH || uncompressed[0] != 0x04) {
            return null;
        }
        try {
            ECPoint point = DOMAIN.getCurve().decodePoint(uncompressed);
            return new ECPublicKeyParameters(point, DOMAIN);
        } catch (IllegalArgumentException notOnCurve) {
            return null;
        }
    }

    static BigInteger scalar(byte[] raw) {
        if (raw == null || raw.length != SCALAR_LENGTH) {
            return null;
        }
        BigInteger d = BigIntegers.fromUnsignedByteArray(raw);
        return d.signum() > 0 && d.compareTo(DOMAIN.getN()) < 0 ? d : null;
    }

    static byte[] publicKeyOf(BigInteger d) {
        return DOMAIN.getG().multiply(d).normalize().getEncoded(false);
    }
}
