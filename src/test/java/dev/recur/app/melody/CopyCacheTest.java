package dev.recur.app.melody;

import dev.recur.io.ModelStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The copy cache: known answers of the copy distribution, its fit, the mixture, sampling and storage. */
class CopyCacheTest {
    static final int V = 14;                 // MelodyGeneratorTest.SMALL's vocabulary

    static CopyCache fed(int stepsPerBar, int... tokens) {
        CopyCache c = new CopyCache(stepsPerBar);
        for (int t : tokens) c.add(t);
        return c;
    }

    static CopyWeights votes(double lengthWeight, double barWeight) {
        return new CopyWeights(lengthWeight, barWeight, new double[] {0, 0.5, 0.5, 0.5, 0.5, 0.5, 0.5});
    }

    @Test void aRepeatedFigureVotesForWhatFollowedIt() {
        // 5 6 7 8 | 5 6 7 → the context "5 6 7" occurred before, followed by 8: the only candidate, match length 3.
        CopyCache c = fed(16, 5, 6, 7, 8, 5, 6, 7);
        assertEquals(3, c.bestMatch());
        double[] p = new double[V];
        assertTrue(c.distribution(votes(1, 1), p));
        double[] want = new double[V];
        want[8] = 1;
        assertArrayEquals(want, p, 1e-12);
    }

    @Test void longerMatchesAndWholeBarOffsetsWeighMore() {
        // 5 6 7 9 | 1 6 7 8 | 5 6 7: after "5 6 7" came 9 (match 3, 8 steps back), after "6 7" came 8 (match 2, 4 back).
        int[] h = {5, 6, 7, 9, 1, 6, 7, 8, 5, 6, 7};
        double[] p = new double[V];
        assertTrue(fed(16, h).distribution(votes(1, 1), p));
        assertEquals(Math.E / (Math.E + 1), p[9], 1e-12);
        assertEquals(1 / (Math.E + 1), p[8], 1e-12);
        assertTrue(fed(16, h).distribution(votes(0, 1), p));
        assertEquals(0.5, p[9], 1e-12, "length weight 0: every match alike");
        // With 8-step bars the 9 lies a whole bar back, the 8 half a bar: bar weight 4 multiplies its vote.
        assertTrue(fed(8, h).distribution(votes(1, 4), p));
        assertEquals(4 * Math.E / (4 * Math.E + 1), p[9], 1e-12);
        assertEquals(3, fed(8, h).bestMatch());
    }

    @Test void nothingMatchingLeavesTheModelUnchanged() {
        CopyCache c = fed(16, 2, 3, 4, 5);
        assertEquals(0, c.bestMatch());
        double[] copy = new double[V], out = new double[V];
        assertFalse(c.distribution(votes(1, 1), copy));
        double[] model = uniformish(1);
        CopyWeights w = new CopyWeights(1, 2, new double[] {0, 0.9, 0.9, 0.9, 0.9, 0.9, 0.9});
        assertEquals(0, w.mix(c, model, copy, out));
        assertArrayEquals(model, out);
        assertEquals(0, w.mix(new CopyCache(16), model, copy, out), "an empty history");
    }

    @Test void matchesAreCappedAndBucketed() {
        CopyCache c = new CopyCache(16);
        for (int i = 0; i < 100; i++) c.add(0);
        assertEquals(CopyCache.MAX_MATCH, c.bestMatch());
        assertEquals(List.of(0, 1, 2, 2, 3, 3, 3, 3, 4), java.util.stream.IntStream.rangeClosed(0, 8).map(CopyWeights::bucket).boxed().toList());
        assertEquals(5, CopyWeights.bucket(31));
        assertEquals(6, CopyWeights.bucket(32));
    }

