package dev.recur.series;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.commons.csv.DuplicateHeaderMode;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Reads a time-series CSV with Apache Commons CSV: a header row, comma or semicolon delimited (detected
 * from the header line unless given), quoted fields, blank lines skipped. Only the requested columns are
 * parsed as numbers; the optional time column is kept as text in file order. With a semicolon delimiter a
 * decimal comma ({@code 3,14}) is read as a decimal point, as spreadsheets in many locales write it.
 *
 * <p>Rows are counted from 1 for the first data row; messages also give the file line (the header is line 1).
 */
public final class SeriesCsv {
    private SeriesCsv() {}

    /**
     * @param delimiter    ',' or ';' (or any single char); null = detect from the header line
     * @param timeColumn   column kept as text, never a feature; null = none
     * @param columns      columns to read as numbers (targets and features), in the order wanted
     * @param fill         what to do with missing values
     */
    public record Options(Character delimiter, String timeColumn, List<String> columns, MissingFill fill) {
        public Options {
            columns = List.copyOf(columns);
            if (columns.isEmpty()) throw new IllegalArgumentException("no columns to read");
            if (fill == null) fill = MissingFill.NONE;
            if (new LinkedHashSet<>(columns).size() != columns.size())
                throw new IllegalArgumentException("a column is named twice in " + columns);
            if (timeColumn != null && columns.contains(timeColumn))
                throw new IllegalArgumentException("time column '" + timeColumn + "' cannot also be a target or feature");
        }
    }

    private static final Set<String> MISSING = Set.of("", "na", "n/a", "nan", "null");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern DECIMAL_COMMA = Pattern.compile("[+-]?\\d+,\\d+([eE][+-]?\\d+)?");

