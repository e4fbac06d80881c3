package dev.recur.files;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Reader;
import java.util.List;

/**
 * CSV text the one way (RFC 4180 through Commons CSV, {@code \n} line ends): a field is quoted only when it must
 * be (a comma, quote or line break in it), so plain labels and numbers stay as they are.
 */
public final class CsvText {
    private CsvText() {}

    private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();

    /** One record, with its line end. */
    public static String row(Object... values) {
        try {
            StringBuilder sb = new StringBuilder();
            FORMAT.printRecord(sb, values);
            return sb.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // a StringBuilder does not fail
        }
    }

    /** One field as it stands in a record (quoted when it must be). */
    public static String field(Object value) {
        String r = row(value);
        return r.substring(0, r.length() - 1);
    }

    /** The records of CSV text with a header row; fields by header name. */
    public static List<CSVRecord> read(Reader in) throws IOException {
        try (CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in)) {
            return p.getRecords();
        }
    }
}
