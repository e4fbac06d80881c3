package dev.recur.app.melody;

import dev.recur.midi.MelodyVocabulary;

import java.util.Random;

/**
 * Draws the next event from logits: disallowed tokens removed, softmax at a temperature, then top-k
 * (keep the k likeliest) and top-p (keep the smallest likeliest set whose mass reaches p), renormalised.
 * Ties are ordered by token id, so a draw depends only on the logits and the random source.
 *
 * <p>Joint sampling (no {@code rhythmTemperature}) treats the hold (NO_EVENT), the rest (NOTE_OFF) and the
 * pitches alike, so a low temperature, which sharpens towards the likeliest single token, mostly picks
 * "hold": most steps of a melody are holds, and the mass of a new note is spread over many pitches. Split
 * sampling ({@link #split}) first draws what happens (hold, rest or a new note) from the model's own odds,
 * sharpened only by {@code rhythmTemperature}, then, for a new note, the pitch from the pitch tokens alone
 * at {@code temperature} with top-k/top-p: the temperature then means "how adventurous are the pitches"
 * and leaves the note density alone. With both temperatures 1 the two ways draw from the same distribution.
 *
 * @param topK              0 = no limit
 * @param topP              1 = no limit
 * @param rhythmTemperature NaN = joint sampling; else the temperature of the hold / rest / note decision
 */
public record Sampling(double temperature, int topK, double topP, double rhythmTemperature) {
    /** Joint sampling at temperature 1, no limits. */
    public static final Sampling DEFAULT = new Sampling(1.0, 0, 1.0);

