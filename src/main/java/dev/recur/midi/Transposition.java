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
     * The melody moved to C major (major keys) or A minor (minor keys) by the estimated key, by the
     * smallest shift that keeps it in the vocabulary's range (or the smallest shift, then folded).
     */
    public static Melody normalizeKey(Melody melody, MelodyVocabulary vocab) {
        Melody folded = vocab.fold(melody);
        int shift = Key.estimate(folded).shiftToC();
        for (int s : new int[] {shift, shift + 12, shift - 12})
            if (fitsAfter(folded, s, vocab)) return folded.transpose(s);
        return vocab.fold(folded.transpose(shift));
    }

    private static boolean fitsAfter(Melody m, int shift, MelodyVocabulary vocab) {
        int[] r = m.pitchRange();
        return r == null || (vocab.inRange(r[0] + shift) && vocab.inRange(r[1] + shift));
    }
}
