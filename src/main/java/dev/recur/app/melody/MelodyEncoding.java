package dev.recur.app.melody;

import dev.recur.data.MelodyDataset;
import dev.recur.midi.Melody;
import dev.recur.midi.MelodyVocabulary;
import dev.recur.midi.Transposition;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How melodies become model tokens: the event vocabulary (pitch range), the grid (steps per quarter) and
 * the bar length used for --bars and plots. The model reads one extra input token, {@link #startToken()},
 * before the first event, so it predicts the first event too (as the n-gram baseline does with its begin
 * token). With {@code keyNormalized} every melody is moved to C major or A minor (by its estimated key,
 * {@link Transposition#normalizeKey}) before it becomes tokens, in training and evaluation alike, and
 * generation moves the result to the key wanted. Stored in model.json under "features".
 */
public record MelodyEncoding(MelodyVocabulary vocabulary, int stepsPerQuarter, int stepsPerBar, boolean keyNormalized) {

    /** Melodies as played (folded into the range), as models before key normalisation were trained. */
    public MelodyEncoding(MelodyVocabulary vocabulary, int stepsPerQuarter, int stepsPerBar) {
        this(vocabulary, stepsPerQuarter, stepsPerBar, false);
    }

    public MelodyEncoding {
        if (vocabulary == null) throw new IllegalArgumentException("melody encoding needs a vocabulary");
        if (stepsPerQuarter <= 0) throw new IllegalArgumentException("steps per quarter must be positive: " + stepsPerQuarter);
        if (stepsPerBar <= 0) throw new IllegalArgumentException("steps per bar must be positive: " + stepsPerBar);
    }

    /** Magenta's defaults: MIDI 48..84, 4 steps per quarter, 4/4 bars, every melody in C major / A minor. */
    public static final MelodyEncoding DEFAULT = new MelodyEncoding(MelodyVocabulary.DEFAULT, 4, 16, true);

    public MelodyEncoding withKeyNormalized(boolean k) { return new MelodyEncoding(vocabulary, stepsPerQuarter, stepsPerBar, k); }

    /**
     * How a folder is read for this encoding: the melody extraction on this grid, leading silence kept (so
     * {@link #prepare} can keep bars where they are).
     */
    public MelodyDataset.Options datasetOptions() {
        return MelodyDataset.Options.DEFAULT.withTrimLeadingSilence(false)
                .withExtraction(dev.recur.midi.MelodyExtractor.Options.DEFAULT.withStepsPerQuarter(stepsPerQuarter));
    }

    /**
     * The melody as the model reads it: from the bar of its first note (so the model's bar positions are the
     * music's), key-normalised (or as played), folded into the vocabulary's range.
     */
    public Melody prepare(Melody m) {
        Melody from = m.trimLeadingBars(stepsPerBar);
        return keyNormalized ? Transposition.normalizeKey(from, vocabulary) : vocabulary.fold(from);
    }

    /** The token sequences of the items' melodies, as the model reads them (one per melody). */
    public List<int[]> sequences(List<MelodyDataset.Item> items) {
        List<int[]> out = new ArrayList<>();
        for (MelodyDataset.Item it : items) out.add(vocabulary.encode(prepare(it.melody())));
        return out;
    }

    /**
     * Training sequences: {@link #sequences}, and with {@code augment} more of each melody: its octave
     * transpositions that fit the range when key-normalised (so nothing teaches the model to leave the key),
     * all 12 keys that fit when as played.
     */
    public List<int[]> trainingSequences(List<MelodyDataset.Item> items, boolean augment) {
        if (!augment) return sequences(items);
        List<int[]> out = new ArrayList<>();
        for (MelodyDataset.Item it : items) {
            List<Melody> versions = keyNormalized ? Transposition.octaves(prepare(it.melody()), vocabulary)
                    : Transposition.allKeys(it.melody().trimLeadingBars(stepsPerBar), vocabulary);
            for (Melody m : versions) out.add(vocabulary.encode(m));
        }
        return out;
    }

    /** Number of event tokens the model predicts. */
    public int outputSize() { return vocabulary.size(); }

    /** Input-only token that stands before the first event. */
    public int startToken() { return vocabulary.size(); }

    /** Number of input tokens (events + start). */
    public int inputSize() { return vocabulary.size() + 1; }

    public Map<String, Object> toFeatures() {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("kind", "melody-events");
        f.put("min_pitch", vocabulary.minPitch());
        f.put("max_pitch", vocabulary.maxPitch());
        f.put("steps_per_quarter", stepsPerQuarter);
        f.put("steps_per_bar", stepsPerBar);
        f.put("no_event_token", MelodyVocabulary.NO_EVENT_ID);
        f.put("note_off_token", MelodyVocabulary.NOTE_OFF_ID);
        f.put("start_token", startToken());
        f.put("key", keyNormalized ? "normalized" : "as-played");
        return f;
    }

    /** Reads {@link #toFeatures()}; a missing or ill-typed key gives an IllegalArgumentException naming it. */
    public static MelodyEncoding fromFeatures(Map<String, Object> f) {
        if (!"melody-events".equals(f.get("kind"))) {
            throw new IllegalArgumentException("not a melody model (features.kind is " + f.get("kind") + ", expected \"melody-events\")");
        }
        Object key = f.getOrDefault("key", "as-played");
        if (!"normalized".equals(key) && !"as-played".equals(key)) {
            throw new IllegalArgumentException("features.key must be \"normalized\" or \"as-played\", got " + key);
        }
        return new MelodyEncoding(new MelodyVocabulary(integer(f, "min_pitch"), integer(f, "max_pitch")),
                integer(f, "steps_per_quarter"), integer(f, "steps_per_bar"), "normalized".equals(key));
    }

    private static int integer(Map<String, Object> f, String key) {
        if (f.get(key) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        throw new IllegalArgumentException("features." + key + " must be an integer, got " + f.get(key));
    }
}
