package dev.recur.midi;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Musical features of one monophonic melody, in the spirit of Yang &amp; Lerch, "On the evaluation of
 * generative models in music" (2018). Each is a number per melody, so two sets of melodies (human and
 * generated) can be compared feature by feature ({@link MelodySetComparison}). A feature that a melody
 * does not define (an interval of a one-note melody) is {@code NaN}.
 *
 * <p>Notes are the melody's onsets (one pitch per onset: the extraction keeps the highest note); a note
 * lasts until the next onset or NOTE_OFF. Definitions:
 * <ul>
 * <li>{@link Feature#PITCH_RANGE}: highest minus lowest pitch, in semitones;
 * <li>{@link Feature#MEAN_INTERVAL}: mean absolute interval between consecutive notes (semitones);
 * <li>{@link Feature#LEAP_SHARE}: share of those intervals larger than a perfect fifth (|i| &gt; 7);
 * <li>{@link Feature#PITCH_CLASS_ENTROPY}: Shannon entropy (bits) of the notes' pitch classes, counted per
 *     note; log2 12 ≈ 3.585 when all twelve occur equally often;
 * <li>{@link Feature#IN_SCALE_SHARE}: share of notes in the best-fitting major (or natural minor: the same
 *     pitch set) scale, the best of the twelve;
 * <li>{@link Feature#NOTES_PER_BEAT}: notes per quarter note, from the first onset to the end of the last note;
 * <li>{@link Feature#MOTIF_REPETITION}: share of the windows of {@value #MOTIF_INTERVALS} consecutive
 *     intervals whose interval pattern occurs in at least one other window (a repeated figure, at any pitch);
 * <li>{@link Feature#BAR_SIMILARITY}: bar-to-bar self-similarity: for each bar after the first that sounds,
 *     the best match with an earlier bar (share of its steps with the same sounding pitch or rest and the
 *     same onset flag), averaged. 1 = every bar repeats an earlier one.
 * </ul>
 */
public final class MelodyFeatures {
    /** Interval-pattern length of a motif (4 intervals = 5 notes). */
    public static final int MOTIF_INTERVALS = 4;

    /** The features, in report order; {@link #key()} names them in JSON. */
    public enum Feature {
        PITCH_RANGE("pitch_range", "pitch range (semitones)"),
        MEAN_INTERVAL("mean_interval", "mean |interval| (semitones)"),
        LEAP_SHARE("leap_share", "leaps over a fifth (share)"),
        PITCH_CLASS_ENTROPY("pitch_class_entropy", "pitch-class entropy (bits)"),
        IN_SCALE_SHARE("in_scale_share", "in best major/minor scale (share)"),
        NOTES_PER_BEAT("notes_per_beat", "notes per beat"),
        MOTIF_REPETITION("motif_repetition", "repeated 4-interval motifs (share)"),
        BAR_SIMILARITY("bar_similarity", "bar-to-bar self-similarity");

        private final String key, label;

        Feature(String key, String label) {
            this.key = key;
            this.label = label;
        }

        public String key() { return key; }

        public String label() { return label; }

        public static Feature byKey(String key) {
            for (Feature f : values()) if (f.key.equals(key)) return f;
            throw new IllegalArgumentException("unknown melody feature '" + key + "'");
        }
    }

    private static final int[] MAJOR = {0, 2, 4, 5, 7, 9, 11};

    private final double[] values;

    private MelodyFeatures(double[] values) { this.values = values; }

    /** Wraps values in {@link Feature} order (e.g. read back from JSON). */
    public static MelodyFeatures of(double[] values) {
        if (values.length != Feature.values().length) {
            throw new IllegalArgumentException(values.length + " values for " + Feature.values().length + " features");
        }
        return new MelodyFeatures(values.clone());
    }

    public double get(Feature f) { return values[f.ordinal()]; }

    /** Feature key → value (NaN for undefined), in report order. */
    public Map<String, Double> toMap() {
        Map<String, Double> m = new LinkedHashMap<>();
        for (Feature f : Feature.values()) m.put(f.key(), values[f.ordinal()]);
        return m;
    }

    /** The features of {@code melody} with bars of {@code stepsPerBar} steps. */
    public static MelodyFeatures of(Melody melody, int stepsPerBar) {
        if (stepsPerBar <= 0) throw new IllegalArgumentException("steps per bar must be positive: " + stepsPerBar);
        List<int[]> notes = notes(melody);          // {pitch, start, end}
        int n = notes.size();
        double[] v = new double[Feature.values().length];
        java.util.Arrays.fill(v, Double.NaN);
        if (n > 0) {
            int lo = 128, hi = -1;
            int[] pcs = new int[12];
            for (int[] note : notes) {
                lo = Math.min(lo, note[0]);
                hi = Math.max(hi, note[0]);
                pcs[note[0] % 12]++;
            }
            v[Feature.PITCH_RANGE.ordinal()] = hi - lo;
            v[Feature.PITCH_CLASS_ENTROPY.ordinal()] = entropyBits(pcs, n);
            v[Feature.IN_SCALE_SHARE.ordinal()] = bestScaleShare(pcs, n);
            int span = notes.get(n - 1)[2] - notes.getFirst()[1];
            v[Feature.NOTES_PER_BEAT.ordinal()] = n / (span / (double) melody.stepsPerQuarter());
        }
        if (n > 1) {
            int[] intervals = new int[n - 1];
            double sum = 0;
            int leaps = 0;
            for (int i = 0; i + 1 < n; i++) {
                intervals[i] = notes.get(i + 1)[0] - notes.get(i)[0];
                sum += Math.abs(intervals[i]);
                if (Math.abs(intervals[i]) > 7) leaps++;
            }
            v[Feature.MEAN_INTERVAL.ordinal()] = sum / intervals.length;
            v[Feature.LEAP_SHARE.ordinal()] = leaps / (double) intervals.length;
            v[Feature.MOTIF_REPETITION.ordinal()] = motifRepetition(intervals);
        }
        v[Feature.BAR_SIMILARITY.ordinal()] = barSimilarity(melody, stepsPerBar);
        return new MelodyFeatures(v);
    }

    /** Onsets as {pitch, start step, end step}. */
    static List<int[]> notes(Melody m) {
        List<int[]> out = new ArrayList<>();
        int pitch = -1, start = 0;
        for (int i = 0; i <= m.length(); i++) {
            int e = i < m.length() ? m.event(i) : Melody.NOTE_OFF;
            if (e == Melody.NO_EVENT) continue;
            if (pitch >= 0) out.add(new int[] {pitch, start, i});
            pitch = e;
            start = i;
        }
        return out;
    }

    static double entropyBits(int[] counts, int total) {
        double h = 0;
        for (int c : counts) {
            if (c == 0) continue;
            double p = c / (double) total;
            h -= p * Math.log(p) / Math.log(2);
        }
        return h == 0 ? 0 : h;   // no -0.0
    }

    /** Share of notes in the best of the twelve major scales (each also a natural minor scale). */
    static double bestScaleShare(int[] pcs, int total) {
        int best = 0;
        for (int tonic = 0; tonic < 12; tonic++) {
            int in = 0;
            for (int d : MAJOR) in += pcs[(tonic + d) % 12];
            best = Math.max(best, in);
        }
        return best / (double) total;
    }

    static double motifRepetition(int[] intervals) {
        int windows = intervals.length - MOTIF_INTERVALS + 1;
        if (windows <= 0) return Double.NaN;
        Map<List<Integer>, Integer> counts = new HashMap<>();
        List<List<Integer>> keys = new ArrayList<>();
        for (int i = 0; i < windows; i++) {
            List<Integer> k = new ArrayList<>(MOTIF_INTERVALS);
            for (int j = 0; j < MOTIF_INTERVALS; j++) k.add(intervals[i + j]);
            keys.add(k);
            counts.merge(k, 1, Integer::sum);
        }
        int repeated = 0;
        for (List<Integer> k : keys) if (counts.get(k) > 1) repeated++;
        return repeated / (double) windows;
    }

    /**
     * Mean over the sounding bars after the first of the best step-wise agreement with an earlier bar; NaN
     * when no bar after the first sounds. A step's state is the sounding pitch (or rest) and whether a note
     * starts there; a last, incomplete bar is compared over its own steps.
     */
    static double barSimilarity(Melody m, int stepsPerBar) {
        int len = m.length();
        int[] sounding = new int[len];
        boolean[] onset = new boolean[len];
        int pitch = -1;
        for (int i = 0; i < len; i++) {
            int e = m.event(i);
            if (e >= 0) { pitch = e; onset[i] = true; }
            else if (e == Melody.NOTE_OFF) pitch = -1;
            sounding[i] = pitch;
        }
        int bars = (len + stepsPerBar - 1) / stepsPerBar;
        double sum = 0;
        int counted = 0;
        for (int b = 1; b < bars; b++) {
            int from = b * stepsPerBar, to = Math.min(len, from + stepsPerBar);
            boolean sounds = false;
            for (int i = from; i < to; i++) sounds |= sounding[i] >= 0;
            if (!sounds) continue;
            double best = 0;
            for (int a = 0; a < b; a++) {
                int same = 0;
                for (int i = from; i < to; i++) {
                    int j = i - (b - a) * stepsPerBar;
                    if (sounding[i] == sounding[j] && onset[i] == onset[j]) same++;
                }
                best = Math.max(best, same / (double) (to - from));
            }
            sum += best;
            counted++;
        }
        return counted == 0 ? Double.NaN : sum / counted;
    }
}
