package dev.recur.midi;

import dev.recur.midi.MelodyFeatures.Feature;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two sets of melodies (a human reference and generated ones) compared feature by feature: each set's mean
 * and standard deviation, and the overlapping area of the two distributions (Yang &amp; Lerch 2018), each
 * estimated by a Gaussian kernel density. Overlap 1 means the feature cannot tell the sets apart; 0 that
 * they never meet. Melodies for which a feature is undefined (NaN) are left out of that feature.
 */
public final class MelodySetComparison {

    /** One feature: per-set count, mean, sd, and the overlap (NaN when a set has no defined value). */
    public record Row(Feature feature, int referenceCount, double referenceMean, double referenceSd,
                      int generatedCount, double generatedMean, double generatedSd, double overlap) {}

    private final List<Row> rows;

    private MelodySetComparison(List<Row> rows) { this.rows = List.copyOf(rows); }

    public static MelodySetComparison of(List<MelodyFeatures> reference, List<MelodyFeatures> generated) {
        List<Row> rows = new ArrayList<>();
        for (Feature f : Feature.values()) {
            double[] r = defined(reference, f), g = defined(generated, f);
            rows.add(new Row(f, r.length, mean(r), sd(r), g.length, mean(g), sd(g),
                    r.length == 0 || g.length == 0 ? Double.NaN : overlap(r, g)));
        }
        return new MelodySetComparison(rows);
    }

    public List<Row> rows() { return rows; }

    public Row row(Feature f) { return rows.get(f.ordinal()); }

    /** Mean of the features' overlaps (those defined for both sets). */
    public double meanOverlap() {
        double s = 0;
        int n = 0;
        for (Row r : rows) if (!Double.isNaN(r.overlap())) { s += r.overlap(); n++; }
        return n == 0 ? Double.NaN : s / n;
    }

    /** Feature key → {reference_mean, reference_sd, reference_count, generated_..., overlap}, and "mean_overlap". */
    public Map<String, Object> toMap() {
        Map<String, Object> features = new LinkedHashMap<>();
        for (Row r : rows) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("reference_mean", r.referenceMean());
            m.put("reference_sd", r.referenceSd());
            m.put("reference_count", r.referenceCount());
            m.put("generated_mean", r.generatedMean());
            m.put("generated_sd", r.generatedSd());
            m.put("generated_count", r.generatedCount());
            m.put("overlap", r.overlap());
            features.put(r.feature().key(), m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("features", features);
        out.put("mean_overlap", meanOverlap());
        return out;
    }

    static double[] defined(List<MelodyFeatures> set, Feature f) {
        return set.stream().mapToDouble(m -> m.get(f)).filter(x -> !Double.isNaN(x)).toArray();
    }

    public static double mean(double[] x) {
        if (x.length == 0) return Double.NaN;
        double s = 0;
        for (double v : x) s += v;
        return s / x.length;
    }

    /** Sample standard deviation (n − 1); 0 for one value, NaN for none. */
    public static double sd(double[] x) {
        if (x.length == 0) return Double.NaN;
        if (x.length == 1) return 0;
        double m = mean(x), s = 0;
        for (double v : x) s += (v - m) * (v - m);
        return Math.sqrt(s / (x.length - 1));
    }

    /**
     * Overlapping area ∫ min(p, q) of the two samples' Gaussian kernel densities. Bandwidths follow Scott's
     * rule (sd · n^(−1/5)) with a floor of 5 % of the pooled sd, so a set of equal values is a narrow bump
     * rather than a spike; two sets of one and the same value overlap fully.
     */
    public static double overlap(double[] a, double[] b) {
        double[] pooled = new double[a.length + b.length];
        System.arraycopy(a, 0, pooled, 0, a.length);
        System.arraycopy(b, 0, pooled, a.length, b.length);
        double pooledSd = sd(pooled);
        if (pooledSd == 0) return 1.0;
        double floor = 0.05 * pooledSd;
        return overlap(a, bandwidth(a, floor), b, bandwidth(b, floor));
    }

    static double bandwidth(double[] x, double floor) {
        return Math.max(floor, sd(x) * Math.pow(x.length, -0.2));
    }

    /** ∫ min(p, q) for kernel densities with the given Gaussian bandwidths, by the trapezoid rule on a fine grid. */
    public static double overlap(double[] a, double ha, double[] b, double hb) {
        double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
        for (double v : a) { lo = Math.min(lo, v - 6 * ha); hi = Math.max(hi, v + 6 * ha); }
        for (double v : b) { lo = Math.min(lo, v - 6 * hb); hi = Math.max(hi, v + 6 * hb); }
        // Enough points that the narrowest kernel spans many of them.
        int points = (int) Math.min(200_000, Math.max(4001, 40 * (hi - lo) / Math.min(ha, hb)));
        double dx = (hi - lo) / (points - 1), area = 0, prev = 0;
        for (int i = 0; i < points; i++) {
            double x = lo + i * dx;
            double m = Math.min(density(a, ha, x), density(b, hb, x));
            if (i > 0) area += 0.5 * (m + prev) * dx;
            prev = m;
        }
        return Math.min(1.0, area);
    }

    private static double density(double[] s, double h, double x) {
        double sum = 0;
        for (double v : s) {
            double z = (x - v) / h;
            sum += Math.exp(-0.5 * z * z);
        }
        return sum / (s.length * h * Math.sqrt(2 * Math.PI));
    }
}
