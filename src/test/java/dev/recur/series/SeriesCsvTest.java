package dev.recur.series;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SeriesCsvTest {

    private static SeriesCsv.Options opts(String time, MissingFill fill, String... cols) {
        return new SeriesCsv.Options(null, time, List.of(cols), fill);
    }

    private static String fails(String csv, SeriesCsv.Options o) {
        return assertThrows(IOException.class, () -> SeriesCsv.parse("d.csv", csv, o)).getMessage();
    }

    @Test void commaWithQuotedFieldsAndTimeColumn() throws IOException {
        String csv = """
                date,"temp, C",note,rain
                2024-01-01,"1.5","cold, dry",0
                2024-01-02, -2e1 ,"said \"\"hi\"\"",3
                2024-01-03,.25,x,4.
                """;
        SeriesTable t = SeriesCsv.parse("d.csv", csv, opts("date", MissingFill.NONE, "temp, C", "rain"));
        assertEquals(List.of("temp, C", "rain"), t.columns());
        assertArrayEquals(new double[] {1.5, -20, 0.25}, t.column("temp, C"));
        assertArrayEquals(new double[] {0, 3, 4}, t.column("rain"));
        assertEquals(List.of("2024-01-01", "2024-01-02", "2024-01-03"), t.times());
        assertEquals(3, t.rows());
    }

    @Test void semicolonDetectedWithDecimalComma() throws IOException {
        String csv = "\uFEFFtime;a;b\r\n1;1,5;2\r\n2;\"3,25\";-4\r\n";
        SeriesTable t = SeriesCsv.parse("d.csv", csv, opts("time", MissingFill.NONE, "b", "a"));
        assertArrayEquals(new double[] {1.5, 3.25}, t.column("a"));
        assertArrayEquals(new double[] {2, -4}, t.column("b"));
        assertEquals(List.of("b", "a"), t.columns());
    }

    @Test void explicitDelimiterOverridesDetection() throws IOException {
        // The header alone would suggest ',' (two commas inside one column name are quoted, but "x,y" is not).
        String csv = "a;b,c,d\n1;2\n";
        SeriesTable t = SeriesCsv.parse("d.csv", csv, new SeriesCsv.Options(';', null, List.of("a", "b,c,d"), null));
        assertArrayEquals(new double[] {2}, t.column("b,c,d"));
        assertEquals(',', SeriesCsv.detectDelimiter(csv));
        assertEquals(';', SeriesCsv.detectDelimiter("\n\"a,b,c\";d;e\n1,2,3\n"));
    }

    @Test void unknownColumnNamesTheHeaderAndHintsAtTheDelimiter() {
        String m = fails("a,b\n1,2\n", opts(null, null, "c"));
        assertEquals("d.csv: no column 'c'; the header has a, b", m);
        m = fails("a;b\n1;2\n", new SeriesCsv.Options(',', null, List.of("a"), null));
        assertTrue(m.contains("no column 'a'") && m.contains("--delimiter ';'"), m);
    }

    @Test void missingValuesAreReportedWithRowLineAndColumn() {
        for (String token : new String[] {"", "NA", "NaN", "null", "nan", "N/A"}) {
            String m = fails("a,b\n1,2\n3," + token + "\n5,6\n", opts(null, null, "a", "b"));
            String what = token.isEmpty() ? "empty value" : "missing value '" + token + "'";
            assertEquals("d.csv: row 2 (line 3), column 'b': " + what + "; use --fill forward or --fill linear to fill gaps", m);
        }
        String m = fails("a,b\n\n1,NA\n\nNA,\n5,6\n", opts(null, null, "a", "b"));
        assertTrue(m.startsWith("d.csv: row 1 (line 3), column 'b': missing value 'NA' (3 missing values in all)"), m);
    }

    @Test void missingValuesInUnusedColumnsAreIgnored() throws IOException {
        SeriesTable t = SeriesCsv.parse("d.csv", "a,b\n1,\n2,NA\n", opts(null, null, "a"));
        assertArrayEquals(new double[] {1, 2}, t.column("a"));
    }

    @Test void forwardAndLinearFill() throws IOException {
        String csv = "a,b\nNA,1\n2,NA\nNA,NA\nNA,4\n8,5\nNA,NA\n";
        SeriesTable f = SeriesCsv.parse("d.csv", csv, opts(null, MissingFill.FORWARD, "a", "b"));
        assertArrayEquals(new double[] {2, 2, 2, 2, 8, 8}, f.column("a"));
        assertArrayEquals(new double[] {1, 1, 1, 4, 5, 5}, f.column("b"));
        assertEquals(7, f.filled());
        SeriesTable l = SeriesCsv.parse("d.csv", csv, opts(null, MissingFill.LINEAR, "a", "b"));
        assertArrayEquals(new double[] {2, 2, 4, 6, 8, 8}, l.column("a"), 1e-12);
        assertArrayEquals(new double[] {1, 2, 3, 4, 5, 5}, l.column("b"), 1e-12);
        assertEquals("d.csv: column 'a' has no values at all",
                fails("a\nNA\n\"\"\n", opts(null, MissingFill.LINEAR, "a")));
    }

    @Test void nonNumericValueIsOneLineNamingRowAndColumn() throws IOException {
        assertEquals("d.csv: row 3 (line 4), column 'b': 'twelve' is not a number",
                fails("a,b\n1,2\n3,4\n5,twelve\n", opts(null, null, "a", "b")));
        assertEquals("d.csv: row 1 (line 2), column 'a': 'Infinity' is not a number", fails("a\nInfinity\n", opts(null, null, "a")));
        assertEquals("d.csv: row 1 (line 2), column 'a': '1f' is not a number", fails("a\n1f\n", opts(null, null, "a")));
        // a decimal comma only makes sense when ',' is not the delimiter
        assertEquals("d.csv: row 1 (line 2), column 'a': '1,5' is not a number", fails("a,b\n\"1,5\",2\n", opts(null, null, "a")));
        // text in an unused column is fine
        assertArrayEquals(new double[] {1}, SeriesCsv.parse("d.csv", "a,b\n1,x\n", opts(null, null, "a")).column("a"));
    }

    @Test void lineNumbersCountBlankLinesAndMultilineQuotes() {
        String csv = "a,note\n1,\"two\nlines\"\n\n\n2,ok\nbad,x\n";
        assertEquals("d.csv: row 3 (line 7), column 'a': 'bad' is not a number", fails(csv, opts(null, null, "a")));
    }

    @Test void badShapesAndHeaders() {
        assertEquals("d.csv: row 2 (line 3) has 3 fields, the header has 2", fails("a,b\n1,2\n3,4,5\n", opts(null, null, "a")));
        assertEquals("d.csv: no data rows after the header", fails("a,b\n", opts(null, null, "a")));
        assertTrue(fails("", opts(null, null, "a")).startsWith("d.csv: "));
        assertTrue(fails("a,a\n1,2\n", opts(null, null, "a")).startsWith("d.csv: bad header"));
        assertTrue(fails("a\n\"1\n", opts(null, null, "a")).startsWith("d.csv: "));
    }

    @Test void timeColumnMustNotGoBackwards() throws IOException {
        assertEquals("d.csv: row 3, time column 'date' goes backwards (2024-01-01 after 2024-01-05); rows must be in time order",
                fails("date,a\n2024-01-02,1\n2024-01-05,2\n2024-01-01,3\n", opts("date", null, "a")));
        assertTrue(fails("t,a\n1,1\n10,2\n9.5,3\n", opts("t", null, "a")).contains("goes backwards (9.5 after 10)"));
        // free-form time text is kept as it is
        SeriesTable t = SeriesCsv.parse("d.csv", "t,a\nMonday,1\nFriday,2\n", opts("t", null, "a"));
        assertEquals(List.of("Monday", "Friday"), t.times());
        assertThrows(IllegalArgumentException.class, () -> opts("a", null, "a"));
    }

    @Test void readsFilesAndNamesMissingOnes(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("x.csv");
        Files.writeString(f, "v\n1\n2\n");
        assertEquals(f.toString(), SeriesCsv.read(f, opts(null, null, "v")).source());
        IOException e = assertThrows(IOException.class, () -> SeriesCsv.read(dir.resolve("nope.csv"), opts(null, null, "v")));
        assertEquals(dir.resolve("nope.csv") + ": no such file", e.getMessage());
    }
}
