package se.bredvid.platform;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class CsvTest {

    @Test
    void cellsThatASpreadsheetWouldRunAsAFormulaArePrefixedWithAnApostrophe() {
        assertEquals("\"'=HYPERLINK(\"\"http://x\"\")\"", Csv.cell("=HYPERLINK(\"http://x\")"));
        assertEquals("\"'+46 70 123 45 67\"", Csv.cell("+46 70 123 45 67"));
        assertEquals("\"'-2+3\"", Csv.cell("-2+3"));
        assertEquals("\"'@SUM(A1)\"", Csv.cell("@SUM(A1)"));
        assertEquals("\"'\t=1\"", Csv.cell("\t=1"));
        assertEquals("\"'\r=1\"", Csv.cell("\r=1"));
    }

    @Test
    void ordinaryCellsAreQuotedUnchanged() {
        assertEquals("\"Åsa Öberg\"", Csv.cell("Åsa Öberg"));
        assertEquals("\"a=b\"", Csv.cell("a=b"));
        assertEquals("\"\"", Csv.cell(""));
        assertEquals("\"\"", Csv.cell(null));
    }

    @Test
    void quotesCommasAndLineBreaksStayInsideTheirCell() {
        assertEquals("\"a \"\"b\"\", c\nd\"", Csv.cell("a \"b\", c\nd"));
    }

    @Test
    void aRowEndsWithCrLf() {
        assertEquals("\"a\",\"\",\"c\"\r\n", Csv.row(Arrays.asList("a", null, "c")));
        assertEquals("\"x\"\r\n", Csv.row(List.of("x")));
    }
}
