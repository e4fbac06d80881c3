package dev.recur.cli;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.recur.app.genre.GenreClassifier;
import dev.recur.files.CsvText;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code classify}'s output, written file by file as the predictions come (and flushed), so a run over a large
 * library shows its results at once and an interrupted one keeps what it had classified: text lines, CSV rows
 * under a header, or one JSON array whose elements are written one at a time.
 */
abstract class PredictionOutput {
    enum Format { text, csv, json }

    final PrintStream out;
    final int top;

    private PredictionOutput(PrintStream out, int top) {
        this.out = out;
        this.top = top;
    }

    static PredictionOutput of(Format format, int top, PrintStream out) {
        return switch (format) {
            case text -> new Text(out, top);
            case csv -> new Csv(out, top);
            case json -> new Json(out, top);
        };
    }

    /** Before the first prediction (a header, an opening bracket). */
    void begin() throws IOException {}

    /** One file's prediction, flushed. */
    abstract void add(GenreClassifier.Prediction p) throws IOException;

    /** After the last prediction. */
    void end() throws IOException {}

    private static final class Text extends PredictionOutput {
        Text(PrintStream out, int top) { super(out, top); }

        @Override void add(GenreClassifier.Prediction p) {
            StringBuilder sb = new StringBuilder();
            for (var e : p.top(top)) sb.append(sb.isEmpty() ? "" : ", ").append(String.format(Locale.ROOT, "%s %.3f", e.getKey(), e.getValue()));
            out.printf(Locale.ROOT, "%s\t%s\t%.3f\t(%s)%n", p.file(), p.label(), p.probabilities()[p.best()], sb);
            out.flush();
        }
    }

    private static final class Csv extends PredictionOutput {
        Csv(PrintStream out, int top) { super(out, top); }

        @Override void begin() {
            out.println("file,segments,label,probability,top");
            out.flush();
        }

        @Override void add(GenreClassifier.Prediction p) {
            StringBuilder sb = new StringBuilder();
            for (var e : p.top(top)) sb.append(sb.isEmpty() ? "" : ";").append(String.format(Locale.ROOT, "%s:%.4f", e.getKey(), e.getValue()));
            out.print(CsvText.row(p.file(), p.segments(), p.label(), String.format(Locale.ROOT, "%.4f", p.probabilities()[p.best()]), sb));
            out.flush();
        }
    }

    /** The array Jackson's indenting printer would write for the whole list, element by element. */
    private static final class Json extends PredictionOutput {
        private static final ObjectMapper JSON = new ObjectMapper();
        private final JsonGenerator gen;

        Json(PrintStream out, int top) {
            super(out, top);
            try {
                gen = JSON.getFactory().createGenerator((OutputStream) out).setPrettyPrinter(new DefaultPrettyPrinter());
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            gen.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        }

        @Override void begin() throws IOException {
            gen.writeStartArray();
            gen.flush();
        }

        @Override void add(GenreClassifier.Prediction p) throws IOException {
            Map<String, Object> r = new LinkedHashMap<>();
            r.put("file", p.file().toString());
            r.put("segments", p.segments());
            r.put("label", p.label());
            r.put("probability", p.probabilities()[p.best()]);
            List<Map<String, Object>> t = new ArrayList<>();
            for (var e : p.top(top)) {
                Map<String, Object> entry = new LinkedHashMap<>();
                entry.put("label", e.getKey());
                entry.put("probability", e.getValue());
                t.add(entry);
            }
            r.put("top", t);
            JSON.writeValue(gen, r);
            gen.flush();
        }

        @Override void end() throws IOException {
            gen.writeEndArray();
            gen.flush();
            out.println();
            out.flush();
        }
    }
}
