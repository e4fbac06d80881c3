package dev.recur.app.melody;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.recur.data.MelodyDataset;
import dev.recur.midi.Melody;
import dev.recur.midi.MelodyExtractor;
import dev.recur.midi.MelodyFeatures;
import dev.recur.midi.MelodyFeatures.Feature;
import dev.recur.midi.MelodySetComparison;
import dev.recur.progress.Progress;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The musical yardstick behind {@code recur melody-stats} and {@code generate --stats}: the
 * {@link MelodyFeatures} of every melody of a set (a MIDI folder, read with the melody extraction of
 * {@code train-melody}, or a JSON file this class wrote), and two sets compared feature by feature
 * ({@link MelodySetComparison}).
 */
public final class MelodyStats {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    /**
     * How melodies are measured. Two sets measured differently cannot be compared.
     *
     * @param stepsPerQuarter grid of the melody extraction
     * @param stepsPerBar     bar length for the bar features
     * @param bars            cut every melody into excerpts of this many bars (a last, shorter one is kept
     *                        when it has at least half as many; excerpts without notes are dropped);
     *                        0 = whole melodies
     */
    public record Settings(int stepsPerQuarter, int stepsPerBar, int bars) {
        public static final Settings DEFAULT = new Settings(4, 16, 0);

        public Settings {
            if (stepsPerQuarter <= 0) throw new IllegalArgumentException("steps per quarter must be positive, got " + stepsPerQuarter);
            if (stepsPerBar <= 0) throw new IllegalArgumentException("steps per bar must be positive, got " + stepsPerBar);
            if (bars < 0) throw new IllegalArgumentException("--bars must be >= 0, got " + bars);
        }

        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("steps_per_quarter", stepsPerQuarter);
            m.put("steps_per_bar", stepsPerBar);
            m.put("bars", bars);
            return m;
        }

