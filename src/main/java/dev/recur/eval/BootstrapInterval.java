package dev.recur.eval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.Function;

/**
 * 95 % intervals for accuracies measured on a small test set, by the bootstrap over tracks: the test tracks
 * (or groups of tracks that belong together, such as several clips of one piece) are drawn with replacement
 * {@value #RESAMPLES} times, and the 2.5th and 97.5th percentiles of the accuracy over the draws are the interval
 * (percentile bootstrap). Segments of one track are never resampled apart: they are not independent, and
 * treating them so would give intervals far too narrow.
 *
 * <p>Two models scored on the same segments are compared <em>paired</em>: each draw scores both on the same
 * tracks, and the interval of the difference says whether the test set can tell them apart. When it
 * contains 0 they are "not distinguishable". Deterministic: the draws come from a fixed seed.
 */
public final class BootstrapInterval {
    private BootstrapInterval() {}

    public static final int RESAMPLES = 2000;
    public static final long SEED = 1;

    /** An estimate (on the whole test set) and its 95 % interval; accuracies as fractions, differences too. */
    public record Interval(double estimate, double low, double high) {
        public boolean contains(double v) { return low <= v && v <= high; }

        /** {@code 52.5% [41.0, 63.8]} (percent). */
        public String percent() {
            return String.format(Locale.ROOT, "%.1f%% [%.1f, %.1f]", 100 * estimate, 100 * low, 100 * high);
        }

        /** {@code +7.6 [-3.4, +18.6]} (percentage points). */
        public String points() {
            return String.format(Locale.ROOT, "%+.1f [%+.1f, %+.1f]", 100 * estimate, 100 * low, 100 * high);
        }
    }

    /** Segment and track accuracy with their intervals. */
    public record Scores(Interval segments, Interval tracks) {}

    /** Both models' intervals and the paired interval of their difference (first minus second). */
    public record Comparison(Scores first, Scores second, Scores difference) {
        /** The difference interval excludes 0 at the segment level. */
        public boolean segmentsDistinguishable() { return !difference.segments().contains(0); }

        public boolean tracksDistinguishable() { return !difference.tracks().contains(0); }

        /** The first model's interval lies wholly above the second's, on segments and on tracks. */
        public boolean firstClearlyAbove() {
            return first.segments().low() > second.segments().high() && first.tracks().low() > second.tracks().high();
        }

        /**
         * One line: the differences with their intervals and what they mean, e.g. {@code recur - baseline:
         * segments +7.6 [-3.4, +18.6] points, tracks +5.1 [-8.5, +18.6]: not distinguishable on this test set ...}.
         */
        public String verdict(String firstName, String secondName) {
            String head = String.format(Locale.ROOT, "%s - %s: segments %s points, tracks %s: ", firstName, secondName,
                    difference.segments().points(), difference.tracks().points());
            boolean seg = segmentsDistinguishable(), trk = tracksDistinguishable();
            if (!seg && !trk) return head + "not distinguishable on this test set (the 95% intervals of the difference contain 0)";
            String better = difference.segments().estimate() > 0 || (!seg && difference.tracks().estimate() > 0) ? firstName : secondName;
            if (seg && trk) return head + better + " is better on segments and tracks";
            return head + better + " is better on " + (seg ? "segments" : "tracks") + "; on " + (seg ? "tracks" : "segments")
                    + " not distinguishable";
        }
    }

    /** Intervals of one report's accuracies, clusters = tracks. */
    public static Scores of(ClassificationReport r) { return of(r, Function.identity()); }

    /** Intervals of one report's accuracies; {@code clusterOf} maps a track id to the unit that is resampled. */
    public static Scores of(ClassificationReport r, Function<String, String> clusterOf) {
        Clusters c = Clusters.of(r, clusterOf);
        double[][] draws = draw(List.of(c), c.size(), RESAMPLES, SEED);
        return new Scores(interval(c.segmentAccuracy(), draws[0]), interval(c.trackAccuracy(), draws[1]));
    }

    /** Paired comparison of two reports on the same segments (same tracks in the same order), clusters = tracks. */
    public static Comparison compare(ClassificationReport first, ClassificationReport second) {
        return compare(first, second, Function.identity());
    }

    public static Comparison compare(ClassificationReport first, ClassificationReport second, Function<String, String> clusterOf) {
        if (!first.segmentTracks().equals(second.segmentTracks())) {
            throw new IllegalArgumentException("a paired comparison needs both reports on the same segments");
        }
        Clusters a = Clusters.of(first, clusterOf), b = Clusters.of(second, clusterOf);
        double[][] d = draw(List.of(a, b), a.size(), RESAMPLES, SEED);
        // d: segments a, tracks a, segments b, tracks b
        double[] segDiff = new double[RESAMPLES], trkDiff = new double[RESAMPLES];
        for (int i = 0; i < RESAMPLES; i++) {
            segDiff[i] = d[0][i] - d[2][i];
            trkDiff[i] = d[1][i] - d[3][i];
        }
        Scores sa = new Scores(interval(a.segmentAccuracy(), d[0]), interval(a.trackAccuracy(), d[1]));
        Scores sb = new Scores(interval(b.segmentAccuracy(), d[2]), interval(b.trackAccuracy(), d[3]));
        Scores diff = new Scores(interval(a.segmentAccuracy() - b.segmentAccuracy(), segDiff),
                interval(a.trackAccuracy() - b.trackAccuracy(), trkDiff));
        return new Comparison(sa, sb, diff);
    }

