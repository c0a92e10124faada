package se.bredvid.identity;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The access-token signing key in every encoding OpenSSL writes is accepted; anything else stops the start
 * with one message naming the variable (issue 16: an openssl-made key in another encoding used to give a
 * server that said "Startup completed" and answered 500 to every request). Keys are made by the openssl
 * command line here, as an operator would make them; a bare context, no database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class JwtKeysStartupTest {

    @TempDir
    static Path dir;

    /** A PKCS#8 key from {@code openssl genpkey} and its public key (SubjectPublicKeyInfo DER) as openssl derives it. */
    Path pkcs8Pem;
    byte[] pkcs8Public;
    /** A SEC1 key from {@code openssl ecparam -genkey}, with the EC PARAMETERS block before it. */
    Path sec1Pem;
    byte[] sec1Public;

    @BeforeAll
    void makeKeys() throws Exception {
        pkcs8Pem = dir.resolve("pkcs8.pem");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", pkcs8Pem.toString());
        pkcs8Public = openssl("pkey", "-in", pkcs8Pem.toString(), "-pubout", "-outform", "DER");
        sec1Pem = dir.resolve("sec1.pem");
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", sec1Pem.toString());
        sec1Public = openssl("pkey", "-in", sec1Pem.toString(), "-pubout", "-outform", "DER");
    }

    private byte[] openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("openssl"));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS), "openssl " + command);
        assertEquals(0, p.exitValue(), "openssl " + command);
        return out;
    }

    private static Map<String, Object> properties(String key, String file) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("flyway.datasources.default.enabled", false);
        // A refused start may leave its pool behind until the JVM ends: keep it from opening connections.
        properties.put("datasources.default.minimum-idle", 0);
        properties.put("datasources.default.maximum-pool-size", 1);
        properties.put("bredvid.jwt.ephemeral-allowed", false);
        if (key != null) {
            properties.put("bredvid.jwt.private-key", key);
        }
        if (file != null) {
            properties.put("bredvid.jwt.private-key-file", file);
        }
        return properties;
    }

    private static void startsAndSignsWith(byte[] expectedPublicKey, Map<String, Object> properties) {
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertArrayEquals(expectedPublicKey, context.getBean(JwtKeys.class).getPublicKey().getEncoded());
        }
    }

    private static String refusedStart(Map<String, Object> properties) {
        Exception e = assertThrows(Exception.class, () -> ApplicationContext.run(properties).close());
        String message = e.getMessage();
        assertTrue(message.contains("BREDVID_JWT_PRIVATE_KEY"), message);
        return message;
    }

    private static String base64Body(Path pem) throws IOException {
        return Files.readString(pem).replaceAll("(?s).*-----BEGIN [A-Z ]*PRIVATE KEY-----(.*?)-----END.*", "$1")
                .replaceAll("\\s", "");
    }

    @Test
    void aPkcs8PemFromOpensslGenpkeyIsAccepted() throws IOException {
        startsAndSignsWith(pkcs8Public, properties(Files.readString(pkcs8Pem), null));
    }

    @Test
    void aSec1PemFromOpensslEcparamIsAccepted() throws IOException {
        startsAndSignsWith(sec1Public, properties(Files.readString(sec1Pem), null));
    }

    @Test
    void theBase64DerOfEitherIsAccepted() throws IOException {
        startsAndSignsWith(pkcs8Public, properties(base64Body(pkcs8Pem), null));
        startsAndSignsWith(sec1Public, properties(base64Body(sec1Pem), null));
    }

    @Test
    void aPemWithItsNewlinesWrittenAsBackslashNIsAccepted() throws IOException {
        // How a PEM often arrives through an environment file or a secret manager.
        startsAndSignsWith(pkcs8Public, properties(Files.readString(pkcs8Pem).replace("\n", "\\n"), null));
    }

    @Test
    void aKeyFileIsAcceptedAsPemOrDer() throws Exception {
        startsAndSignsWith(sec1Public, properties(null, sec1Pem.toString()));
        Path der = dir.resolve("pkcs8.der");
        Files.write(der, openssl("pkey", "-in", pkcs8Pem.toString(), "-outform", "DER"));
        startsAndSignsWith(pkcs8Public, properties(null, der.toString()));
    }

    @Test
    void aKeyMadeByTheJdkIsAccepted() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        var pair = g.generateKeyPair();
        startsAndSignsWith(pair.getPublic().getEncoded(),
                properties(Base64.getEncoder().encodeToString(pair.getPrivate().getEncoded()), null));
    }

    @Test
    void aKeyOnAnotherCurveStopsTheStart() throws Exception {
        Path p384 = dir.resolve("p384.pem");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-384", "-out", p384.toString());
        String message = refusedStart(properties(Files.readString(p384), null));
        assertTrue(message.contains("not P-256"), message);
        assertFalse(message.contains(base64Body(p384).substring(0, 40)), "the key is not repeated");
    }

    @Test
    void anRsaKeyStopsTheStart() throws Exception {
        Path rsa = dir.resolve("rsa.pem");
        openssl("genpkey", "-algorithm", "RSA", "-pkeyopt", "rsa_keygen_bits:2048", "-out", rsa.toString());
        assertTrue(refusedStart(properties(Files.readString(rsa), null)).contains("not EC"));
    }

    @Test
    void explicitCurveParametersStopTheStart() throws Exception {
        byte[] explicit = openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-param_enc", "explicit");
        assertTrue(refusedStart(properties(new String(explicit, StandardCharsets.US_ASCII), null))
                .contains("explicit curve parameters"));
    }

    @Test
    void anEncryptedKeyStopsTheStart() throws Exception {
        byte[] encrypted = openssl("pkey", "-in", pkcs8Pem.toString(), "-aes256", "-passout", "pass:secret");
        assertTrue(refusedStart(properties(new String(encrypted, StandardCharsets.US_ASCII), null)).contains("encrypted"));
    }

    @Test
    void aPublicKeyOrTextThatIsNoKeyStopsTheStart() throws Exception {
        byte[] publicPem = openssl("pkey", "-in", pkcs8Pem.toString(), "-pubout");
        refusedStart(properties(new String(publicPem, StandardCharsets.US_ASCII), null));
        refusedStart(properties("not a key at all", null));
        refusedStart(properties(Base64.getEncoder().encodeToString("just some bytes".getBytes(StandardCharsets.US_ASCII)), null));
    }

    @Test
    void aMissingKeyOrKeyFileStopsTheStart() {
        refusedStart(properties(null, null));
        assertTrue(refusedStart(properties(null, dir.resolve("no-such.pem").toString()))
                .contains("BREDVID_JWT_PRIVATE_KEY_FILE"));
    }

    @Test
    void aKeyAndAKeyFileTogetherStopTheStart() throws IOException {
        assertTrue(refusedStart(properties(Files.readString(pkcs8Pem), pkcs8Pem.toString())).contains("only one"));
    }

    @Test
    void theServerDoesNotStartWithAnUnreadableKey() {
        Exception e = assertThrows(Exception.class,
                () -> ApplicationContext.run(EmbeddedServer.class, properties("-----BEGIN EC PRIVATE KEY-----\nAAAA\n-----END EC PRIVATE KEY-----", null)).close());
        assertTrue(e.getMessage().contains("BREDVID_JWT_PRIVATE_KEY"), e.getMessage());
    }

    @Test
    void previousPublicKeysFromOpensslAreAcceptedUnderTheirKid() throws Exception {
        Map<String, Object> properties = properties(Files.readString(pkcs8Pem), null);
        String sec1PublicPem = new String(openssl("pkey", "-in", sec1Pem.toString(), "-pubout"), StandardCharsets.US_ASCII);
        properties.put("bredvid.jwt.previous-public-keys", sec1PublicPem);
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            JwtKeys keys = context.getBean(JwtKeys.class);
            assertEquals(2, keys.verificationKeys().size());
            assertArrayEquals(sec1Public, keys.verificationKeys().values().stream().skip(1).findFirst().orElseThrow().getEncoded());
        }
        properties.put("bredvid.jwt.previous-public-keys", Base64.getEncoder().encodeToString(sec1Public) + ", "
                + Base64.getEncoder().encodeToString(pkcs8Public));
        try (ApplicationContext context = ApplicationContext.run(properties)) {
            assertEquals(2, context.getBean(JwtKeys.class).verificationKeys().size(), "the current key is not listed twice");
        }
    }

    @Test
    void aPrivateKeyOrTextThatIsNoKeyAmongThePreviousKeysStopsTheStart() throws Exception {
        Map<String, Object> properties = properties(Files.readString(pkcs8Pem), null);
        properties.put("bredvid.jwt.previous-public-keys", Files.readString(sec1Pem));
        Exception e = assertThrows(Exception.class, () -> ApplicationContext.run(properties).close());
        assertTrue(e.getMessage().contains("BREDVID_JWT_PREVIOUS_PUBLIC_KEYS") && e.getMessage().contains("-pubout"), e.getMessage());
        assertFalse(e.getMessage().contains(base64Body(sec1Pem).substring(0, 40)), "the key is not repeated");
        properties.put("bredvid.jwt.previous-public-keys", "not a key");
        e = assertThrows(Exception.class, () -> ApplicationContext.run(properties).close());
        assertTrue(e.getMessage().contains("BREDVID_JWT_PREVIOUS_PUBLIC_KEYS"), e.getMessage());
    }
}
