package se.bredvid.recruiting;

import java.util.Map;

/** Swedish counties (län) by their ISO 3166-2:SE code: the region a volunteer lives in. */
final class Regions {

    static final Map<String, String> NAMES = Map.ofEntries(
            Map.entry("SE-AB", "Stockholms län"), Map.entry("SE-AC", "Västerbottens län"),
            Map.entry("SE-BD", "Norrbottens län"), Map.entry("SE-C", "Uppsala län"),
            Map.entry("SE-D", "Södermanlands län"), Map.entry("SE-E", "Östergötlands län"),
            Map.entry("SE-F", "Jönköpings län"), Map.entry("SE-G", "Kronobergs län"),
            Map.entry("SE-H", "Kalmar län"), Map.entry("SE-I", "Gotlands län"),
            Map.entry("SE-K", "Blekinge län"), Map.entry("SE-M", "Skåne län"),
            Map.entry("SE-N", "Hallands län"), Map.entry("SE-O", "Västra Götalands län"),
            Map.entry("SE-S", "Värmlands län"), Map.entry("SE-T", "Örebro län"),
            Map.entry("SE-U", "Västmanlands län"), Map.entry("SE-W", "Dalarnas län"),
            Map.entry("SE-X", "Gävleborgs län"), Map.entry("SE-Y", "Västernorrlands län"),
            Map.entry("SE-Z", "Jämtlands län"));

    private Regions() {
    }

    static boolean known(String code) {
        return NAMES.containsKey(code);
    }
}
