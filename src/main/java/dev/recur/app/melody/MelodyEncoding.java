package dev.recur.app.melody;

import dev.recur.midi.MelodyVocabulary;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How melodies become model tokens: the event vocabulary (pitch range), the grid (steps per quarter) and
 * the bar length used for --bars and plots. The model reads one extra input token, {@link #startToken()},
 * before the first event, so it predicts the first event too (as the n-gram baseline does with its begin
 * token). Stored in model.json under "features".
 */
public record MelodyEncoding(MelodyVocabulary vocabulary, int stepsPerQuarter, int stepsPerBar) {

    public MelodyEncoding {
        if (vocabulary == null) throw new IllegalArgumentException("melody encoding needs a vocabulary");
        if (stepsPerQuarter <= 0) throw new IllegalArgumentException("steps per quarter must be positive: " + stepsPerQuarter);
        if (stepsPerBar <= 0) throw new IllegalArgumentException("steps per bar must be positive: " + stepsPerBar);
    }

    /** Magenta's defaults: MIDI 48..84, 4 steps per quarter, 4/4 bars. */
    public static final MelodyEncoding DEFAULT = new MelodyEncoding(MelodyVocabulary.DEFAULT, 4, 16);

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
        return f;
    }

    /** Reads {@link #toFeatures()}; a missing or ill-typed key gives an IllegalArgumentException naming it. */
    public static MelodyEncoding fromFeatures(Map<String, Object> f) {
        if (!"melody-events".equals(f.get("kind"))) {
            throw new IllegalArgumentException("not a melody model (features.kind is " + f.get("kind") + ", expected \"melody-events\")");
        }
        return new MelodyEncoding(new MelodyVocabulary(integer(f, "min_pitch"), integer(f, "max_pitch")),
                integer(f, "steps_per_quarter"), integer(f, "steps_per_bar"));
    }

    private static int integer(Map<String, Object> f, String key) {
        if (f.get(key) instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) return n.intValue();
        throw new IllegalArgumentException("features." + key + " must be an integer, got " + f.get(key));
    }
}
