package dev.recur.app.melody;

import dev.recur.midi.MelodyVocabulary;
import dev.recur.midi.NoteText;

import java.util.Locale;

/** A scale on a tonic, used to mask pitch tokens during generation (NO_EVENT and NOTE_OFF stay allowed). */
public record Scale(int tonic, String name, int[] intervals) {

    private static final String[] NAMES = {"major", "minor", "harmonic-minor", "melodic-minor", "dorian", "phrygian",
            "lydian", "mixolydian", "pentatonic", "minor-pentatonic", "blues", "chromatic"};
    private static final int[][] INTERVALS = {
            {0, 2, 4, 5, 7, 9, 11}, {0, 2, 3, 5, 7, 8, 10}, {0, 2, 3, 5, 7, 8, 11}, {0, 2, 3, 5, 7, 9, 11},
            {0, 2, 3, 5, 7, 9, 10}, {0, 1, 3, 5, 7, 8, 10}, {0, 2, 4, 6, 7, 9, 11}, {0, 2, 4, 5, 7, 9, 10},
            {0, 2, 4, 7, 9}, {0, 3, 5, 7, 10}, {0, 3, 5, 6, 7, 10}, {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11}};

    /** {@code key} is a pitch class name (C, F#, Bb, ...); {@code scale} one of {@link #names()}. */
    public static Scale of(String key, String scale) {
        int pitch = NoteText.parseNote(key.strip() + "4");
        if (pitch < 0) throw new IllegalArgumentException("--key: '" + key + "' is not a key name (C, C#, Db, ..., B)");
        String s = scale.strip().toLowerCase(Locale.ROOT);
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equals(s)) return new Scale(pitch % 12, s, INTERVALS[i]);
        }
        throw new IllegalArgumentException("--scale: unknown scale '" + scale + "' (known: " + String.join(", ", NAMES) + ")");
    }

    public static String[] names() { return NAMES.clone(); }

    /**
     * Where this scale sits in the key-normalised space of a model trained in C major / A minor: the tonic
     * whose scale of this kind uses the white keys where one does (C major, D dorian, E phrygian, F lydian,
     * G mixolydian, A minor; A for the other minor kinds, C for pentatonic and chromatic).
     */
    public int normalizedTonic() {
        return switch (name) {
            case "dorian" -> 2;
            case "phrygian" -> 4;
            case "lydian" -> 5;
            case "mixolydian" -> 7;
            case "minor", "harmonic-minor", "melodic-minor", "minor-pentatonic", "blues" -> 9;
            default -> 0;
        };
    }

    /** The same kind of scale on another tonic (pitch class 0..11). */
    public Scale on(int pitchClass) { return new Scale(Math.floorMod(pitchClass, 12), name, intervals); }

    public boolean contains(int pitch) {
        int d = Math.floorMod(pitch - tonic, 12);
        for (int i : intervals) if (i == d) return true;
        return false;
    }

    /** allowed[token] for every event token of the vocabulary. */
    public boolean[] mask(MelodyVocabulary vocab) {
        boolean[] allowed = new boolean[vocab.size()];
        for (int id = 0; id < allowed.length; id++) {
            int e = vocab.event(id);
            allowed[id] = e < 0 || contains(e);
        }
        return allowed;
    }

    @Override public String toString() { return NoteText.pitchClassName(tonic) + " " + name; }
}