    /**
     * The percentile interval of {@code draws}: the values at ranks ⌊0.025·n⌋ and ⌈0.975·n⌉ − 1 of the sorted
     * draws (with 2000 draws, the 51st and the 1950th).
     */
    static Interval interval(double estimate, double[] draws) {
        double[] s = draws.clone();
        Arrays.sort(s);
        int n = s.length;
        return new Interval(estimate, s[(int) Math.floor(0.025 * n)], s[(int) Math.ceil(0.975 * n) - 1]);
    }

    /**
     * Resamples the cluster indices once per draw and scores every set of clusters on the same draw: returns
     * [segment accuracy, track accuracy] per set, each with {@code resamples} values.
     */
    static double[][] draw(List<Clusters> sets, int clusters, int resamples, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        double[][] out = new double[2 * sets.size()][resamples];
        int[] pick = new int[clusters];
        for (int r = 0; r < resamples; r++) {
            for (int i = 0; i < clusters; i++) pick[i] = random.nextInt(clusters);
            for (int s = 0; s < sets.size(); s++) {
                Clusters c = sets.get(s);
                long segRight = 0, segs = 0, trkRight = 0, trks = 0;
                for (int i : pick) {
                    segRight += c.segmentRight[i];
                    segs += c.segments[i];
                    trkRight += c.trackRight[i];
                    trks += c.tracks[i];
                }
                out[2 * s][r] = (double) segRight / segs;
                out[2 * s + 1][r] = (double) trkRight / trks;
            }
        }
        return out;
    }

    /** Per cluster: segments and tracks, and how many of each were right. */
    record Clusters(int[] segments, int[] segmentRight, int[] tracks, int[] trackRight) {
        int size() { return segments.length; }

        double segmentAccuracy() { return ratio(segmentRight, segments); }

        double trackAccuracy() { return ratio(trackRight, tracks); }

        private static double ratio(int[] a, int[] b) {
            long x = 0, y = 0;
            for (int i = 0; i < a.length; i++) {
                x += a[i];
                y += b[i];
            }
            return (double) x / y;
        }

        static Clusters of(ClassificationReport r, Function<String, String> clusterOf) {
            Map<String, Integer> index = new LinkedHashMap<>();
            for (String t : r.trackCorrect().keySet()) index.putIfAbsent(clusterOf.apply(t), index.size());
            int n = index.size();
            int[] segs = new int[n], segRight = new int[n], trks = new int[n], trkRight = new int[n];
            List<String> st = r.segmentTracks();
            for (int i = 0; i < st.size(); i++) {
                int c = index.get(clusterOf.apply(st.get(i)));
                segs[c]++;
                if (r.segmentCorrect(i)) segRight[c]++;
            }
            for (var e : r.trackCorrect().entrySet()) {
                int c = index.get(clusterOf.apply(e.getKey()));
                trks[c]++;
                if (e.getValue()) trkRight[c]++;
            }
            return new Clusters(segs, segRight, trks, trkRight);
        }
    }

    /**
     * What {@code train-classifier} and {@code evaluate} print under the accuracy table: each model's 95 % intervals,
     * then the paired verdict of the first model against every other one (the baselines). All reports must be
     * on the same segments.
     */
    public static String describe(Map<String, ClassificationReport> byModel, Function<String, String> clusterOf) {
        List<String> names = new ArrayList<>(byModel.keySet());
        ClassificationReport first = byModel.get(names.getFirst());
        int tracks = first.trackCorrect().size(), units = clusters(first, clusterOf).size();
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT,
                "95%% intervals (bootstrap over %s, %d resamples):%n",
                units == tracks ? tracks + " test tracks" : tracks + " test tracks in " + units + " groups", RESAMPLES));
        int w = 5;
        for (String n : names) w = Math.max(w, n.length());
        for (String n : names) {
            Scores s = of(byModel.get(n), clusterOf);
            sb.append(String.format(Locale.ROOT, "  %-" + w + "s  segments %-20s  tracks %s%n", n, s.segments().percent(), s.tracks().percent()));
        }
        for (int i = 1; i < names.size(); i++) {
            sb.append("  ").append(compare(first, byModel.get(names.get(i)), clusterOf).verdict(names.getFirst(), names.get(i))).append('\n');
        }
        return sb.toString();
    }

    /** Names of the clusters in order, for messages ("59 tracks in 31 groups"). */
    public static List<String> clusters(ClassificationReport r, Function<String, String> clusterOf) {
        List<String> out = new ArrayList<>();
        for (String t : r.trackCorrect().keySet()) {
            String c = clusterOf.apply(t);
            if (!out.contains(c)) out.add(c);
        }
        return out;
    }
}
