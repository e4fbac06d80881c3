package dev.recur.eval;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** Known answers for the bootstrap over tracks and for the seed sweep's summary. */
class BootstrapIntervalTest {
    static final List<String> L = List.of("a", "b");

    /** A report of {@code n} one-segment tracks, the first {@code right} classified right. */
    static ClassificationReport report(int n, int right) {
        int[] truth = new int[n];
        float[][] p = new float[n][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            p[i] = i < right ? new float[] {0.9f, 0.1f} : new float[] {0.1f, 0.9f};
            ids.add("t" + i);
        }
        return ClassificationReport.of(L, truth, p, ids);
    }

    @Test void intervalIsTheBinomialQuantiles() {
        // 7 of 10 tracks right: a bootstrap draw counts Binomial(10, 0.7) right ones. P(X <= 3) = 0.011,
        // P(X <= 4) = 0.047, P(X <= 9) = 0.972: the 2.5 % and 97.5 % quantiles are 4 and 10.
        BootstrapInterval.Scores s = BootstrapInterval.of(report(10, 7));
        assertEquals(0.7, s.segments().estimate(), 1e-12);
        assertEquals(0.4, s.segments().low(), 1e-12);
        assertEquals(1.0, s.segments().high(), 1e-12);
        assertEquals(s.segments(), s.tracks(), "one segment per track: the same numbers");
        assertEquals("70.0% [40.0, 100.0]", s.segments().percent());
    }

    @Test void everythingRightHasNoSpread() {
        BootstrapInterval.Scores s = BootstrapInterval.of(report(5, 5));
        assertEquals(new BootstrapInterval.Interval(1, 1, 1), s.segments());
    }

    @Test void segmentsOfATrackAreResampledTogether() {
        // two tracks of 50 segments, one all right, one all wrong: only 0, 0.5 and 1 can be drawn, so the
        // interval is [0, 1]; resampling segments one by one would have given about 0.5 ± 0.1
        int[] truth = new int[100];
        float[][] p = new float[100][];
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            p[i] = i < 50 ? new float[] {1, 0} : new float[] {0, 1};
            ids.add(i < 50 ? "good" : "bad");
        }
        BootstrapInterval.Interval i = BootstrapInterval.of(ClassificationReport.of(L, truth, p, ids)).segments();
        assertEquals(0.5, i.estimate(), 1e-12);
        assertEquals(0, i.low(), 1e-12);
        assertEquals(1, i.high(), 1e-12);
        // grouped by a cluster that holds both tracks: nothing left to resample
        BootstrapInterval.Interval one = BootstrapInterval.of(ClassificationReport.of(L, truth, p, ids), t -> "piece").segments();
        assertEquals(new BootstrapInterval.Interval(0.5, 0.5, 0.5), one);
    }

    @Test void pairedDifference() {
        ClassificationReport a = report(40, 30), same = report(40, 30), worse = report(40, 10);
        BootstrapInterval.Comparison tie = BootstrapInterval.compare(a, same);
        assertEquals(new BootstrapInterval.Interval(0, 0, 0), tie.difference().segments());
        assertFalse(tie.segmentsDistinguishable());
        assertTrue(tie.verdict("recur", "baseline").endsWith("not distinguishable on this test set (the 95% intervals of the difference contain 0)"),
                tie.verdict("recur", "baseline"));
        // A is right wherever B is and on 20 more of 40 tracks: the difference is 20 of the 40 draws' share of
        // those tracks, so Binomial(40, 0.5) / 40 -> 2.5 % and 97.5 % quantiles 14/40 and 26/40
        BootstrapInterval.Comparison c = BootstrapInterval.compare(a, worse);
        assertEquals(0.5, c.difference().segments().estimate(), 1e-12);
        assertEquals(14 / 40.0, c.difference().segments().low(), 1e-12);
        assertEquals(26 / 40.0, c.difference().segments().high(), 1e-12);
        assertTrue(c.segmentsDistinguishable() && c.tracksDistinguishable());
        assertEquals("recur - baseline: segments +50.0 [+35.0, +65.0] points, tracks +50.0 [+35.0, +65.0]: recur is better on segments and tracks",
                c.verdict("recur", "baseline"));
        assertTrue(c.firstClearlyAbove());
        assertThrows(IllegalArgumentException.class, () -> BootstrapInterval.compare(report(3, 1), report(4, 1)));
    }

    @Test void sweepSummary() {
        List<SeedSweep.Run> runs = new ArrayList<>();
        runs.add(new SeedSweep.Run(1, BootstrapInterval.compare(report(40, 30), report(40, 10))));
        runs.add(new SeedSweep.Run(2, BootstrapInterval.compare(report(40, 20), report(40, 20))));
        runs.add(new SeedSweep.Run(3, BootstrapInterval.compare(report(40, 25), report(40, 18))));
        SeedSweep s = new SeedSweep(runs);
        // model 0.75, 0.5, 0.625: mean 0.625, sd 0.125; baseline 0.25, 0.5, 0.45: mean 0.4
        assertEquals(0.625, s.modelSegments().mean(), 1e-12);
        assertEquals(0.125, s.modelSegments().sd(), 1e-12);
        assertEquals(0.5, s.modelSegments().min(), 1e-12);
        assertEquals(0.75, s.modelSegments().max(), 1e-12);
        assertEquals(0.4, s.baselineTracks().mean(), 1e-12);
        assertEquals(0.225, s.differenceSegments().mean(), 1e-12);
        assertEquals(1, s.clearlyAbove());
        assertEquals(2, s.betterOnBoth(), "paired: seed 3 is right wherever the baseline is, and on 7 more tracks");
        String text = s.toText("recur", "baseline");
        assertTrue(text.contains("62.5 ± 12.5"), text);
        assertTrue(text.contains("clear of the baseline's (segments and tracks): 1 of 3 seeds"), text);
        assertEquals(4, s.toCsv().split("\n").length);
        assertEquals(0, SeedSweep.Spread.of(new double[] {0.3}).sd());
    }
}
