package dev.recur.data;

import dev.recur.midi.Melody;
import dev.recur.midi.MelodyExtractor;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.midi.MidiFormatException;
import dev.recur.midi.MidiReader;
import dev.recur.midi.MidiScore;
import dev.recur.midi.Transposition;
import dev.recur.progress.Progress;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;

/**
 * Melodies from a folder of MIDI files (searched recursively, {@code .mid}/{@code .midi}, in path order),
 * one per file. Files that cannot be used are skipped, each with its reason; the good ones still load.
 */
public final class MelodyDataset {

    /** One usable file and its melody (grid of the extraction options). */
    public record Item(Path file, Melody melody) {}

    /** A file left out, and why (one line). */
    public record Skipped(Path file, String reason) {}

    /** Disjoint train and validation files. */
    public record Split(List<Item> train, List<Item> validation) {}

    /** How melodies become training sequences. */
    public enum Augment {
        /** As played (folded into the vocabulary's range). */
        NONE,
        /** Moved to C major / A minor by the estimated key. */
        NORMALIZE_KEY,
        /** All 12 keys that fit the vocabulary's range. */
        ALL_KEYS
    }

    /**
     * @param minNotes           files whose melody has fewer note onsets are skipped
     * @param trimLeadingSilence drop the rests before the first note
     * @param maxRestSteps       shorten longer rests to this many steps (0: keep rests as they are)
     */
    public record Options(MidiReader.Options reader, MelodyExtractor.Options extraction, int minNotes,
                          boolean trimLeadingSilence, int maxRestSteps) {
        public static final Options DEFAULT = new Options(MidiReader.Options.DEFAULT, MelodyExtractor.Options.DEFAULT, 8, true, 0);

        public Options withMinNotes(int n) { return new Options(reader, extraction, n, trimLeadingSilence, maxRestSteps); }

        public Options withExtraction(MelodyExtractor.Options e) { return new Options(reader, e, minNotes, trimLeadingSilence, maxRestSteps); }

        public Options withMaxRestSteps(int n) { return new Options(reader, extraction, minNotes, trimLeadingSilence, n); }

        public Options withTrimLeadingSilence(boolean t) { return new Options(reader, extraction, minNotes, t, maxRestSteps); }

        public Options withReader(MidiReader.Options r) { return new Options(r, extraction, minNotes, trimLeadingSilence, maxRestSteps); }
    }

    private final List<Item> items;
    private final List<Skipped> skipped;

    public MelodyDataset(List<Item> items, List<Skipped> skipped) {
        this.items = List.copyOf(items);
        this.skipped = List.copyOf(skipped);
    }

    public static MelodyDataset load(Path dir) throws IOException {
        return load(dir, Options.DEFAULT, Progress.NONE);
    }

    /**
     * Loads every MIDI file under {@code dir}, one {@link Progress#step()} per file; throws only if {@code dir}
     * itself cannot be listed.
     */
    public static MelodyDataset load(Path dir, Options o, Progress progress) throws IOException {
        if (!Files.isDirectory(dir)) throw new IOException(dir + ": not a folder");
        List<Path> files;
        try (Stream<Path> s = Files.walk(dir)) {
            files = s.filter(Files::isRegularFile).filter(MelodyDataset::isMidi).sorted().toList();
        }
        if (files.isEmpty()) throw new IOException(dir + ": no .mid or .midi files");
        List<Item> items = new ArrayList<>();
        List<Skipped> skipped = new ArrayList<>();
        progress.start("reading MIDI", files.size());
        try {
            for (Path f : files) {
                try {
                    MidiScore score = MidiReader.read(f, o.reader());
                    Melody m = MelodyExtractor.extract(score, o.extraction());
                    if (o.trimLeadingSilence()) m = m.trimLeadingSilence();
                    if (o.maxRestSteps() > 0) m = m.limitRests(o.maxRestSteps());
                    if (m.noteCount() < o.minNotes())
                        throw new MidiFormatException(f.toString(), "melody has only " + m.noteCount() + " notes (minimum " + o.minNotes() + ")");
                    items.add(new Item(f, m));
                } catch (MidiFormatException e) {
                    skipped.add(new Skipped(f, e.reason()));
                }
                progress.step();
            }
        } finally {
            progress.finish();
        }
        return new MelodyDataset(items, skipped);
    }

    private static boolean isMidi(Path p) {
        String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".mid") || n.endsWith(".midi");
    }

    public List<Item> items() { return items; }

    public List<Skipped> skipped() { return skipped; }

    /** Lines "file: reason" for every skipped file, then a count; empty if none was skipped. */
    public String skippedSummary() {
        if (skipped.isEmpty()) return "";
        StringBuilder sb = new StringBuilder();
        for (Skipped s : skipped) sb.append(s.file()).append(": ").append(s.reason()).append('\n');
        sb.append("skipped ").append(skipped.size()).append(" of ").append(skipped.size() + items.size()).append(" files\n");
        return sb.toString();
    }

    /**
     * Seeded split by file: a shuffled {@code validationFraction} of the files (at least one, and at least
     * one left for training, when there are two or more) goes to validation. Both lists keep path order.
     */
    public Split split(double validationFraction, long seed) {
        if (!(validationFraction >= 0 && validationFraction < 1))
            throw new IllegalArgumentException("validation fraction must be in [0, 1): " + validationFraction);
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) order.add(i);
        Collections.shuffle(order, new Random(seed));
        int nVal = (int) Math.round(validationFraction * items.size());
        if (validationFraction > 0 && items.size() >= 2) nVal = Math.max(1, Math.min(items.size() - 1, nVal));
        boolean[] isVal = new boolean[items.size()];
        for (int i = 0; i < nVal; i++) isVal[order.get(i)] = true;
        List<Item> train = new ArrayList<>(), val = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) (isVal[i] ? val : train).add(items.get(i));
        return new Split(train, val);
    }

    /** Token sequences of the items, one per item (12 per item at most with {@link Augment#ALL_KEYS}). */
    public static List<int[]> encode(List<Item> items, MelodyVocabulary vocab, Augment augment) {
        List<int[]> out = new ArrayList<>();
        for (Item it : items) {
            switch (augment) {
                case NONE -> out.add(vocab.encode(it.melody()));
                case NORMALIZE_KEY -> out.add(vocab.encode(Transposition.normalizeKey(it.melody(), vocab)));
                case ALL_KEYS -> { for (Melody m : Transposition.allKeys(it.melody(), vocab)) out.add(vocab.encode(m)); }
            }
        }
        return out;
    }
}