    public Sampling {
        if (!(temperature > 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("--temperature must be > 0, got " + temperature);
        if (topK < 0) throw new IllegalArgumentException("--top-k must be >= 0, got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("--top-p must be in (0, 1], got " + topP);
        if (!Double.isNaN(rhythmTemperature) && (!(rhythmTemperature > 0) || Double.isInfinite(rhythmTemperature))) {
            throw new IllegalArgumentException("--rhythm-temperature must be > 0, got " + rhythmTemperature);
        }
    }

    /** Joint sampling: one temperature and top-k/top-p over all tokens. */
    public Sampling(double temperature, int topK, double topP) { this(temperature, topK, topP, Double.NaN); }

    /** Split sampling: the hold / rest / note decision at {@code rhythmTemperature}, the pitch at {@code temperature}. */
    public static Sampling split(double temperature, int topK, double topP, double rhythmTemperature) {
        if (Double.isNaN(rhythmTemperature)) throw new IllegalArgumentException("--rhythm-temperature must be > 0, got NaN");
        return new Sampling(temperature, topK, topP, rhythmTemperature);
    }

    public boolean isSplit() { return !Double.isNaN(rhythmTemperature); }

    /** Index of the largest allowed logit (the lowest id on ties). */
    public static int argmax(float[] logits, boolean[] allowed) {
        int best = -1;
        for (int i = 0; i < logits.length; i++) {
            if (allowed != null && !allowed[i]) continue;
            if (best < 0 || logits[i] > logits[best]) best = i;
        }
        if (best < 0) throw new IllegalArgumentException("no token is allowed");
        return best;
    }

    /**
     * One draw; {@code allowed} may be null (all tokens). {@code p} and {@code order} are scratch arrays of the
     * logits' length. In split mode tokens {@value MelodyVocabulary#NO_EVENT_ID} (hold) and
     * {@value MelodyVocabulary#NOTE_OFF_ID} (rest) are the non-note events, all others pitches.
     */
    public int sample(float[] logits, boolean[] allowed, Random random, double[] p, int[] order) {
        if (isSplit()) return sampleSplit(logits, allowed, random, p, order);
        return sampleAmong(logits, allowed, 0, temperature, topK, topP, random, p, order);
    }

    private int sampleSplit(float[] logits, boolean[] allowed, Random random, double[] p, int[] order) {
        double[] mass = rhythmOdds(logits, allowed);
        int kind = kind(mass, random);
        if (kind == 0) return MelodyVocabulary.NO_EVENT_ID;
        if (kind == 1) return MelodyVocabulary.NOTE_OFF_ID;
        return sampleAmong(logits, allowed, 2, temperature, topK, topP, random, p, order);
    }

    /**
     * A draw from this sampling's distribution of the network (temperatures, top-k/top-p) with a copy distribution
     * mixed in after it: (1 − λ) · network + λ · copy, the copy restricted to the allowed tokens. Split sampling
     * stays split: hold / rest / note from the mixed odds, then the pitch from the mixed pitch masses. With
     * λ = 0, or no allowed copy mass, this is {@link #sample(float[], boolean[], Random, double[], int[])} exactly.
     *
     * @param copy a distribution over the tokens (e.g. {@link CopyCache#distribution}); read only
     */
    public int sample(float[] logits, boolean[] allowed, double[] copy, double lambda, Random random, double[] p, int[] order) {
        double copyMass = 0;
        if (lambda > 0) for (int i = 0; i < copy.length; i++) if (allowed == null || allowed[i]) copyMass += copy[i];
        if (lambda == 0 || copyMass == 0) return sample(logits, allowed, random, p, order);
        int n = logits.length;
        if (!isSplit()) {
            kept(logits, allowed, 0, temperature, topK, topP, p, order);
            for (int i = 0; i < n; i++) p[i] = (1 - lambda) * p[i] + lambda * allowedCopy(copy, allowed, i, copyMass);
            return draw(p, 0, random);
        }
        int hold = MelodyVocabulary.NO_EVENT_ID, off = MelodyVocabulary.NOTE_OFF_ID;
        double[] net = rhythmOdds(logits, allowed), mixed = new double[3];
        double total = net[0] + net[1] + net[2];
        double copyHold = allowedCopy(copy, allowed, hold, copyMass), copyOff = allowedCopy(copy, allowed, off, copyMass);
        mixed[0] = (1 - lambda) * net[0] / total + lambda * copyHold;
        mixed[1] = (1 - lambda) * net[1] / total + lambda * copyOff;
        mixed[2] = (1 - lambda) * net[2] / total + lambda * Math.max(0, 1 - copyHold - copyOff);
        int kind = kind(mixed, random);
        if (kind == 0) return hold;
        if (kind == 1) return off;
        // The pitch: the network's pitch distribution (at the pitch temperature, top-k/top-p) and the copy's pitches,
        // each weighted by its share of the mixed "new note" mass.
        double a = (1 - lambda) * net[2] / total, b = lambda;
        if (net[2] > 0) kept(logits, allowed, 2, temperature, topK, topP, p, order);
        else java.util.Arrays.fill(p, 0);
        for (int i = 0; i < n; i++) p[i] = i < 2 ? 0 : a * p[i] + b * allowedCopy(copy, allowed, i, copyMass);
        return draw(p, 2, random);
    }

    /**
     * The model's own odds of hold, rest and "some note" (mass of every allowed pitch), sharpened by the rhythm
     * temperature; not normalised.
     */
    private double[] rhythmOdds(float[] logits, boolean[] allowed) {
        int hold = MelodyVocabulary.NO_EVENT_ID, off = MelodyVocabulary.NOTE_OFF_ID;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < logits.length; i++) if (allowed == null || allowed[i]) max = Math.max(max, logits[i]);
        if (max == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException("no token is allowed");
        double[] mass = new double[3];
        for (int i = 0; i < logits.length; i++) {
            if (allowed != null && !allowed[i]) continue;
            mass[i == hold ? 0 : i == off ? 1 : 2] += Math.exp(logits[i] - max);
        }
        for (int c = 0; c < 3; c++) mass[c] = mass[c] == 0 ? 0 : Math.pow(mass[c], 1 / rhythmTemperature);
        return mass;
    }

    /** 0 (hold), 1 (rest) or 2 (a note), drawn from the weights {@code w}. */
    private static int kind(double[] w, Random random) {
        double u = random.nextDouble() * (w[0] + w[1] + w[2]);
        int kind = u < w[0] ? 0 : u < w[0] + w[1] ? 1 : 2;
        if (kind == 2 && w[2] == 0) kind = w[1] > 0 ? 1 : 0;    // rounding at the edge
        return kind;
    }

    private static double allowedCopy(double[] copy, boolean[] allowed, int i, double copyMass) {
        return allowed == null || allowed[i] ? copy[i] / copyMass : 0;
    }

    /** A draw from the weights {@code p} (not necessarily normalised) of the tokens from {@code first} on, in id order. */
    private static int draw(double[] p, int first, Random random) {
        double total = 0;
        int last = -1;
        for (int i = first; i < p.length; i++) {
            total += p[i];
            if (p[i] > 0) last = i;
        }
        if (last < 0) throw new IllegalArgumentException("no token is allowed");
        double u = random.nextDouble() * total;
        for (int i = first; i < p.length; i++) {
            u -= p[i];
            if (u < 0 && p[i] > 0) return i;
        }
        return last;
    }

    /**
     * The distribution {@link #sampleAmong} draws from, in {@code p}: the kept tokens' probabilities (summing to 1),
     * 0 for the others.
     */
    private static void kept(float[] logits, boolean[] allowed, int first, double t, int topK, double topP, double[] p, int[] order) {
        int keep = rank(logits, allowed, first, t, topK, topP, p, order);
        double kept = 0;
        for (int a = 0; a < keep; a++) kept += p[order[a]];
        boolean[] in = new boolean[p.length];
        for (int a = 0; a < keep; a++) in[order[a]] = true;
        for (int i = 0; i < p.length; i++) p[i] = in[i] ? p[i] / kept : 0;
    }

    /** Softmax at {@code t} over the allowed tokens from id {@code first} on, then top-k and top-p, then a draw. */
    private static int sampleAmong(float[] logits, boolean[] allowed, int first, double t, int topK, double topP,
                                   Random random, double[] p, int[] order) {
        int keep = rank(logits, allowed, first, t, topK, topP, p, order);
        double kept = 0;
        for (int a = 0; a < keep; a++) kept += p[order[a]];
        double u = random.nextDouble() * kept;
        for (int a = 0; a < keep; a++) {
            u -= p[order[a]];
            if (u < 0) return order[a];
        }
        return order[keep - 1];
    }

    /**
     * Unnormalised softmax weights at {@code t} of the allowed tokens from id {@code first} on into {@code p} (0 for
     * the others), their ids by descending weight (ties by id) into {@code order}; returns how many of them top-k
     * and top-p keep.
     */
    private static int rank(float[] logits, boolean[] allowed, int first, double t, int topK, double topP, double[] p, int[] order) {
        int n = logits.length, count = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = first; i < n; i++) if (allowed == null || allowed[i]) max = Math.max(max, logits[i]);
        if (max == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException("no token is allowed");
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (i < first || (allowed != null && !allowed[i])) { p[i] = 0; continue; }
            p[i] = Math.exp((logits[i] - max) / t);
            sum += p[i];
            order[count++] = i;
        }
        // Sort the allowed ids by probability, descending, ties by id (insertion sort: n is small).
        for (int a = 1; a < count; a++) {
            int id = order[a], b = a - 1;
            while (b >= 0 && (p[order[b]] < p[id] || (p[order[b]] == p[id] && order[b] > id))) {
                order[b + 1] = order[b];
                b--;
            }
            order[b + 1] = id;
        }
        int keep = topK > 0 ? Math.min(topK, count) : count;
        if (topP < 1) {
            double mass = 0;
            for (int a = 0; a < keep; a++) {
                mass += p[order[a]] / sum;
                if (mass >= topP) { keep = a + 1; break; }
            }
        }
        return keep;
    }
}
