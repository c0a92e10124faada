package se.bredvid.recruiting;

import jakarta.inject.Singleton;
import se.bredvid.platform.PdfWriter;
import se.bredvid.platform.Redacted;

import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * Renders a training certificate (utbildningsintyg) as a one-page A4 PDF through {@link PdfWriter}. The text is
 * in Swedish, the language of the organisations; dates in ISO form. A name in any Latin, Greek or Cyrillic script
 * prints as written; a character the font lacks is written without its accent, or as '?', rather than failing.
 */
@Singleton
class CertificateRenderer {

    record Certificate(String name, String organisation, int minutes, int sessions,
                       List<TrainingService.ThemeRecord> themes, LocalDate completedOn, LocalDate issuedOn) {
        @Override
        public String toString() {
            return Redacted.of(this);
        }
    }

    private static final Locale SWEDISH = Locale.forLanguageTag("sv-SE");
    private static final float MARGIN = 64;

    byte[] render(Certificate c) {
        try (PdfWriter w = new PdfWriter("Utbildningsintyg", MARGIN)) {
            w.gap(20);
            w.bold(24, "Utbildningsintyg");
            w.gap(8);
            w.text(11, "Kontaktperson med kunskap om hedersrelaterat våld och förtryck");
            w.gap(24);
            w.bold(18, c.name());
            w.gap(10);
            w.text(12, "har genomgått kontaktpersonsutbildningen"
                    + (c.organisation().isBlank() ? "" : " hos " + c.organisation()) + ".");
            w.gap(6);
            w.text(12, "Omfattning: " + hours(c.minutes()) + " timmar vid " + c.sessions()
                    + " utbildningstillfällen.");
            if (c.completedOn() != null) {
                w.text(12, "Utbildningen slutfördes " + c.completedOn() + ".");
            }
            w.gap(18);
            w.bold(13, "Teman");
            w.gap(4);
            for (TrainingService.ThemeRecord t : c.themes()) {
                w.text(11, "•  " + t.title() + " (" + t.attendedOn() + ")");
            }
            w.gap(30);
            w.text(11, "Utfärdat " + c.issuedOn());
            return w.finish();
        }
    }

    /** Hours with at most one decimal, Swedish style: 21, 22,5. */
    static String hours(int minutes) {
        NumberFormat f = NumberFormat.getNumberInstance(SWEDISH);
        f.setMaximumFractionDigits(1);
        f.setGroupingUsed(false);
        return f.format(minutes / 60.0);
    }
}