    @Test void theNearestCandidateCanBeKeptAway() {
        // 5 6 7 8 | 5 6 7: the only match lies 4 steps back; a cache that copies from 5 steps back or more has none.
        CopyCache c = new CopyCache(16, 5);
        for (int t : new int[] {5, 6, 7, 8, 5, 6, 7}) c.add(t);
        assertEquals(3, c.bestMatch(), "λ still follows the best match");
        assertFalse(c.distribution(votes(1, 1), new double[V]));
        assertEquals(4 * 16, CopyCache.GENERATION_MIN_BARS * 16);
    }

    @Test void theHistogramGivesTheCopyProbabilityOfAnyWeights() {
        Random r = new Random(3);
        int[] h = new int[300];
        for (int i = 0; i < h.length; i++) h[i] = i % 16 < 8 ? r.nextInt(4) : h[i - 8];   // half copied, half random
        CopyCache c = new CopyCache(16);
        int[] all = new int[2 * (CopyCache.MAX_MATCH + 1)], hits = new int[all.length];
        double[] p = new double[V];
        for (int t = 0; t < h.length; t++) {
            for (CopyWeights w : List.of(votes(0, 1), votes(0.5, 8), votes(2, 3))) {
                c.histogram(h[t], all, hits);
                boolean any = c.distribution(w, p);
                assertEquals(any ? p[h[t]] : 0, w.copyProbability(all, hits), 1e-12, "step " + t);
            }
            c.add(h[t]);
        }
    }