    public static SeriesTable read(Path file, Options options) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new NoSuchFileException(file + ": no such file");
        } catch (java.nio.charset.MalformedInputException e) {
            throw new IOException(file + ": not UTF-8 text");
        }
        return parse(file.toString(), text, options);
    }

    /** Parses CSV text; {@code source} names it in messages. */
    public static SeriesTable parse(String source, String text, Options options) throws IOException {
        if (text.startsWith("\uFEFF")) text = text.substring(1);
        char delimiter = options.delimiter() != null ? options.delimiter() : detectDelimiter(text);
        CSVFormat format = CSVFormat.RFC4180.builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .setIgnoreSurroundingSpaces(true)
                .setDuplicateHeaderMode(DuplicateHeaderMode.DISALLOW)
                .get();
        List<String> wanted = options.columns();
        int n = wanted.size();
        List<double[]> rows = new ArrayList<>();
        List<String> times = options.timeColumn() == null ? null : new ArrayList<>();
        Missing firstMissing = null;
        int missing = 0;
        try (CSVParser parser = CSVParser.parse(new StringReader(text), format)) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) throw new IOException(source + ": empty file, expected a header row");
            int[] index = new int[n];
            for (int c = 0; c < n; c++) index[c] = headerIndex(source, header, wanted.get(c), delimiter);
            int timeIndex = options.timeColumn() == null ? -1 : headerIndex(source, header, options.timeColumn(), delimiter);
            int[] lineStarts = lineStarts(text);
            for (CSVRecord rec : parser) {
                long recordLine = lineOf(lineStarts, skipLineBreaks(text, rec.getCharacterPosition()));
                int row = rows.size() + 1;
                if (rec.size() != header.size()) {
                    throw new IOException(source + ": row " + row + " (line " + recordLine + ") has " + rec.size()
                            + " fields, the header has " + header.size());
                }
                double[] v = new double[n];
                for (int c = 0; c < n; c++) {
                    String s = rec.get(index[c]).trim();
                    if (MISSING.contains(s.toLowerCase(Locale.ROOT))) {
                        v[c] = Double.NaN;
                        if (missing++ == 0) firstMissing = new Missing(row, recordLine, wanted.get(c), s);
                        continue;
                    }
                    v[c] = number(s, delimiter);
                    if (Double.isNaN(v[c])) {
                        throw new IOException(source + ": row " + row + " (line " + recordLine + "), column '" + wanted.get(c)
                                + "': '" + shorten(s) + "' is not a number");
                    }
                }
                rows.add(v);
                if (times != null) times.add(rec.get(timeIndex).trim());
            }
        } catch (UncheckedIOException e) { // Commons CSV wraps parse errors met while iterating
            throw new IOException(source + ": malformed CSV: " + e.getCause().getMessage(), e);
        } catch (IllegalArgumentException | IllegalStateException e) { // duplicate or blank header names
            throw new IOException(source + ": bad header: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) throw new IOException(source + ": no data rows after the header");
        if (missing > 0 && options.fill() == MissingFill.NONE) {
            Missing m = firstMissing;
            String what = m.text().isEmpty() ? "empty value" : "missing value '" + m.text() + "'";
            throw new IOException(source + ": row " + m.row() + " (line " + m.line() + "), column '" + m.column() + "': " + what
                    + (missing > 1 ? " (" + missing + " missing values in all)" : "")
                    + "; use --fill forward or --fill linear to fill gaps");
        }
        double[][] values = new double[n][rows.size()];
        for (int t = 0; t < rows.size(); t++) for (int c = 0; c < n; c++) values[c][t] = rows.get(t)[c];
        for (int c = 0; c < n; c++) {
            try {
                options.fill().fill(values[c]);
            } catch (IllegalArgumentException e) {
                throw new IOException(source + ": column '" + wanted.get(c) + "' has no values at all");
            }
        }
        if (times != null) checkTimeOrder(source, options.timeColumn(), times);
        return new SeriesTable(source, wanted, values, times, missing);
    }

    /** {@code --delimiter}: a single character, or comma, semicolon, tab. */
    public static char parseDelimiter(String s) {
        return switch (s.toLowerCase(Locale.ROOT)) {
            case "comma" -> ',';
            case "semicolon" -> ';';
            case "tab", "\\t" -> '\t';
            default -> {
                if (s.length() != 1 || s.charAt(0) == '"' || s.charAt(0) == '\n' || s.charAt(0) == '\r')
                    throw new IllegalArgumentException("--delimiter must be one character (or comma, semicolon, tab), got '" + s + "'");
                yield s.charAt(0);
            }
        };
    }

    /** ';' when the header line has more semicolons than commas outside quotes, else ','. */
    static char detectDelimiter(String text) {
        int commas = 0, semis = 0;
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (ch == '"') quoted = !quoted;
            else if (!quoted && (ch == '\n' || ch == '\r')) {
                if (commas + semis > 0) break; // the header line (skip leading blank lines)
            } else if (!quoted && ch == ',') commas++;
            else if (!quoted && ch == ';') semis++;
        }
        return semis > commas ? ';' : ',';
    }

    /** The value, or NaN when it is not a plain finite decimal number. */
    static double number(String s, char delimiter) {
        if (NUMBER.matcher(s).matches()) return Double.parseDouble(s);
        if (delimiter == ';' && DECIMAL_COMMA.matcher(s).matches()) return Double.parseDouble(s.replace(',', '.'));
        return Double.NaN;
    }

    private static int headerIndex(String source, List<String> header, String name, char delimiter) throws IOException {
        int i = header.indexOf(name);
        if (i >= 0) return i;
        String hint = header.size() == 1 && header.getFirst().indexOf(delimiter == ',' ? ';' : ',') >= 0
                ? " (is the delimiter right? try --delimiter '" + (delimiter == ',' ? ';' : ',') + "')" : "";
        throw new IOException(source + ": no column '" + name + "'; the header has " + String.join(", ", header) + hint);
    }

    /** Offsets where each line starts ('\n' ends a line, so CRLF files count the same). */
    private static int[] lineStarts(String text) {
        int count = 1;
        for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') count++;
        int[] starts = new int[count];
        for (int i = 0, k = 1; i < text.length(); i++) if (text.charAt(i) == '\n') starts[k++] = i + 1;
        return starts;
    }

    /** A record's position includes the blank lines skipped before it. */
    private static long skipLineBreaks(String text, long pos) {
        while (pos < text.length() && (text.charAt((int) pos) == '\n' || text.charAt((int) pos) == '\r')) pos++;
        return pos;
    }

    /** 1-based line holding character {@code offset}. */
    private static long lineOf(int[] starts, long offset) {
        int i = Arrays.binarySearch(starts, (int) offset);
        return i >= 0 ? i + 1 : -i - 1;
    }

    private static String shorten(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }

    /**
     * When every time value reads as a number or an ISO-8601 date/date-time, they must not go backwards:
     * windows assume rows are in time order. Free-form time text is kept unchecked.
     */
    private static void checkTimeOrder(String source, String column, List<String> times) throws IOException {
        List<Function<String, Comparable<?>>> parsers = List.of(
                s -> NUMBER.matcher(s).matches() ? Double.valueOf(s) : null,
                LocalDate::parse, LocalDateTime::parse, s -> OffsetDateTime.parse(s).toInstant(), Instant::parse);
        for (Function<String, Comparable<?>> p : parsers) {
            Comparable<?>[] keys = new Comparable<?>[times.size()];
            boolean all = true;
            for (int t = 0; t < keys.length && all; t++) {
                try {
                    keys[t] = p.apply(times.get(t));
                } catch (RuntimeException e) {
                    keys[t] = null;
                }
                all = keys[t] != null;
            }
            if (!all) continue;
            for (int t = 1; t < keys.length; t++) {
                if (compare(keys[t], keys[t - 1]) < 0) {
                    throw new IOException(source + ": row " + (t + 1) + ", time column '" + column + "' goes backwards ("
                            + times.get(t) + " after " + times.get(t - 1) + "); rows must be in time order");
                }
            }
            return;
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static int compare(Comparable a, Comparable b) { return a.compareTo(b); }

    private record Missing(int row, long line, String column, String text) {}
}
