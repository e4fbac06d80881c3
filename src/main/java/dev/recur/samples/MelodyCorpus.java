package dev.recur.samples;

import dev.recur.midi.Melody;
import dev.recur.midi.MidiWriter;
import dev.recur.midi.NoteText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A text file of hand-entered melodies (the demo corpus in {@code samples/midi/melodies.txt}). Each tune is
 * a block of {@code field: value} lines ({@code title} starts a tune; {@code by}, {@code key}, {@code time},
 * {@code bpm}, {@code grid}, {@code program}) followed by {@code notes:} and note text lines (see
 * {@link NoteText}) up to a blank line; {@code #} starts a comment line. {@code grid} is steps per quarter
 * note. Bar lines are checked: every bar but the first (pickup) and the last must fill the time signature.
 */
public final class MelodyCorpus {

    /** One tune of the corpus. */
    public record Tune(String title, String by, String key, int numerator, int denominator, double bpm,
                       int program, Melody melody) {
        /** File name stem: the title in lower case, words joined by '-'. */
        public String slug() {
            String s = java.text.Normalizer.normalize(title, java.text.Normalizer.Form.NFD).replaceAll("\\p{M}", "");
            return s.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
        }

        public MidiWriter.Options writeOptions() {
            return MidiWriter.Options.DEFAULT.withBpm(bpm).withProgram(program)
                    .withTimeSignature(numerator, denominator).withTitle(title);
        }
    }

    private MelodyCorpus() {}

    public static List<Tune> read(Path file) throws IOException {
        return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    }

    public static List<Tune> parse(String text, String name) {
        List<Tune> tunes = new ArrayList<>();
        String[] lines = text.split("\r?\n", -1);
        Map<String, String> fields = null;
        StringBuilder notes = null;
        int startLine = 0;
        for (int i = 0; i <= lines.length; i++) {
            String line = i < lines.length ? lines[i].strip() : "";
            if (line.startsWith("#")) continue;
            if (notes != null && !line.isEmpty() && !line.contains(":")) {
                notes.append(' ').append(line);
                continue;
            }
            if (notes != null) {       // a blank line or a new field ends the notes
                tunes.add(tune(fields, notes.toString(), name, startLine));
                fields = null;
                notes = null;
            }
            if (line.isEmpty()) continue;
            int colon = line.indexOf(':');
            if (colon < 0) throw new IllegalArgumentException(name + " line " + (i + 1) + ": expected 'field: value', got '" + line + "'");
            String field = line.substring(0, colon).strip().toLowerCase(Locale.ROOT), value = line.substring(colon + 1).strip();
            if (field.equals("title")) {
                if (fields != null) throw new IllegalArgumentException(name + " line " + (i + 1) + ": tune '" + fields.get("title") + "' has no notes");
                fields = new LinkedHashMap<>();
                startLine = i + 1;
            } else if (fields == null) {
                throw new IllegalArgumentException(name + " line " + (i + 1) + ": '" + field + "' before any 'title:'");
            }
            if (field.equals("notes")) notes = new StringBuilder(value);
            else fields.put(field, value);
        }
        if (fields != null) throw new IllegalArgumentException(name + ": tune '" + fields.get("title") + "' has no notes");
        return tunes;
    }

    private static Tune tune(Map<String, String> f, String notes, String name, int line) {
        String where = name + " line " + line + " (" + f.get("title") + ")";
        try {
            String[] time = f.getOrDefault("time", "4/4").split("/");
            int num = Integer.parseInt(time[0].strip()), den = Integer.parseInt(time[1].strip());
            int grid = Integer.parseInt(f.getOrDefault("grid", "4"));
            double bpm = Double.parseDouble(f.getOrDefault("bpm", "120"));
            int program = Integer.parseInt(f.getOrDefault("program", "0"));
            if (num <= 0 || den <= 0 || grid <= 0 || num * 4 * grid % den != 0)
                throw new IllegalArgumentException("time " + num + "/" + den + " needs whole grid steps per bar (grid " + grid + ")");
            checkBars(notes, num * 4 * grid / den, where);
            Melody m = NoteText.parse(notes, grid);
            return new Tune(f.get("title"), f.getOrDefault("by", ""), f.getOrDefault("key", ""), num, den, bpm, program, m);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static void checkBars(String notes, int stepsPerBar, String where) {
        String[] bars = notes.strip().split("\\|");
        for (int b = 0; b < bars.length; b++) {
            String bar = bars[b].strip();
            int steps = bar.isEmpty() ? 0 : bar.split("\\s+").length;
            boolean edge = b == 0 || b == bars.length - 1;
            if (edge ? steps > stepsPerBar : steps != stepsPerBar)
                throw new IllegalArgumentException("bar " + (b + 1) + " has " + steps + " steps, expected " + stepsPerBar
                        + ": '" + bar + "'");
        }
    }

    /** Writes {@code <slug>.mid} for every tune into {@code dir}; returns the files in tune order. */
    public static List<Path> writeMidi(List<Tune> tunes, Path dir) throws IOException {
        List<Path> out = new ArrayList<>();
        for (Tune t : tunes) {
            Path p = dir.resolve(t.slug() + ".mid");
            if (out.contains(p)) throw new IllegalArgumentException("two tunes named '" + t.slug() + "'");
            MidiWriter.write(t.melody(), p, t.writeOptions());
            out.add(p);
        }
        return out;
    }
}
