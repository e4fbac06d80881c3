package dev.recur.app.melody;

import java.util.Random;

/**
 * Draws the next event from logits: disallowed tokens removed, softmax at a temperature, then top-k
 * (keep the k likeliest) and top-p (keep the smallest likeliest set whose mass reaches p), renormalised.
 * Ties are ordered by token id, so a draw depends only on the logits and the random source.
 *
 * @param topK 0 = no limit
 * @param topP 1 = no limit
 */
public record Sampling(double temperature, int topK, double topP) {
    public static final Sampling DEFAULT = new Sampling(1.0, 0, 1.0);

    public Sampling {
        if (!(temperature > 0) || Double.isInfinite(temperature)) throw new IllegalArgumentException("--temperature must be > 0, got " + temperature);
        if (topK < 0) throw new IllegalArgumentException("--top-k must be >= 0, got " + topK);
        if (!(topP > 0 && topP <= 1)) throw new IllegalArgumentException("--top-p must be in (0, 1], got " + topP);
    }

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

    /** One draw; {@code allowed} may be null (all tokens). {@code p} and {@code order} are scratch arrays of the logits' length. */
    public int sample(float[] logits, boolean[] allowed, Random random, double[] p, int[] order) {
        int n = logits.length, count = 0;
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) if (allowed == null || allowed[i]) max = Math.max(max, logits[i]);
        if (max == Double.NEGATIVE_INFINITY) throw new IllegalArgumentException("no token is allowed");
        double sum = 0;
        for (int i = 0; i < n; i++) {
            if (allowed != null && !allowed[i]) { p[i] = 0; continue; }
            p[i] = Math.exp((logits[i] - max) / temperature);
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
        double kept = 0;
        for (int a = 0; a < keep; a++) kept += p[order[a]];
        double u = random.nextDouble() * kept;
        for (int a = 0; a < keep; a++) {
            u -= p[order[a]];
            if (u < 0) return order[a];
        }
        return order[keep - 1];
    }
}
