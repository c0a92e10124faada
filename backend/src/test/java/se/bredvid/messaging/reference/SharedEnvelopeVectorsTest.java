package se.bredvid.messaging.reference;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The committed cross-implementation vectors (docs/protocol.md §11) still hold. */
class SharedEnvelopeVectorsTest {

    private static final Path JAVA = EnvelopeVectors.directory().resolve("envelopes-java.json");
    private static final Path PWA = EnvelopeVectors.directory().resolve("envelopes-pwa.json");

    @Test
    void theCommittedJavaVectorsAreExactlyWhatTheGeneratorProduces() throws IOException {
        assertEquals(EnvelopeVectors.render(EnvelopeVectors.build()), Files.readString(JAVA, StandardCharsets.UTF_8),
                "regenerate with -Dtest=EnvelopeVectorsGenerator -Dbredvid.vectors.write=true");
    }

    @Test
    void everyCommittedJavaVectorDecryptsToItsPlaintext() throws IOException {
        assertAllDecrypt(read(JAVA));
    }

    @Test
    void theCommittedJavaChallengeSignaturesVerify() throws IOException {
        JsonNode root = read(JAVA);
        assertTrue(root.get("challenges").size() > 0);
        for (JsonNode challenge : root.get("challenges")) {
            EnvelopeVectors.checkChallenge(challenge);
        }
    }

    @Test
    void everyPwaVectorDecryptsToItsPlaintext() throws IOException {
        assumeTrue(Files.exists(PWA), "docs/test-vectors/envelopes-pwa.json is not there yet");
        JsonNode root = read(PWA);
        assertAllDecrypt(root);
        for (JsonNode challenge : root.path("challenges")) {
            EnvelopeVectors.checkChallenge(challenge);
        }
    }

    private static void assertAllDecrypt(JsonNode root) throws IOException {
        assertEquals("bredvid/v1", root.path("protocol").asText());
        JsonNode vectors = root.get("vectors");
        assertTrue(vectors != null && vectors.size() > 0, "no vectors");
        for (JsonNode vector : vectors) {
            EnvelopeVectors.check(vector);
        }
    }

    private static JsonNode read(Path file) throws IOException {
        return EnvelopeVectors.JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
    }
}
