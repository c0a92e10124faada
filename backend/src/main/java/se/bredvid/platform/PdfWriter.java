package se.bredvid.platform;

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
import java.util.ArrayList;
import java.util.List;

/**
 * A plain A4 text document of as many pages as it needs: headings, wrapped paragraphs and gaps, top-down. DejaVu
 * Sans is embedded as a subset (the same font as the training certificate), so text in any Latin, Greek or
 * Cyrillic script prints as written; a character the font lacks loses its accent or becomes '?', rather than
 * failing. (Right-to-left scripts would need shaping that PDFBox does not do.) Use once: {@link #finish()}.
 */
public final class PdfWriter implements AutoCloseable {

    private static final String FONTS = "/net/sf/jasperreports/fonts/dejavu/";

    private final PDDocument doc = new PDDocument();
    private final PDFont regular;
    private final PDFont bold;
    private final float margin;
    private final float width;
    private PDPageContentStream out;
    private float y;

    /** A document with 56 pt margins. */
    public PdfWriter(String title) {
        this(title, 56);
    }

    public PdfWriter(String title, float margin) {
        this.margin = margin;
        try {
            regular = font(doc, "DejaVuSans.ttf");
            bold = font(doc, "DejaVuSans-Bold.ttf");
            PDDocumentInformation info = new PDDocumentInformation();
            info.setTitle(title);
            info.setProducer("Bredvid");
            doc.setDocumentInformation(info);
            width = PDRectangle.A4.getWidth() - 2 * margin;
            newPage();
        } catch (IOException e) {
            throw new UncheckedIOException("pdf set-up failed", e);
        }
    }

    /** A heading: some space, then bold text of the given size. */
    public PdfWriter heading(float size, String s) {
        gap(size * 0.6f);
        return bold(size, s);
    }

    /** Bold text, wrapped to the page width. */
    public PdfWriter bold(float size, String s) {
        return paragraph(bold, size, s);
    }

    /** Regular text, wrapped to the page width. */
    public PdfWriter text(float size, String s) {
        return paragraph(regular, size, s);
    }

    /** "Term: value" as one wrapped paragraph; nothing when the value is empty. */
    public PdfWriter fact(String term, String value) {
        if (value == null || value.isBlank()) {
            return this;
        }
        return paragraph(regular, 10, term + ": " + value);
    }

    public PdfWriter gap(float points) {
        y -= points;
        return this;
    }

    /** The finished document. */
    public byte[] finish() {
        try (ByteArrayOutputStream bytes = new ByteArrayOutputStream()) {
            out.close();
            doc.save(bytes);
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("pdf rendering failed", e);
        }
    }

    @Override
    public void close() {
        try {
            doc.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private PdfWriter paragraph(PDFont font, float size, String s) {
        try {
            for (String paragraph : printable(font, s == null ? "" : s).split("\n", -1)) {
                for (String l : wrap(font, size, paragraph)) {
                    line(font, size, l);
                }
            }
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("pdf rendering failed", e);
        }
    }

    private void line(PDFont font, float size, String s) throws IOException {
        float height = size * 1.35f;
        if (y - height < margin) {
            newPage();
        }
        y -= height;
        out.beginText();
        out.setFont(font, size);
        out.newLineAtOffset(margin, y);
        out.showText(s);
        out.endText();
    }

    private void newPage() throws IOException {
        if (out != null) {
            out.close();
        }
        PDPage page = new PDPage(PDRectangle.A4);
        doc.addPage(page);
        out = new PDPageContentStream(doc, page);
        y = page.getMediaBox().getHeight() - margin;
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

    /** The text with every character the font can encode (line breaks kept); others lose their accent, or become '?'. */
    static String printable(PDFont font, String s) {
        StringBuilder b = new StringBuilder();
        s.codePoints().forEach(cp -> {
            String ch = new String(Character.toChars(cp));
            if (cp == '\n') {
                b.append('\n');
            } else if (Character.isISOControl(cp)) {
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
        try (var in = PdfWriter.class.getResourceAsStream(FONTS + file)) {
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
