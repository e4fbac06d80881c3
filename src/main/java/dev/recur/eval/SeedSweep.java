package dev.recur.eval;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The same recipe run with several seeds (each seed draws its own split, initialisation and batches): per-seed
 * accuracies with their bootstrap intervals, the mean ± standard deviation over seeds, and on how many seeds the
 * model was told apart from the baseline. One run on a small test set says little; the spread over seeds says
 * how much a figure moves when nothing but chance changes.
 */
public final class SeedSweep {
    private final List<Run> runs;

    /** One seed's paired comparison: the model first, the baseline second. */
    public record Run(long seed, BootstrapInterval.Comparison comparison) {}

    /** Mean, sample standard deviation (n − 1; 0 for one run), minimum and maximum over seeds. */
    public record Spread(double mean, double sd, double min, double max) {
        public static Spread of(double[] v) {
            double sum = 0, lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
            for (double x : v) {
                sum += x;
                lo = Math.min(lo, x);
                hi = Math.max(hi, x);
            }
            double mean = sum / v.length, sq = 0;
            for (double x : v) sq += (x - mean) * (x - mean);
            return new Spread(mean, v.length > 1 ? Math.sqrt(sq / (v.length - 1)) : 0, lo, hi);
        }

        /** {@code 52.1 ± 4.3} (percent or points). */
        public String text() { return String.format(Locale.ROOT, "%.1f ± %.1f", 100 * mean, 100 * sd); }
    }

    public SeedSweep(List<Run> runs) {
        if (runs.isEmpty()) throw new IllegalArgumentException("a sweep needs at least one run");
        this.runs = List.copyOf(runs);
    }

    public List<Run> runs() { return runs; }

    public Spread spread(ToDoubleFunction<BootstrapInterval.Comparison> f) {
        return Spread.of(runs.stream().mapToDouble(r -> f.applyAsDouble(r.comparison())).toArray());
    }

    public Spread modelSegments() { return spread(c -> c.first().segments().estimate()); }
    public Spread modelTracks() { return spread(c -> c.first().tracks().estimate()); }
    public Spread baselineSegments() { return spread(c -> c.second().segments().estimate()); }
    public Spread baselineTracks() { return spread(c -> c.second().tracks().estimate()); }
    public Spread differenceSegments() { return spread(c -> c.difference().segments().estimate()); }
    public Spread differenceTracks() { return spread(c -> c.difference().tracks().estimate()); }

    /** Seeds on which the model's interval lies wholly above the baseline's, on segments and tracks. */
    public long clearlyAbove() { return runs.stream().filter(r -> r.comparison().firstClearlyAbove()).count(); }

    /** Seeds on which the paired difference excludes 0 in the model's favour, on segments and on tracks. */
    public long betterOnBoth() {
        return runs.stream().filter(r -> r.comparison().difference().segments().low() > 0
                && r.comparison().difference().tracks().low() > 0).count();
    }

    /** A table, one row per seed, then the mean ± sd and the counts. */
    public String toText(String model, String baseline) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-5s  %-20s  %-20s  %-20s  %-20s  %s%n", "seed", model + " segments", "tracks",
                baseline + " segments", "tracks", "difference segments / tracks (points)"));
        for (Run r : runs) {
            BootstrapInterval.Comparison c = r.comparison();
            sb.append(String.format(Locale.ROOT, "%-5d  %-20s  %-20s  %-20s  %-20s  %s / %s%n", r.seed(),
                    c.first().segments().percent(), c.first().tracks().percent(), c.second().segments().percent(),
                    c.second().tracks().percent(), c.difference().segments().points(), c.difference().tracks().points()));
        }
        sb.append(String.format(Locale.ROOT, "%-5s  %-20s  %-20s  %-20s  %-20s  %s / %s%n", "mean", modelSegments().text(),
                modelTracks().text(), baselineSegments().text(), baselineTracks().text(), signed(differenceSegments()),
                signed(differenceTracks())));
        sb.append(String.format(Locale.ROOT, "%s's 95%% interval clear of the baseline's (segments and tracks): %d of %d seeds; "
                + "paired difference above 0 on both: %d of %d%n", model, clearlyAbove(), runs.size(), betterOnBoth(), runs.size()));
        return sb.toString();
    }

    private static String signed(Spread s) { return String.format(Locale.ROOT, "%+.1f ± %.1f", 100 * s.mean(), 100 * s.sd()); }

    /** {@code seed,model_segments,model_segments_low,...} one row per seed (fractions). */
    public String toCsv() {
        StringBuilder sb = new StringBuilder("seed");
        for (String w : new String[] {"model_segments", "model_tracks", "baseline_segments", "baseline_tracks", "difference_segments", "difference_tracks"}) {
            sb.append(',').append(w).append(',').append(w).append("_low,").append(w).append("_high");
        }
        sb.append('\n');
        for (Run r : runs) {
            BootstrapInterval.Comparison c = r.comparison();
            sb.append(r.seed());
            for (BootstrapInterval.Interval i : new BootstrapInterval.Interval[] {c.first().segments(), c.first().tracks(),
                    c.second().segments(), c.second().tracks(), c.difference().segments(), c.difference().tracks()}) {
                sb.append(String.format(Locale.ROOT, ",%.6f,%.6f,%.6f", i.estimate(), i.low(), i.high()));
            }
            sb.append('\n');
        }
        return sb.toString();
    }
}
