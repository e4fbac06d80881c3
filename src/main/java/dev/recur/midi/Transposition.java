package dev.recur.midi;

import java.util.ArrayList;
import java.util.List;

/** Key augmentation and key normalisation of melodies within a vocabulary's pitch range. */
public final class Transposition {
    private Transposition() {}

    /**
     * The melody in all 12 keys (shifts -5..+6 semitones, the original first), leaving out the shifts
     * that would move a note outside the vocabulary's range. The melody is folded into the range first.
     */
    public static List<Melody> allKeys(Melody melody, MelodyVocabulary vocab) {
        Melody folded = vocab.fold(melody);
        List<Melody> out = new ArrayList<>();
        out.add(folded);
        for (int shift = -5; shift <= 6; shift++) {
            if (shift == 0) continue;
            if (fitsAfter(folded, shift, vocab)) out.add(folded.transpose(shift));
        }
        return out;
    }

    /**
     * The melody moved to C major (major keys) or A minor (minor keys) by its estimated key ({@link Key#estimate}),
     * in the octave that centres it in the vocabulary's range (folded by octaves if it is wider than the range).
     * A melody and any transposition of it give the same result: the key moves with the melody, and the
     * octave is chosen among the same candidates.
     */
    public static Melody normalizeKey(Melody melody, MelodyVocabulary vocab) {
        return normalize(melody, vocab).melody();
    }

    /** A melody moved to the normalised key, and the semitones it was moved by. */
    public record Normalized(Melody melody, int shift, Key key) {}

    /** {@link #normalizeKey} with the shift used (the key is the melody's estimated key before the move). */
    public static Normalized normalize(Melody melody, MelodyVocabulary vocab) {
        Key key = Key.estimate(melody);
        int shift = centredShift(melody, key.shiftToC(), vocab);
        return new Normalized(vocab.fold(melody.transpose(shift)), shift, key);
    }

    /**
     * Among the shifts {@code pitchClassShift + 12k}, the one that puts the middle of the melody's pitch range
     * nearest the middle of the vocabulary's (the lower on a tie; shifts that would leave MIDI's 0..127 are
     * not taken).
     */
    public static int centredShift(Melody melody, int pitchClassShift, MelodyVocabulary vocab) {
        int[] r = melody.pitchRange();
        if (r == null) return pitchClassShift;
        int lowest = Math.floorMod(pitchClassShift - (-r[0]), 12) - r[0];   // smallest shift of the class keeping r[0] >= 0
        int best = Integer.MIN_VALUE;
        double bestDistance = Double.POSITIVE_INFINITY;
        double centre = (vocab.minPitch() + vocab.maxPitch()) / 2.0;
        for (int s = lowest; r[1] + s <= 127; s += 12) {
            double d = Math.abs((r[0] + r[1]) / 2.0 + s - centre);
            if (d < bestDistance) { bestDistance = d; best = s; }
        }
        return best;
    }

    /**
     * Key-preserving augmentation: the melody and its transpositions by whole octaves that keep it inside the
     * vocabulary's range (a melody already folded into it). Unlike {@link #allKeys}, nothing here teaches a
     * key-normalised model that other keys exist.
     */
    public static List<Melody> octaves(Melody melody, MelodyVocabulary vocab) {
        Melody folded = vocab.fold(melody);
        List<Melody> out = new ArrayList<>();
        out.add(folded);
        for (int shift : new int[] {-24, -12, 12, 24}) if (fitsAfter(folded, shift, vocab)) out.add(folded.transpose(shift));
        return out;
    }

    private static boolean fitsAfter(Melody m, int shift, MelodyVocabulary vocab) {
        int[] r = m.pitchRange();
        return r == null || (vocab.inRange(r[0] + shift) && vocab.inRange(r[1] + shift));
    }
}
