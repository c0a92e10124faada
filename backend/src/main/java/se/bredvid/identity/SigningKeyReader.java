package se.bredvid.identity;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.ASN1Primitive;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the EC P-256 private key that signs access tokens, in the encodings OpenSSL writes:
 * <ul>
 *   <li>PKCS#8 PEM, {@code -----BEGIN PRIVATE KEY-----}
 *       ({@code openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256});</li>
 *   <li>SEC1 PEM, {@code -----BEGIN EC PRIVATE KEY-----}, with or without the {@code EC PARAMETERS} block
 *       before it ({@code openssl ecparam -name prime256v1 -genkey});</li>
 *   <li>the base64 of the DER of either, or (from a file) the DER itself.</li>
 * </ul>
 * Anything else — another curve, explicit curve parameters, an encrypted or RSA key, a public key — is
 * refused with a reason that says what was found and never repeats the key.
 */
final class SigningKeyReader {

    /** Why a configured key was refused; the message is safe to log (it holds no key material). */
    static final class UnreadableKey extends Exception {
        UnreadableKey(String reason) {
            super(reason, null, false, false);
        }
    }

    private static final Pattern PEM = Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private SigningKeyReader() {
    }

    /** A key from a file: PEM or base64 text, or binary DER. */
    static ECPrivateKey read(byte[] file) throws UnreadableKey {
        if (file.length > 0 && file[0] == 0x30) {
            return fromDer(file);
        }
        return read(new String(file, StandardCharsets.US_ASCII));
    }

    /** A key from configuration text: PEM (newlines may be written as {@code \n}) or base64 DER. */
    static ECPrivateKey read(String text) throws UnreadableKey {
        String normalised = text.replace("\\n", "\n").trim();
        if (normalised.contains("-----BEGIN ")) {
            return fromPem(normalised);
        }
        return fromDer(base64(normalised));
    }

    /**
     * The public keys of earlier (or next) signing keys whose tokens are still accepted: PEM
     * {@code -----BEGIN PUBLIC KEY-----} blocks as {@code openssl pkey -pubout} writes them, or the base64 of
     * their DER, separated by commas or white space. A private key here is refused: only the current key may
     * sign, and a retired private key should not linger in configuration.
     */
    static List<ECPublicKey> readPublicKeys(String text) throws UnreadableKey {
        String normalised = text.replace("\\n", "\n").trim();
        List<ECPublicKey> keys = new ArrayList<>();
        if (normalised.contains("-----BEGIN ")) {
            Matcher block = PEM.matcher(normalised);
            while (block.find()) {
                if (!block.group(1).equals("PUBLIC KEY")) {
                    throw new UnreadableKey(block.group(1).contains("PRIVATE")
                            ? "a private key; give its public key (openssl pkey -in old.pem -pubout)"
                            : "a PEM block '" + block.group(1) + "', not a public key");
                }
                keys.add(publicFromDer(base64(block.group(2))));
            }
            if (keys.isEmpty() || !PEM.matcher(normalised).replaceAll("").isBlank()) {
                throw new UnreadableKey("text besides complete PEM PUBLIC KEY blocks");
            }
            return keys;
        }
        for (String part : normalised.split("[,\\s]+")) {
            if (!part.isEmpty()) {
                keys.add(publicFromDer(base64(part)));
            }
        }
        return keys;
    }

