package dev.recur.app.melody;

import java.util.Arrays;

/**
 * A melody's own past as a predictor of its next event: the copy side of a cache model (Kuhn &amp; De Mori 1990;
 * Grave et al. 2017, "Improving neural language models with a continuous cache"). Folk tunes and game themes
 * repeat whole phrases (AABB), and an LSTM trained on a few tunes does not learn to, but the tune itself says
 * what came after the same figure last time.
 *
 * <p>For the next position t, every earlier position j of the last {@link #HORIZON} steps is a candidate whose
 * context (the events before j) ends like the current one (the events before t) for m<sub>j</sub> steps (the
 * suffix match, capped at {@link #MAX_MATCH}); a candidate with m<sub>j</sub> ≥ 1 votes for the event that
 * followed it, h[j], with the weight {@link CopyWeights#weight}: larger for longer matches and, since motifs
 * come back at the same place in the bar, for offsets t − j of whole bars. Match lengths are updated in
 * O(horizon) per event: m'<sub>j</sub> = h[j−1] = x ? min(m<sub>j−1</sub> + 1, cap) : 0 when x is appended.
 * Not thread-safe.
 */
public final class CopyCache {
    /** Longest suffix match counted: two 4/4 bars at 4 steps per quarter; a longer one votes like this one. */
    public static final int MAX_MATCH = 32;
    /** How far back candidates are looked for (128 bars of 16 steps): bounds the work per event on long files. */
    public static final int HORIZON = 2048;

    /**
     * Generation copies only from at least this many bars back: a cache free to copy the last bar or two locks a
     * sampled melody into a one- or two-bar loop (measured on the bundled tunes: pitch-class entropy 31 % under
     * the human value), while tunes repeat whole phrases (docs/melody.md).
     */
    public static final int GENERATION_MIN_BARS = 4;

    private final int stepsPerBar, minOffset;
    private int[] history = new int[256];
    private int[] match = new int[256];
    private int size, best;

    /** A cache whose candidates may lie any distance back (evaluation and fitting). */
    public CopyCache(int stepsPerBar) { this(stepsPerBar, 1); }

    /** @param minOffset the nearest candidate, in steps back from the predicted event (1 = the last event) */
    public CopyCache(int stepsPerBar, int minOffset) {
        if (stepsPerBar <= 0) throw new IllegalArgumentException("steps per bar must be positive: " + stepsPerBar);
        if (minOffset <= 0) throw new IllegalArgumentException("the nearest candidate must be at least 1 step back, got " + minOffset);
        this.stepsPerBar = stepsPerBar;
        this.minOffset = minOffset;
    }

    /** The cache generation uses: candidates {@link #GENERATION_MIN_BARS} bars back or more. */
    public static CopyCache forGeneration(int stepsPerBar) { return new CopyCache(stepsPerBar, GENERATION_MIN_BARS * stepsPerBar); }

    /** Events seen so far. */
    public int size() { return size; }

    /**
     * The longest suffix match among all earlier positions, the near ones included (0 when nothing matches: the
     * cache has no say); it picks λ, and the λ fitted for it is used as is with a larger minimum offset.
     */
    public int bestMatch() { return best; }

    /** The history grows by one event; the candidates' match lengths move on. */
    public void add(int token) {
        if (size == history.length) {
            history = Arrays.copyOf(history, 2 * size);
            match = Arrays.copyOf(match, 2 * size);
        }
        int t = size, from = Math.max(1, t + 1 - HORIZON);
        best = 0;
        // Descending, so match[j - 1] is still the old value when match[j] is computed from it.
        for (int j = t; j >= from; j--) {
            int m = history[j - 1] == token ? Math.min(match[j - 1] + 1, MAX_MATCH) : 0;
            match[j] = m;
            if (m > best) best = m;
        }
        match[0] = 0;
        history[t] = token;
        size = t + 1;
    }

    private int first() { return Math.max(0, size - HORIZON); }

    private boolean barAligned(int j) { return (size - j) % stepsPerBar == 0; }

    /**
     * The copy distribution of the next event into {@code out} (one entry per token, summing to 1); all zeros
     * and returns false when no candidate at least {@code minOffset} back matches.
     */
    public boolean distribution(CopyWeights w, double[] out) {
        Arrays.fill(out, 0);
        if (best == 0) return false;
        double total = 0;
        for (int j = first(); j < size; j++) {
            int m = match[j];
            if (m == 0 || size - j < minOffset) continue;
            double x = w.weight(m, barAligned(j));
            out[history[j]] += x;
            total += x;
        }
        if (total == 0) return false;
        for (int v = 0; v < out.length; v++) out[v] /= total;
        return true;
    }

    /**
     * Candidate counts by (match length, bar-aligned) for fitting: {@code all[2m + a]} candidates and
     * {@code hits[2m + a]} of them followed by {@code target} (a = 1 when the offset is whole bars); arrays of
     * {@code 2 · (MAX_MATCH + 1)}, overwritten. The copy probability of {@code target} for any weights is then
     * Σ hits·w / Σ all·w ({@link CopyWeights#copyProbability}).
     */
    public void histogram(int target, int[] all, int[] hits) {
        Arrays.fill(all, 0);
        Arrays.fill(hits, 0);
        for (int j = first(); j < size; j++) {
            int m = match[j];
            if (m == 0 || size - j < minOffset) continue;
            int k = 2 * m + (barAligned(j) ? 1 : 0);
            all[k]++;
            if (history[j] == target) hits[k]++;
        }
    }
}
