package se.bredvid.matching;

import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertTrue;

class PseudonymsTest {

    /** The CHECK constraint of V30, read from the migration itself so the two cannot drift apart. */
    private static Pattern databaseRule() throws Exception {
        String sql = Files.readString(Path.of("src/main/resources/db/migration/V30__matching.sql"));
        Matcher m = Pattern.compile("pseudonym ~ '([^']+)'").matcher(sql);
        assertTrue(m.find());
        return Pattern.compile(m.group(1));
    }

    @Test
    void everyPseudonymTheGeneratorCanMakeSatisfiesTheDatabaseRule() throws Exception {
        Pattern rule = databaseRule();
        SecureRandom random = new SecureRandom();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 200_000; i++) {
            String p = Pseudonyms.next(random);
            seen.add(p.substring(0, p.lastIndexOf('-')));
            assertTrue(rule.matcher(p).matches(), p);
        }
        assertTrue(seen.size() > 2000, "every adjective-noun pair is drawn: " + seen.size());
    }
}