    @Test void theMixtureIsADistribution() {
        CopyCache c = fed(16, 3, 4, 5, 3, 4, 5, 3, 4);
        double[] model = uniformish(7), copy = new double[V], out = new double[V];
        CopyWeights w = new CopyWeights(0.5, 2, new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6});
        double l = w.mix(c, model, copy, out);
        assertEquals(w.lambda(c.bestMatch()), l);
        assertTrue(l > 0);
        double sum = 0;
        for (double x : out) sum += x;
        assertEquals(1, sum, 1e-12);
        assertEquals((1 - l) * model[5] + l * copy[5], out[5], 1e-15);
        assertEquals(1, copy[5], 1e-12, "after 3 4 came 5, every time");
    }

    @Test void theFittedWeightIsHighWhenAMelodyRepeatsAndZeroWhenCopyingNeverHelps() {
        // A 2-bar motif played 8 times, scored by a model that knows nothing (uniform): copying is nearly always right.
        Random r = new Random(5);
        int[] motif = new int[32];
        for (int i = 0; i < motif.length; i++) motif[i] = 2 + r.nextInt(V - 2);
        int[] repeated = new int[8 * motif.length];
        for (int i = 0; i < repeated.length; i++) repeated[i] = motif[i % motif.length];
        CopyWeights w = CopyCacheFit.fit(List.of(repeated), List.of(uniformProbabilities(repeated.length)), 16);
        assertEquals(CopyCacheFit.MAX_LAMBDA, w.lambda(CopyCache.MAX_MATCH), 1e-9, w.toString());
        // a b a c a d ...: after "a" the copy always names an earlier follower, never the right one.
        int[] never = new int[22];
        for (int i = 0; i < never.length; i++) never[i] = i % 2 == 0 ? 2 : 3 + i / 2;
        w = CopyCacheFit.fit(List.of(never), List.of(uniformProbabilities(never.length)), 16);
        assertTrue(w.off(), w.toString());
        assertEquals(0, CopyCacheFit.emLambda(new double[] {0.5, 0.5}, new double[] {0, 0}));
        // EM reaches the maximum of a known mixture: pm = 0.2, pc ∈ {1, 0} half and half → λ = 3/8 maximises
        // ½ log(0.2 + 0.8λ) + ½ log(0.2 − 0.2λ).
        assertEquals(0.375, CopyCacheFit.emLambda(new double[] {0.2, 0.2}, new double[] {1, 0}), 1e-6);
    }

    @Test void scoringWithoutTheCacheIsTheModelsOwnScore() {
        MelodyModel m = MelodyGeneratorTest.model(3);
        List<int[]> seqs = List.of(MelodyGeneratorTest.randomTokens(70, 1), MelodyGeneratorTest.randomTokens(300, 2));
        MelodyEvaluator.Predictions p = MelodyEvaluator.predict(m, seqs);
        assertEquals(MelodyEvaluator.evaluate(m, seqs), p.score(), "evaluate's figures, exactly");
        MelodyScore alone = CopyCacheFit.score(seqs, p.rows(), V, 16, null);
        assertEquals(p.score().perplexity(), alone.perplexity(), 1e-6);
        assertEquals(p.score().accuracy(), alone.accuracy());
        // A cache that never has a say scores the same.
        MelodyScore off = CopyCacheFit.score(seqs, p.rows(), V, 16, votes(1, 1).scaled(0));
        assertEquals(alone, off);
        // A motif played twice: the fitted cache predicts its second half far better than the network alone.
        int[] motif = MelodyGeneratorTest.randomTokens(40, 9), twice = new int[80];
        for (int i = 0; i < 80; i++) twice[i] = motif[i % 40];
        MelodyEvaluator.Predictions q = MelodyEvaluator.predict(m, List.of(twice));
        CopyWeights w = CopyCacheFit.fit(List.of(twice), CopyCacheFit.truthProbabilities(List.of(twice), q.rows(), V), 16);
        assertTrue(CopyCacheFit.score(List.of(twice), q.rows(), V, 16, w).perplexity() < 0.5 * q.score().perplexity());
    }

    @Test void samplingWithTheCacheDrawsFromTheMixture() {
        float[] logits = new float[V];
        Random r = new Random(2);
        for (int i = 0; i < V; i++) logits[i] = (float) r.nextGaussian();
        double[] copy = new double[V];
        copy[0] = 0.3;        // hold
        copy[7] = 0.7;        // a pitch
        double lambda = 0.6;
        for (Sampling s : List.of(new Sampling(1, 0, 1), Sampling.split(1, 0, 1, 1))) {
            // λ = 0: exactly the draws of plain sampling.
            Random a = new Random(4), b = new Random(4);
            double[] p = new double[V];
            int[] order = new int[V];
            for (int i = 0; i < 200; i++) assertEquals(s.sample(logits, null, a, p, order), s.sample(logits, null, copy, 0, b, p, order));
            // At temperature 1 both ways draw from (1 − λ) softmax + λ copy.
            double[] want = softmax(logits);
            for (int i = 0; i < V; i++) want[i] = (1 - lambda) * want[i] + lambda * copy[i];
            int n = 40_000;
            double[] seen = new double[V];
            Random d = new Random(11);
            for (int i = 0; i < n; i++) seen[s.sample(logits, null, copy, lambda, d, p, order)] += 1.0 / n;
            assertArrayEquals(want, seen, 0.012, s.toString());
        }
        // A mask removes copy mass too: the copied pitch 7 is never drawn when not allowed.
        boolean[] allowed = new boolean[V];
        java.util.Arrays.fill(allowed, true);
        allowed[7] = false;
        Random d = new Random(12);
        double[] p = new double[V];
        int[] order = new int[V];
        for (int i = 0; i < 2000; i++) assertNotEquals(7, Sampling.split(0.5, 0, 1, 1).sample(logits, allowed, copy, 0.9, d, p, order));
    }

    @Test void generationWithoutACacheIsUnchangedAndWithOneRepeatsMore() {
        MelodyModel m = MelodyGeneratorTest.model(4);
        int[] primer = new int[96];                   // six bars of a one-bar figure: the cache has a lot to copy
        int[] bar = {5, 0, 0, 0, 7, 0, 1, 0, 9, 0, 0, 0, 7, 0, 1, 0};
        for (int i = 0; i < primer.length; i++) primer[i] = bar[i % 16];
        Sampling s = Sampling.split(1, 0, 1, 1);
        MelodyGenerator g = new MelodyGenerator(m);
        int[] plain = MelodyComposer.sample(g, primer, 64, s, null, new Random(3));
        assertArrayEquals(plain, MelodyComposer.sample(g, primer, 64, s, null, new Random(3), null));
        assertArrayEquals(plain, MelodyComposer.sample(g, primer, 64, s, null, new Random(3), votes(1, 1).scaled(0)));
        CopyWeights strong = new CopyWeights(1, 8, new double[] {0, 0.9, 0.9, 0.9, 0.9, 0.95, 0.98});
        int[] cached = MelodyComposer.sample(g, primer, 64, s, null, new Random(3), strong);
        // The figure continues (perhaps shifted after a slip): most 4-event windows are windows of the figure.
        int inFigure = windowsOfTheFigure(cached, bar), plainInFigure = windowsOfTheFigure(plain, bar);
        assertTrue(inFigure > 40 && inFigure > plainInFigure + 30, inFigure + " vs " + plainInFigure + " of 61 windows");
    }

    private static int windowsOfTheFigure(int[] tokens, int[] bar) {
        int n = 0;
        outer:
        for (int i = 3; i < tokens.length; i++) {
            for (int start = 0; start < bar.length; start++) {
                boolean all = true;
                for (int k = 0; k < 4 && all; k++) all = tokens[i - 3 + k] == bar[(start + k) % bar.length];
                if (all) { n++; continue outer; }
            }
        }
        return n;
    }

    @Test void weightsSurviveModelJsonAndAModelWithoutThemHasNone(@TempDir Path dir) throws Exception {
        CopyWeights w = new CopyWeights(0.5, 32, new double[] {0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6});
        CopyWeights n = new CopyWeights(1, 4, new double[] {0, 0, 0.2, 0.3, 0.4, 0.5, 0.9});
        assertEquals(w, CopyWeights.fromMap(w.toMap()));
        MelodyModel m = MelodyGeneratorTest.model(6);
        m.save(dir.resolve("old"), Map.of("seed", 1));
        assertNull(MelodyModel.load(dir.resolve("old")).copyWeights(), "a model.json without the field");
        m.save(dir.resolve("new"), new FittedCache(w, n, 123).into(Map.of("seed", 1)));
        MelodyModel back = MelodyModel.load(dir.resolve("new"));
        assertEquals(w, back.copyWeights());
        Map<String, Object> md = ModelStore.info(dir.resolve("new")).metadata();
        assertEquals(n, FittedCache.ngramOf(md));
        assertEquals(1, md.get("seed"));
        assertNull(FittedCache.ngramOf(Map.of("seed", 1)));
        // Ill-formed entries name the field.
        Map<String, Object> bad = new java.util.LinkedHashMap<>(w.toMap());
        bad.put("weights", List.of(0, 0.5));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> CopyWeights.fromMap(bad));
        assertTrue(e.getMessage().contains("weights"), e.getMessage());
        bad.put("weights", w.toMap().get("weights"));
        bad.put("max_match", 16);
        assertTrue(assertThrows(IllegalArgumentException.class, () -> CopyWeights.fromMap(bad)).getMessage().contains("max_match"));
    }

    private static double[] uniformProbabilities(int n) {
        double[] p = new double[n];
        java.util.Arrays.fill(p, 1.0 / V);
        return p;
    }

    private static double[] uniformish(long seed) {
        Random r = new Random(seed);
        double[] p = new double[V];
        double s = 0;
        for (int i = 0; i < V; i++) s += p[i] = 0.5 + r.nextDouble();
        for (int i = 0; i < V; i++) p[i] /= s;
        return p;
    }

    private static double[] softmax(float[] logits) {
        double max = Double.NEGATIVE_INFINITY, s = 0;
        for (float x : logits) max = Math.max(max, x);
        double[] p = new double[logits.length];
        for (int i = 0; i < p.length; i++) s += p[i] = Math.exp(logits[i] - max);
        for (int i = 0; i < p.length; i++) p[i] /= s;
        return p;
    }
}