        String describe() {
            return stepsPerQuarter + " steps per quarter, " + stepsPerBar + " per bar, "
                    + (bars == 0 ? "whole melodies" : bars + "-bar excerpts");
        }
    }

    /** One measured melody: its name (file, and excerpt number) and features. */
    public record Measured(String name, MelodyFeatures features) {}

    /** A measured set: where it came from, how it was measured, its melodies, and the files skipped. */
    public record MelodySet(String source, Settings settings, List<Measured> melodies, List<String> skipped) {
        public List<MelodyFeatures> features() { return melodies.stream().map(Measured::features).toList(); }

        public Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("source", source);
            m.putAll(settings.toMap());
            List<Map<String, Object>> list = new ArrayList<>();
            for (Measured x : melodies) {
                Map<String, Object> e = new LinkedHashMap<>();
                e.put("name", x.name());
                e.put("features", jsonNumbers(x.features().toMap()));
                list.add(e);
            }
            m.put("melodies", list);
            return m;
        }
    }

    private MelodyStats() {}

    /** The melodies of one set, measured; pieces are excerpts when {@code settings.bars() > 0}. */
    public static MelodySet measure(String source, List<String> names, List<Melody> melodies, Settings s) {
        List<Measured> out = new ArrayList<>();
        for (int i = 0; i < melodies.size(); i++) {
            Melody m = melodies.get(i);
            if (s.bars() == 0) {
                out.add(new Measured(names.get(i), MelodyFeatures.of(m, s.stepsPerBar())));
                continue;
            }
            int len = s.bars() * s.stepsPerBar();
            for (int from = 0, k = 1; from < m.length() && 2 * (m.length() - from) >= len; from += len, k++) {
                Melody piece = m.slice(from, Math.min(m.length(), from + len));
                if (piece.noteCount() == 0) continue;
                out.add(new Measured(names.get(i) + "#" + k, MelodyFeatures.of(piece, s.stepsPerBar())));
            }
        }
        return new MelodySet(source, s, out, List.of());
    }

    /**
     * Reads a set: a folder of MIDI files (the melody extraction of train-melody, from the bar of the first
     * note so bars stay bars; files without a usable melody are listed in {@link MelodySet#skipped()}) or a {@code .json} file written by {@link #toJson}
     * (its "reference" or "generated" set by {@code role}, or a bare set). Throws with one line naming the
     * path when nothing can be measured.
     */
    public static MelodySet load(Path path, String role, Settings s, Progress progress) throws IOException {
        if (Files.isRegularFile(path) && path.toString().toLowerCase(Locale.ROOT).endsWith(".json")) return readJson(path, role);
        if (!Files.isDirectory(path)) throw new IOException(path + ": not a folder of MIDI files or a .json file of melody stats");
        MelodyDataset data = MelodyDataset.load(path, MelodyDataset.Options.DEFAULT.withMinNotes(1)
                .withTrimLeadingSilence(false).withExtraction(MelodyExtractor.Options.DEFAULT.withStepsPerQuarter(s.stepsPerQuarter())),
                progress);
        List<String> skipped = data.skipped().stream().map(x -> x.file() + ": " + x.reason()).toList();
        if (data.items().isEmpty()) {
            throw new IOException(path + ": none of the " + data.skipped().size() + " MIDI files has a usable melody ("
                    + data.skipped().getFirst().reason() + (data.skipped().size() > 1 ? ", ..." : "") + ")");
        }
        List<String> names = new ArrayList<>();
        List<Melody> melodies = new ArrayList<>();
        for (MelodyDataset.Item it : data.items()) {
            names.add(path.relativize(it.file()).toString());
            melodies.add(it.melody().trimLeadingBars(s.stepsPerBar()));
        }
        MelodySet set = measure(path.toString(), names, melodies, s);
        if (set.melodies().isEmpty()) {
            throw new IOException(path + ": no melody is " + s.bars() + " bars long (try a smaller --bars)");
        }
        return new MelodySet(set.source(), s, set.melodies(), skipped);
    }

    private static MelodySet readJson(Path file, String role) throws IOException {
        JsonNode root;
        try {
            root = JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new IOException(file + ": not a JSON file of melody stats (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
        JsonNode set = root.has(role) ? root.get(role) : root;
        try {
            Settings s = new Settings(set.get("steps_per_quarter").asInt(), set.get("steps_per_bar").asInt(), set.get("bars").asInt());
            List<Measured> melodies = new ArrayList<>();
            for (JsonNode m : set.get("melodies")) {
                double[] v = new double[Feature.values().length];
                JsonNode f = m.get("features");
                for (Feature x : Feature.values()) {
                    JsonNode n = f.get(x.key());
                    if (n == null) throw new IllegalArgumentException("feature '" + x.key() + "' missing");
                    v[x.ordinal()] = n.isNull() ? Double.NaN : n.asDouble();
                }
                melodies.add(new Measured(m.get("name").asText(), MelodyFeatures.of(v)));
            }
            if (melodies.isEmpty()) throw new IllegalArgumentException("no melodies");
            return new MelodySet(file.toString(), s, melodies, List.of());
        } catch (RuntimeException e) {
            String why = e instanceof NullPointerException ? "a field is missing" : e.getMessage();
            throw new IOException(file + ": not a JSON file of melody stats (" + why + ")");
        }
    }

    /** The two sets compared; throws when they were measured differently. */
    public static MelodySetComparison compare(MelodySet reference, MelodySet generated) {
        if (!reference.settings().equals(generated.settings())) {
            throw new IllegalArgumentException("the sets were measured differently: " + reference.source() + " with "
                    + reference.settings().describe() + ", " + generated.source() + " with " + generated.settings().describe());
        }
        return MelodySetComparison.of(reference.features(), generated.features());
    }

    /** The comparison table: per feature, both sets' mean ± sd and the overlap; then the mean overlap. */
    public static void printTable(PrintStream out, MelodySet reference, MelodySet generated, MelodySetComparison c) {
        out.printf(Locale.ROOT, "reference   %s: %d melodies%n", reference.source(), reference.melodies().size());
        out.printf(Locale.ROOT, "generated   %s: %d melodies%n", generated.source(), generated.melodies().size());
        out.printf(Locale.ROOT, "%-36s %16s %16s %8s%n", "feature", "reference", "generated", "overlap");
        for (MelodySetComparison.Row r : c.rows()) {
            out.printf(Locale.ROOT, "%-36s %16s %16s %8s%n", r.feature().label(), meanSd(r.referenceMean(), r.referenceSd()),
                    meanSd(r.generatedMean(), r.generatedSd()), Double.isNaN(r.overlap()) ? "-" : String.format(Locale.ROOT, "%.2f", r.overlap()));
        }
        out.printf(Locale.ROOT, "%-36s %16s %16s %8.2f%n", "mean overlap (1 = indistinguishable)", "", "", c.meanOverlap());
    }

    /** One melody's features next to a reference set's means (for generate --stats). */
    public static void printMelody(PrintStream out, String name, MelodyFeatures f, MelodySet reference) {
        out.println("stats of " + name + (reference == null ? "" : " (reference: " + reference.source() + ", "
                + reference.melodies().size() + " melodies)"));
        for (Feature x : Feature.values()) {
            String ref = "";
            if (reference != null) {
                double[] v = reference.features().stream().mapToDouble(m -> m.get(x)).filter(d -> !Double.isNaN(d)).toArray();
                ref = meanSd(MelodySetComparison.mean(v), MelodySetComparison.sd(v));
            }
            out.printf(Locale.ROOT, "  %-36s %8s %16s%n", x.label(), number(f.get(x)), ref);
        }
    }

    /** The JSON written by {@code melody-stats --json}: both sets and the comparison. */
    public static String toJson(MelodySet reference, MelodySet generated, MelodySetComparison c) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        Map<String, Object> comparison = c.toMap();
        Map<String, Object> features = new LinkedHashMap<>();
        ((Map<?, ?>) comparison.get("features")).forEach((k, v) -> {
            Map<String, Object> row = new LinkedHashMap<>();
            ((Map<?, ?>) v).forEach((a, b) -> row.put(a.toString(), b));
            features.put(k.toString(), jsonNumbers(row));
        });
        comparison.put("features", features);
        comparison.put("mean_overlap", jsonNumber(c.meanOverlap()));
        root.put("comparison", comparison);
        root.put("reference", reference.toMap());
        root.put("generated", generated.toMap());
        return JSON.writeValueAsString(root);
    }

    /** A bare set as JSON (what {@code generate --stats --json} writes; {@link #load} reads it back). */
    public static String toJson(MelodySet set) throws IOException { return JSON.writeValueAsString(set.toMap()); }

    private static Map<String, Object> jsonNumbers(Map<String, ?> m) {
        Map<String, Object> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v instanceof Double d ? jsonNumber(d) : v));
        return out;
    }

    /** NaN (undefined) as JSON null; other values rounded to 6 decimals. */
    private static Object jsonNumber(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) return null;
        return Math.round(d * 1e6) / 1e6;
    }

    private static String meanSd(double mean, double sd) {
        if (Double.isNaN(mean)) return "-";
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean, sd);
    }

    private static String number(double d) { return Double.isNaN(d) ? "-" : String.format(Locale.ROOT, "%.3f", d); }
}
