package se.bredvid.recruiting;

import se.bredvid.platform.Redacted;
import jakarta.inject.Singleton;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.common.PDRectangle;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.pdmodel.font.PDType0Font;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.Normalizer;
import java.text.NumberFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Renders a training certificate (utbildningsintyg) as a one-page A4 PDF. The text is in Swedish, the
 * language of the organisations; dates in ISO form. DejaVu Sans is embedded as a subset, so a name in any
 * Latin, Greek or Cyrillic script prints as written; a character the font lacks is written without its
 * accent, or as '?', rather than failing. (Right-to-left scripts would need shaping that PDFBox does not do.)
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
    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";

    byte[] render(Certificate c) {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            PDFont regular = font(doc, "DejaVuSans.ttf");
            PDFont bold = font(doc, "DejaVuSans-Bold.ttf");
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle("Utbildningsintyg");
            info.setProducer("Bredvid");
            doc.setDocumentInformation(info);
            PDPage page = new PDPage(PDRectangle.A4);
            doc.addPage(page);
            float width = page.getMediaBox().getWidth() - 2 * MARGIN;
            try (PDPageContentStream text = new PDPageContentStream(doc, page)) {
                Writer w = new Writer(text, page.getMediaBox().getHeight() - MARGIN - 20, width);
                w.line(bold, 24, "Utbildningsintyg");
                w.gap(8);
                w.line(regular, 11, "Kontaktperson med kunskap om hedersrelaterat våld och förtryck");
                w.gap(24);
                w.line(bold, 18, c.name());
                w.gap(10);
                w.paragraph(regular, 12, "har genomgått kontaktpersonsutbildningen"
                        + (c.organisation().isBlank() ? "" : " hos " + c.organisation()) + ".");
                w.gap(6);
                w.paragraph(regular, 12, "Omfattning: " + hours(c.minutes()) + " timmar vid " + c.sessions()
                        + " utbildningstillfällen.");
                if (c.completedOn() != null) {
                    w.paragraph(regular, 12, "Utbildningen slutfördes " + c.completedOn() + ".");
                }
                w.gap(18);
                w.line(bold, 13, "Teman");
                w.gap(4);
                for (TrainingService.ThemeRecord t : c.themes()) {
                    w.paragraph(regular, 11, "•  " + t.title() + " (" + t.attendedOn() + ")");
                }
                w.gap(30);
                w.line(regular, 11, "Utfärdat " + c.issuedOn());
            }
            doc.save(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("certificate rendering failed", e);
        }
    }

    /** Hours with at most one decimal, Swedish style: 21, 22,5. */
    static String hours(int minutes) {
        NumberFormat f = NumberFormat.getNumberInstance(SWEDISH);
        f.setMaximumFractionDigits(1);
        f.setGroupingUsed(false);
        return f.format(minutes / 60.0);
    }

    /** Lays out lines top-down and wraps paragraphs to the page width. */
    private static final class Writer {
        private final PDPageContentStream out;
        private final float width;
        private float y;

        Writer(PDPageContentStream out, float top, float width) {
            this.out = out;
            this.y = top;
            this.width = width;
        }

        void gap(float points) {
            y -= points;
        }

        void line(PDFont font, float size, String s) throws IOException {
            y -= size * 1.3f;
            out.beginText();
            out.setFont(font, size);
            out.newLineAtOffset(MARGIN, y);
            out.showText(printable(font, s));
            out.endText();
        }

        void paragraph(PDFont font, float size, String s) throws IOException {
            for (String l : wrap(font, size, printable(font, s))) {
                line(font, size, l);
            }
        }

        private List<String> wrap(PDFont font, float size, String s) throws IOException {
            List<String> lines = new ArrayList<>();
            StringBuilder current = new StringBuilder();
            for (String word : s.split(" ")) {
                String candidate = current.isEmpty() ? word : current + " " + word;
                if (!current.isEmpty() && font.getStringWidth(candidate) / 1000 * size > width) {
                    lines.add(current.toString());
                    current = new StringBuilder(word);
                } else {
                    current = new StringBuilder(candidate);
                }
            }
            lines.add(current.toString());
            return lines;
        }
    }

    /** The text with every character the font can encode; others lose their accent, or become '?'. */
    static String printable(PDFont font, String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (Character.isISOControl(cp)) {
                b.append(' ');
            } else if (encodable(font, ch)) {
                b.append(ch);
            } else {
                String base = Normalizer.normalize(ch, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
                b.append(!base.isEmpty() && encodable(font, base) ? base : "?");
            }
        });
        return b.toString();
    }

    private static PDFont font(PDDocument doc, String file) throws IOException {
        try (var in = CertificateRenderer.class.getResourceAsStream(FONTS + file)) {
            if (in == null) {
                throw new IllegalStateException("font missing from the class path: " + file);
            }
            return PDType0Font.load(doc, in, true);
        }
    }

    private static boolean encodable(PDFont font, String s) {
        try {
            font.encode(s);
            return true;
        } catch (IOException | IllegalArgumentException e) {
            return false;
        }
    }
}
