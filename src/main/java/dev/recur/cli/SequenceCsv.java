package dev.recur.cli;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One sequence as CSV: a row per time step, a column per input feature. A first row in which no cell is
 * a number is taken as a header. Every other cell must be a finite number and every row as wide as the
 * first; problems are reported with the file, line and column.
 */
final class SequenceCsv {
    private SequenceCsv() {}

    /** The steps as rows of {@code columns} values; {@code columns} ≤ 0 accepts any (consistent) width. */
    static float[][] read(Path file, int columns) throws IOException {
        List<float[]> rows = new ArrayList<>();
        int width = columns;
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8);
             CSVParser parser = CSVFormat.DEFAULT.builder().setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get().parse(r)) {
            boolean first = true;
            for (CSVRecord rec : parser) {
                long line = parser.getCurrentLineNumber();
                if (first && isHeader(rec)) { first = false; continue; }
                first = false;
                if (rec.size() == 1 && rec.get(0).isEmpty()) continue;
                if (width <= 0) width = rec.size();
                if (rec.size() != width) {
                    throw new IOException(file + ": line " + line + " has " + rec.size() + " columns, expected " + width
                            + (columns > 0 ? " (the model's input size)" : ""));
                }
                float[] row = new float[width];
                for (int c = 0; c < width; c++) row[c] = parse(file, line, c, rec.get(c));
                rows.add(row);
            }
        } catch (NoSuchFileException e) {
            throw new IOException(file + ": file not found");
        } catch (UncheckedIOException e) {
            throw new IOException(file + ": not readable as CSV: " + e.getCause().getMessage(), e);
        } catch (IllegalStateException e) {
            throw new IOException(file + ": not readable as CSV: " + e.getMessage(), e);
        }
        if (rows.isEmpty()) throw new IOException(file + ": no data rows");
        return rows.toArray(float[][]::new);
    }

    private static boolean isHeader(CSVRecord rec) {
        for (String cell : rec) if (isNumber(cell)) return false;
        return true;
    }

    private static boolean isNumber(String s) {
        try {
            Double.parseDouble(s);
            return !s.isEmpty();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static float parse(Path file, long line, int column, String cell) throws IOException {
        double v;
        try {
            v = Double.parseDouble(cell);
        } catch (NumberFormatException e) {
            throw new IOException(file + ": line " + line + ", column " + (column + 1) + ": '" + cell + "' is not a number");
        }
        if (!Double.isFinite(v) || Math.abs(v) > Float.MAX_VALUE) {
            throw new IOException(file + ": line " + line + ", column " + (column + 1) + ": " + cell + " is not a finite number");
        }
        return (float) v;
    }
}
