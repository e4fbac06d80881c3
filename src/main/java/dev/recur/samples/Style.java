package dev.recur.samples;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The musical styles {@link StyleSynth} renders. {@link #label()} names the class folder in a dataset. */
public enum Style {
    /** Decaying inharmonic-ish harmonic tones, slow melody over a bass note. */
    PIANO,
    /** Sustained additive (drawbar) chords with hard on/off. */
    ORGAN,
    /** Kick, snare and hi-hat on a sixteenth grid at fast tempo; no pitched content. */
    DRUMS,
    /** Detuned band-limited saws with vibrato and slow attack, low-passed: a string pad. */
    STRINGS,
    /** Pink or brown noise with slow swells and a drifting low-pass. */
    AMBIENT,
    /** Pulse waves in fast arpeggios over a pulse bass. */
    CHIPTUNE;

    public String label() { return name().toLowerCase(Locale.ROOT); }

    public static Style ofLabel(String label) {
        for (Style s : values()) if (s.label().equals(label.toLowerCase(Locale.ROOT))) return s;
        throw new IllegalArgumentException("unknown style '" + label + "' (known: "
                + Arrays.stream(values()).map(Style::label).collect(Collectors.joining(", ")) + ")");
    }
}
