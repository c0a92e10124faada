package se.bredvid.platform;

import java.util.List;

/**
 * CSV for spreadsheets (RFC 4180, CRLF, every cell quoted). A cell that a spreadsheet would read as a
 * formula (starting with = + - @, tab or carriage return) is prefixed with an apostrophe, so an applicant
 * who types {@code =HYPERLINK(...)} as their name cannot run anything on a coordinator's machine (OWASP
 * "CSV injection").
 */
public final class Csv {

    /** Byte order mark: lets spreadsheet programs read UTF-8 (å, ä, ö) correctly. */
    public static final String BOM = "\uFEFF";

    private Csv() {
    }

    public static String cell(String value) {
        if (value == null) {
            return "\"\"";
        }
        String v = value;
        if (!v.isEmpty() && "=+-@\t\r".indexOf(v.charAt(0)) >= 0) {
            v = "'" + v;
        }
        return '"' + v.replace("\"", "\"\"") + '"';
    }

    public static String row(List<String> cells) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                b.append(',');
            }
            b.append(cell(cells.get(i)));
        }
        return b.append("\r\n").toString();
    }
}
