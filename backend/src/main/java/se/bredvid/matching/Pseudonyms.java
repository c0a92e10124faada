package se.bredvid.matching;

import java.security.SecureRandom;
import java.util.List;

/**
 * Generated pseudonyms, adjective-noun-number in Swedish ("Modig-Björk-42"): never chosen by a person, so
 * never derived from a real name (threat model 4). About 50 × 50 × 900 = 2.25 million per organisation.
 */
final class Pseudonyms {

    private static final List<String> ADJECTIVES = List.of(
            "Modig", "Lugn", "Stark", "Klok", "Glad", "Varm", "Stilla", "Snabb", "Ljus", "Mild",
            "Trygg", "Fri", "Vaken", "Djup", "Hög", "Frisk", "Klar", "Rak", "Sval", "Vild",
            "Blå", "Grön", "Gul", "Röd", "Vit", "Rund", "Len", "Fast", "Smidig", "Tyst",
            "Rask", "Nyfiken", "Envis", "Vänlig", "Ärlig", "Öppen", "Jämn", "Spänstig", "Vis", "Säker",
            "Kvick", "Munter", "Sansad", "Seg", "Tålig", "Uthållig", "Pigg", "Flink", "Sällsam", "Kavat");
    private static final List<String> NOUNS = List.of(
            "Björk", "Ek", "Tall", "Gran", "Lönn", "Ask", "Lind", "Rönn", "Hassel", "Alm",
            "Sjö", "Älv", "Bäck", "Fjäll", "Skog", "Äng", "Ö", "Vik", "Strand", "Klippa",
            "Stjärna", "Måne", "Sol", "Moln", "Regn", "Snö", "Vind", "Gryning", "Skymning", "Dimma",
            "Räv", "Lo", "Uggla", "Trana", "Svala", "Hjort", "Bäver", "Utter", "Lärka", "Sparv",
            "Ljung", "Vass", "Mossa", "Lav", "Kvist", "Sten", "Kust", "Fyr", "Våg", "Brygga");

    private Pseudonyms() {
    }

    static String next(SecureRandom random) {
        return ADJECTIVES.get(random.nextInt(ADJECTIVES.size())) + "-" + NOUNS.get(random.nextInt(NOUNS.size()))
                + "-" + (10 + random.nextInt(990));
    }
}
