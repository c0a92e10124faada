package se.bredvid.messaging.reference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes docs/test-vectors/envelopes-java.json. Run on purpose only:
 * {@code mvn -B -q -o test -pl backend -Dtest=EnvelopeVectorsGenerator -Dbredvid.vectors.write=true}.
 * The output is deterministic, so {@link SharedEnvelopeVectorsTest} fails until the committed file is regenerated
 * after a protocol change.
 */
class EnvelopeVectorsGenerator {

    @Test
    @EnabledIfSystemProperty(named = "bredvid.vectors.write", matches = "true")
    void writeJavaVectors() throws IOException {
        Path file = EnvelopeVectors.directory().resolve("envelopes-java.json");
        Files.createDirectories(file.getParent());
        Files.writeString(file, EnvelopeVectors.render(EnvelopeVectors.build()), StandardCharsets.UTF_8);
    }
}
