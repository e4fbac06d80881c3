package dev.recur.data;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.Flushable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Features as CSV for people and other tools: one row per frame, columns {@code file, segment, frame,
 * mfcc_0..mfcc_{n-1}} (then {@code delta_0..} with deltas). Floats are written in Java's shortest exact
 * form, so reading gives back the same values.
 */
public final class FeatureCsv {
    private FeatureCsv() {}

    public static List<String> header(int coefficients, boolean deltas) {
        List<String> h = new ArrayList<>(List.of("file", "segment", "frame"));
        for (int i = 0; i < coefficients; i++) h.add("mfcc_" + i);
        if (deltas) for (int i = 0; i < coefficients; i++) h.add("delta_" + i);
        return h;
    }

    // CSVFormat.printRecord rather than CSVPrinter: CSVPrinter's class file carries a SpotBugs annotation
    // that javac's -Xlint (with -Werror) reports as missing.

    /**
     * Streams rows (UTF-8, buffered) to an output stream; where the bytes land, and whether atomically, is
     * the caller's choice (the CLI streams into {@code files.AtomicFiles.open}). {@link #close} flushes and
     * closes the stream.
     */
    public static final class Writer implements Closeable, Flushable {
        private static final CSVFormat FORMAT = CSVFormat.DEFAULT.builder().setRecordSeparator('\n').get();
        private final BufferedWriter writer;
        private final int width;

        public Writer(OutputStream out, int coefficients, boolean deltas) throws IOException {
            List<String> h = header(coefficients, deltas);
            this.width = h.size() - 3;
            this.writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
            FORMAT.printRecord(writer, h.toArray());
        }

        public void write(TrackFeatures f) throws IOException {
            float[][][] segs = f.segments();
            Object[] row = new Object[3 + width];
            for (int s = 0; s < segs.length; s++) {
                for (int t = 0; t < segs[s].length; t++) {
                    float[] v = segs[s][t];
                    if (v.length != width) throw new IllegalArgumentException(f.file() + ": frame has " + v.length + " values, CSV has " + width + " columns");
                    row[0] = f.file();
                    row[1] = s;
                    row[2] = t;
                    for (int d = 0; d < width; d++) row[3 + d] = Float.toString(v[d]);
                    FORMAT.printRecord(writer, row);
                }
            }
        }

        @Override public void flush() throws IOException { writer.flush(); }

        @Override public void close() throws IOException { writer.close(); }
    }

    /** Reads a feature CSV back into one {@link TrackFeatures} per file, in order of first appearance (seconds unknown: 0). */
    public static List<TrackFeatures> read(Path csv) throws IOException {
        Map<String, List<List<float[]>>> byFile = new LinkedHashMap<>();
        try (Reader r = Files.newBufferedReader(csv, StandardCharsets.UTF_8);
             CSVParser p = CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(r)) {
            List<String> names = p.getHeaderNames();
            if (names.size() < 4 || !names.subList(0, 3).equals(List.of("file", "segment", "frame"))) {
                throw new IOException(csv + ": not a feature CSV (header must start file,segment,frame)");
            }
            int width = names.size() - 3;
            for (CSVRecord rec : p) {
                try {
                    List<List<float[]>> segs = byFile.computeIfAbsent(rec.get(0), k -> new ArrayList<>());
                    int s = Integer.parseInt(rec.get(1)), t = Integer.parseInt(rec.get(2));
                    while (segs.size() <= s) segs.add(new ArrayList<>());
                    List<float[]> frames = segs.get(s);
                    if (t != frames.size()) throw new IOException("frame " + t + " out of order");
                    float[] v = new float[width];
                    for (int d = 0; d < width; d++) v[d] = Float.parseFloat(rec.get(3 + d));
                    frames.add(v);
                } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                    throw new IOException(csv + ": line " + rec.getRecordNumber() + ": " + e.getMessage());
                } catch (IOException e) {
                    throw new IOException(csv + ": line " + rec.getRecordNumber() + ": " + e.getMessage());
                }
            }
        }
        List<TrackFeatures> out = new ArrayList<>();
        for (Map.Entry<String, List<List<float[]>>> e : byFile.entrySet()) {
            float[][][] segs = new float[e.getValue().size()][][];
            for (int s = 0; s < segs.length; s++) segs[s] = e.getValue().get(s).toArray(new float[0][]);
            out.add(new TrackFeatures(e.getKey(), 0, segs));
        }
        return out;
    }
}