    private static ECPublicKey publicFromDer(byte[] der) throws UnreadableKey {
        SubjectPublicKeyInfo info;
        try {
            info = SubjectPublicKeyInfo.getInstance(sequence(der));
        } catch (IllegalArgumentException e) {
            throw new UnreadableKey("DER that is not a public key (SubjectPublicKeyInfo)");
        }
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(info.getAlgorithm().getAlgorithm())) {
            throw new UnreadableKey("a public key of another algorithm (" + info.getAlgorithm().getAlgorithm().getId() + "), not EC");
        }
        requireP256(info.getAlgorithm().getParameters());
        try {
            return (ECPublicKey) KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException | ClassCastException e) {
            throw new UnreadableKey("an EC public key the JDK cannot load");
        }
    }

    private static ECPrivateKey fromPem(String text) throws UnreadableKey {
        Matcher block = PEM.matcher(text);
        String found = null;
        while (block.find()) {
            String label = block.group(1);
            String body = block.group(2);
            if (body.contains("ENCRYPTED") || label.contains("ENCRYPTED")) {
                throw new UnreadableKey("an encrypted private key; give the key without a passphrase");
            }
            switch (label) {
                case "PRIVATE KEY" -> {
                    return pkcs8(sequence(base64(body)));
                }
                case "EC PRIVATE KEY" -> {
                    return sec1(sequence(base64(body)));
                }
                case "EC PARAMETERS" -> { }
                default -> found = label;
            }
        }
        throw new UnreadableKey(found == null ? "no complete PEM block" : "a PEM block '" + found + "', not an EC private key");
    }

    /** DER of a PKCS#8 PrivateKeyInfo or of a SEC1 ECPrivateKey: they differ in their second element. */
    private static ECPrivateKey fromDer(byte[] der) throws UnreadableKey {
        ASN1Sequence sequence = sequence(der);
        if (sequence.size() >= 2 && sequence.getObjectAt(1) instanceof ASN1Sequence) {
            return pkcs8(sequence);
        }
        if (sequence.size() >= 2 && sequence.getObjectAt(1) instanceof ASN1OctetString) {
            return sec1(sequence);
        }
        throw new UnreadableKey("DER that is neither PKCS#8 nor SEC1");
    }

    private static ECPrivateKey pkcs8(ASN1Sequence sequence) throws UnreadableKey {
        PrivateKeyInfo info;
        try {
            info = PrivateKeyInfo.getInstance(sequence);
        } catch (IllegalArgumentException e) {
            throw new UnreadableKey("a malformed PKCS#8 structure");
        }
        AlgorithmIdentifier algorithm = info.getPrivateKeyAlgorithm();
        if (!X9ObjectIdentifiers.id_ecPublicKey.equals(algorithm.getAlgorithm())) {
            throw new UnreadableKey("a PKCS#8 key of another algorithm (" + algorithm.getAlgorithm().getId() + "), not EC");
        }
        requireP256(algorithm.getParameters());
        return toKey(info);
    }

    private static ECPrivateKey sec1(ASN1Sequence sequence) throws UnreadableKey {
        org.bouncycastle.asn1.sec.ECPrivateKey key;
        try {
            key = org.bouncycastle.asn1.sec.ECPrivateKey.getInstance(sequence);
        } catch (IllegalArgumentException e) {
            throw new UnreadableKey("a malformed SEC1 structure");
        }
        ASN1Encodable parameters = key.getParametersObject();
        if (parameters == null) {
            throw new UnreadableKey("a SEC1 key that does not name its curve");
        }
        requireP256(parameters);
        try {
            return toKey(new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey,
                    SECObjectIdentifiers.secp256r1), key));
        } catch (IOException e) {
            throw new UnreadableKey("a malformed SEC1 structure");
        }
    }

    private static void requireP256(ASN1Encodable parameters) throws UnreadableKey {
        if (!(parameters instanceof ASN1ObjectIdentifier curve)) {
            throw new UnreadableKey("a key with explicit curve parameters; write it with the named curve P-256");
        }
        if (!SECObjectIdentifiers.secp256r1.equals(curve)) {
            throw new UnreadableKey("a key on another curve (" + curve.getId() + "), not P-256");
        }
    }

    private static ECPrivateKey toKey(PrivateKeyInfo info) throws UnreadableKey {
        ECPrivateKey key;
        try {
            key = (ECPrivateKey) KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(info.getEncoded()));
        } catch (GeneralSecurityException | IOException | ClassCastException e) {
            throw new UnreadableKey("an EC key the JDK cannot load");
        }
        if (key.getS().signum() <= 0 || key.getS().compareTo(P256_ORDER) >= 0) {
            throw new UnreadableKey("a P-256 key whose private value is out of range");
        }
        return key;
    }

    private static ASN1Sequence sequence(byte[] der) throws UnreadableKey {
        try {
            return ASN1Sequence.getInstance(ASN1Primitive.fromByteArray(der));
        } catch (IOException | IllegalArgumentException | ClassCastException e) {
            throw new UnreadableKey("bytes that are not a DER-encoded key");
        }
    }

    private static byte[] base64(String text) throws UnreadableKey {
        try {
            return Base64.getDecoder().decode(text.replaceAll("\\s", "").replace('-', '+').replace('_', '/'));
        } catch (IllegalArgumentException e) {
            throw new UnreadableKey("text that is neither PEM nor base64");
        }
    }
}
