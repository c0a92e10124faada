package se.bredvid.messaging.push;

import javax.crypto.Cipher;
import javax.crypto.KeyAgreement;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPrivateKeySpec;
import java.security.spec.ECPublicKeySpec;
import java.util.Arrays;

/**
 * What a browser and a push service do with our output, written independently on the JDK's own crypto
 * (SunEC, javax.crypto) rather than Bouncy Castle, so that a shared mistake cannot hide.
 */
final class BrowserSide {

    private BrowserSide() {
    }

    /** RFC 8291 decryption by the user agent; returns the plaintext without the record delimiter. */
    static byte[] decrypt(byte[] body, byte[] uaPrivate, byte[] uaPublic, byte[] authSecret) throws GeneralSecurityException {
        ByteBuffer in = ByteBuffer.wrap(body);
        byte[] salt = new byte[16];
        in.get(salt);
        int recordSize = in.getInt();
        int idLength = in.get() & 0xFF;
        byte[] asPublic = new byte[idLength];
        in.get(asPublic);
        byte[] ciphertext = new byte[in.remaining()];
        in.get(ciphertext);
        if (ciphertext.length > recordSize) {
            throw new GeneralSecurityException("record larger than rs");
        }

        byte[][] keys = derive(uaPrivate, uaPublic, asPublic, authSecret, salt);
        byte[] cek = keys[1];
        byte[] nonce = keys[2];

        Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding");
        gcm.init(Cipher.DECRYPT_MODE, new SecretKeySpec(cek, "AES"), new GCMParameterSpec(128, nonce));
        byte[] record = gcm.doFinal(ciphertext);
        int end = record.length - 1;
        while (end >= 0 && record[end] == 0) {
            end--;
        }
        if (end < 0 || record[end] != 0x02) {
            throw new GeneralSecurityException("last record must end with delimiter 2");
        }
        return Arrays.copyOf(record, end);
    }

    /** RFC 8291 §3.3–3.4 and RFC 8188 §2.2–2.3, on the user agent's side: [ecdh secret, CEK, nonce]. */
    static byte[][] derive(byte[] uaPrivate, byte[] uaPublic, byte[] asPublic, byte[] authSecret, byte[] salt)
            throws GeneralSecurityException {
        KeyAgreement ecdh = KeyAgreement.getInstance("ECDH");
        ecdh.init(privateKey(uaPrivate));
        ecdh.doPhase(publicKey(asPublic), true);
        byte[] ecdhSecret = ecdh.generateSecret();

        byte[] prkKey = hmac(authSecret, ecdhSecret);
        byte[] keyInfo = concat("WebPush: info\0".getBytes(StandardCharsets.US_ASCII), uaPublic, asPublic, new byte[] {1});
        byte[] ikm = hmac(prkKey, keyInfo);
        byte[] prk = hmac(salt, ikm);
        byte[] cek = Arrays.copyOf(hmac(prk, concat("Content-Encoding: aes128gcm\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1})), 16);
        byte[] nonce = Arrays.copyOf(hmac(prk, concat("Content-Encoding: nonce\0".getBytes(StandardCharsets.US_ASCII), new byte[] {1})), 12);

        return new byte[][] {ecdhSecret, cek, nonce};
    }

    /** What a push service does with the VAPID token: verify ES256 with the key from {@code k=}. */
    static boolean verifyJwt(String jwt, byte[] publicKey) throws GeneralSecurityException {
        String[] parts = jwt.split("\\.");
        if (parts.length != 3) {
            return false;
        }
        Signature es256 = Signature.getInstance("SHA256withECDSAinP1363Format");
        es256.initVerify(publicKey(publicKey));
        es256.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return es256.verify(java.util.Base64.getUrlDecoder().decode(parts[2]));
    }

    static PublicKey publicKey(byte[] uncompressed) throws GeneralSecurityException {
        BigInteger x = new BigInteger(1, Arrays.copyOfRange(uncompressed, 1, 33));
        BigInteger y = new BigInteger(1, Arrays.copyOfRange(uncompressed, 33, 65));
        return KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y), p256()));
    }

    static PrivateKey privateKey(byte[] scalar) throws GeneralSecurityException {
        return KeyFactory.getInstance("EC").generatePrivate(new ECPrivateKeySpec(new BigInteger(1, scalar), p256()));
    }

    /** A fresh browser key pair: [private scalar (32), uncompressed public point (65)]. */
    static byte[][] newKeyPair() throws GeneralSecurityException {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        java.security.KeyPair pair = generator.generateKeyPair();
        byte[] d = toFixed(((java.security.interfaces.ECPrivateKey) pair.getPrivate()).getS());
        ECPoint w = ((ECPublicKey) pair.getPublic()).getW();
        return new byte[][] {d, concat(new byte[] {4}, toFixed(w.getAffineX()), toFixed(w.getAffineY()))};
    }

    private static byte[] toFixed(BigInteger v) {
        byte[] raw = v.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    private static ECParameterSpec p256() throws GeneralSecurityException {
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        return parameters.getParameterSpec(ECParameterSpec.class);
    }

    private static byte[] hmac(byte[] key, byte[] data) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(key, "HmacSHA256"));
        return mac.doFinal(data);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] p : parts) {
            length += p.length;
        }
        ByteBuffer out = ByteBuffer.allocate(length);
        for (byte[] p : parts) {
            out.put(p);
        }
        return out.array();
    }
}
