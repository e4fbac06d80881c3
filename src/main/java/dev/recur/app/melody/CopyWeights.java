package dev.recur.app.melody;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link CopyCache} is mixed into a model's next-event distribution:
 * p = (1 − λ) · p<sub>model</sub> + λ · p<sub>copy</sub>, where λ depends on the evidence, the best match length
 * M (buckets 0, 1, 2–3, 4–7, 8–15, 16–31, 32: λ = 0 when nothing matches), and a candidate whose context matched
 * for m steps votes with weight exp(lengthWeight · m), times {@code barWeight} when it lies whole bars back.
 * Fitted by {@link CopyCacheFit} on held-out melodies; stored in model.json's metadata under {@value #KEY}.
 *
 * @param lengthWeight how much longer matches count (0 = every match alike)
 * @param barWeight    extra weight of candidates whole bars back (1 = none)
 * @param lambdas      the copy weight per bucket of the best match, {@link #BUCKETS} values in [0, 1), the first 0
 */
public record CopyWeights(double lengthWeight, double barWeight, double[] lambdas) {
    /** model.json metadata key. */
    public static final String KEY = "copy_cache";
    public static final int BUCKETS = 7;

    public CopyWeights {
        if (!(lengthWeight >= 0) || Double.isInfinite(lengthWeight)) throw new IllegalArgumentException("length_weight must be >= 0, got " + lengthWeight);
        if (!(barWeight > 0) || Double.isInfinite(barWeight)) throw new IllegalArgumentException("bar_weight must be > 0, got " + barWeight);
        if (lambdas == null || lambdas.length != BUCKETS) {
            throw new IllegalArgumentException("weights must have " + BUCKETS + " values, got " + (lambdas == null ? 0 : lambdas.length));
        }
        for (double l : lambdas) if (!(l >= 0 && l < 1)) throw new IllegalArgumentException("weights must be in [0, 1), got " + l);
        if (lambdas[0] != 0) throw new IllegalArgumentException("the weight of bucket 0 (no match) must be 0, got " + lambdas[0]);
        lambdas = lambdas.clone();
    }

    /** Bucket of a best match length: 0 for none, then by powers of two up to {@link CopyCache#MAX_MATCH}. */
    public static int bucket(int bestMatch) {
        if (bestMatch <= 0) return 0;
        return Math.min(BUCKETS - 1, 32 - Integer.numberOfLeadingZeros(bestMatch));
    }

    /** The copy weight λ for a best match length. */
    public double lambda(int bestMatch) { return lambdas[bucket(bestMatch)]; }

    /** A candidate's vote: exp(lengthWeight · m), times barWeight when it lies whole bars back. */
    public double weight(int match, boolean barAligned) {
        return Math.exp(lengthWeight * match) * (barAligned ? barWeight : 1);
    }

    /** The copy probability of the target from {@link CopyCache#histogram} counts (0 when there is no candidate). */
    public double copyProbability(int[] all, int[] hits) {
        double num = 0, den = 0;
        for (int k = 2; k < all.length; k++) {
            if (all[k] == 0) continue;
            double w = weight(k / 2, (k & 1) == 1);
            num += w * hits[k];
            den += w * all[k];
        }
        return den == 0 ? 0 : num / den;
    }

    /** Every λ times {@code scale}, kept below 1 (a generation-side knob; 0 turns the cache off). */
    public CopyWeights scaled(double scale) {
        if (!(scale >= 0) || Double.isInfinite(scale)) throw new IllegalArgumentException("the cache scale must be >= 0, got " + scale);
        double[] l = new double[BUCKETS];
        for (int b = 1; b < BUCKETS; b++) l[b] = Math.min(0.99, lambdas[b] * scale);
        return new CopyWeights(lengthWeight, barWeight, l);
    }

    /** True when no bucket mixes anything in. */
    public boolean off() {
        for (double l : lambdas) if (l > 0) return false;
        return true;
    }

    /**
     * p = (1 − λ) · model + λ · copy into {@code out} (may be {@code model}) for the cache's current state;
     * {@code copy} is scratch. Returns λ (0: {@code out} is the model's distribution unchanged).
     */
    public double mix(CopyCache cache, double[] model, double[] copy, double[] out) {
        double l = lambda(cache.bestMatch());
        if (l == 0 || !cache.distribution(this, copy)) {
            if (out != model) System.arraycopy(model, 0, out, 0, model.length);
            return 0;
        }
        for (int v = 0; v < out.length; v++) out[v] = (1 - l) * model[v] + l * copy[v];
        return l;
    }

    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("max_match", CopyCache.MAX_MATCH);
        m.put("horizon", CopyCache.HORIZON);
        m.put("length_weight", lengthWeight);
        m.put("bar_weight", barWeight);
        List<Double> l = new ArrayList<>();
        for (double x : lambdas) l.add(x);
        m.put("weights", l);
        return m;
    }

    /** Reads {@link #toMap()} (other keys are ignored); an ill-formed entry gives an IllegalArgumentException naming it. */
    public static CopyWeights fromMap(Map<?, ?> m) {
        if (!(m.get("weights") instanceof List<?> list)) throw new IllegalArgumentException(KEY + ".weights must be a list of " + BUCKETS + " numbers");
        double[] l = new double[list.size()];
        for (int i = 0; i < l.length; i++) {
            if (!(list.get(i) instanceof Number n)) throw new IllegalArgumentException(KEY + ".weights[" + i + "] must be a number, got " + list.get(i));
            l[i] = n.doubleValue();
        }
        for (String k : List.of("max_match", "horizon")) {
            Object want = k.equals("horizon") ? CopyCache.HORIZON : CopyCache.MAX_MATCH;
            if (m.containsKey(k) && !(m.get(k) instanceof Number n && n.intValue() == (Integer) want)) {
                throw new IllegalArgumentException(KEY + "." + k + " is " + m.get(k) + ", this version of Recur only reads " + want);
            }
        }
        return new CopyWeights(number(m, "length_weight"), number(m, "bar_weight"), l);
    }

    /** The weights stored with a model (its metadata), or null when it has none: the model is used alone. */
    public static CopyWeights of(Map<String, Object> metadata) {
        Object c = metadata == null ? null : metadata.get(KEY);
        if (c == null) return null;
        if (!(c instanceof Map<?, ?> m)) throw new IllegalArgumentException("metadata." + KEY + " must be an object, got " + c);
        return fromMap(m);
    }

    private static double number(Map<?, ?> m, String key) {
        if (m.get(key) instanceof Number n) return n.doubleValue();
        throw new IllegalArgumentException(KEY + "." + key + " must be a number, got " + m.get(key));
    }

    @Override public boolean equals(Object o) {
        return o instanceof CopyWeights w && w.lengthWeight == lengthWeight && w.barWeight == barWeight && Arrays.equals(w.lambdas, lambdas);
    }

    @Override public int hashCode() { return Arrays.hashCode(lambdas) * 31 + Double.hashCode(lengthWeight) + 7 * Double.hashCode(barWeight); }

    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "copy cache (length weight %.2f, bar weight %.1f, weights %s)", lengthWeight, barWeight,
                Arrays.stream(lambdas).mapToObj(x -> String.format(java.util.Locale.ROOT, "%.3f", x)).toList());
    }

    /** The lambdas (a copy). */
    @Override public double[] lambdas() { return lambdas.clone(); }
}
