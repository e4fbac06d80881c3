package dev.recur.app.melody;

import dev.recur.midi.MelodyVocabulary;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Seq;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MelodyGeneratorTest {
    /** Pitches 60..71: 14 tokens, small enough to search exhaustively. */
    static final MelodyEncoding SMALL = new MelodyEncoding(new MelodyVocabulary(60, 71), 4, 16);

    static MelodyModel model(long seed) {
        return MelodyModel.create(SMALL, new MelodyModel.Architecture(12, 2, 6, 0.1f), seed);
    }

    /** With the lookback input and attention over 6 steps. */
    static MelodyModel structured(long seed) {
        return MelodyModel.create(SMALL, new MelodyModel.Architecture(12, 2, 6, 0.1f, true, 6), seed);
    }

    static int[] randomTokens(int n, long seed) {
        Random r = new Random(seed);
        int[] t = new int[n];
        for (int i = 0; i < n; i++) t[i] = r.nextInt(SMALL.outputSize());
        return t;
    }

    /** Softmax of the network's logits at every step, input = start token then tokens[0..n-2]. */
    static float[][] forwardDistributions(MelodyModel m, int[] tokens) {
        TokenBatch b = TokenBatch.of(java.util.List.of(TokenBatch.Window.whole(tokens)), SMALL.startToken());
        Seq y = m.network().forward(b.input(), ForwardPass.inference());
        int v = SMALL.outputSize();
        float[][] out = new float[tokens.length][v];
        for (int t = 0; t < tokens.length; t++) {
            System.arraycopy(y.values().data(), t * v, out[t], 0, v);
            dev.recur.tensor.Kernels.active().softmax(out[t], 0, 1, v);
        }
        return out;
    }

    @Test void stepsMatchTheBatchedForwardPass() {
        stepsMatchTheBatchedForwardPass(model(3));
        stepsMatchTheBatchedForwardPass(structured(3));
    }

    private static void stepsMatchTheBatchedForwardPass(MelodyModel m) {
        int[] tokens = randomTokens(40, 4);
        float[][] want = forwardDistributions(m, tokens);
        MelodyGenerator g = new MelodyGenerator(m);
        assertArrayEquals(want[0], g.probabilities(), 1e-5f, "first event after reset");
        for (int t = 1; t < tokens.length; t++) {
            assertArrayEquals(want[t], g.feed(tokens[t - 1]), 1e-5f, "step " + t);
        }
        assertEquals(tokens.length - 1, g.steps());
    }

    @Test void primingEqualsFeedingOneByOne() {
        primingEqualsFeedingOneByOne(model(5));
        primingEqualsFeedingOneByOne(structured(5));
    }

    private static void primingEqualsFeedingOneByOne(MelodyModel m) {
        int[] tokens = randomTokens(25, 6);
        MelodyGenerator a = new MelodyGenerator(m), b = new MelodyGenerator(m);
        float[] pa = a.prime(tokens).clone();
        float[] pb = null;
        for (int t : tokens) pb = b.feed(t);
        assertArrayEquals(pb, pa, 1e-5f);
        // and both continue identically
        assertArrayEquals(b.feed(3), a.feed(3), 1e-5f);
    }

    @Test void stateCanBeSavedAndRestored() {
        stateCanBeSavedAndRestored(model(7));
        stateCanBeSavedAndRestored(structured(7));
    }

    private static void stateCanBeSavedAndRestored(MelodyModel m) {
        MelodyGenerator g = new MelodyGenerator(m);
        g.prime(randomTokens(10, 1));
        MelodyGenerator.State s = g.saveState();
        float[] first = g.feed(4).clone();
        g.feed(5);
        g.restoreState(s);
        assertArrayEquals(first, g.feed(4));
    }

    @Test void topKOneAndBeamOneAreTheGreedyPath() {
        MelodyGenerator g = new MelodyGenerator(model(11));
        int[] primer = randomTokens(8, 2);
        int[] greedy = MelodyComposer.greedy(g, primer, 30, null);
        int[] topK = MelodyComposer.sample(g, primer, 30, new Sampling(1.3, 1, 1.0), null, new Random(99));
        int[] beam = MelodyComposer.beam(g, primer, 30, 1, null);
        assertArrayEquals(greedy, topK);
        assertArrayEquals(greedy, beam);
        // The greedy path really takes the argmax at every step.
        MelodyComposer.start(g, primer);
        for (int t : greedy) {
            float[] p = g.probabilities();
            for (float q : p) assertTrue(q <= p[t]);
            g.feed(t);
        }
    }

    @Test void wideBeamFindsTheMostLikelySequence() {
        MelodyModel m = model(13);
        MelodyGenerator g = new MelodyGenerator(m);
        int[] primer = {5, 0, 7};
        int v = SMALL.outputSize(), steps = 3;
        // Exhaustive search over all v^3 continuations.
        double best = Double.NEGATIVE_INFINITY;
        int[] bestSeq = null;
        for (int a = 0; a < v; a++) {
            for (int b = 0; b < v; b++) {
                for (int c = 0; c < v; c++) {
                    int[] seq = {a, b, c};
                    double lp = logProb(g, primer, seq);
                    if (lp > best + 1e-9) { best = lp; bestSeq = seq; }
                }
            }
        }
        int[] beam = MelodyComposer.beam(g, primer, steps, v * v, null);
        assertArrayEquals(bestSeq, beam);
        assertTrue(logProb(g, primer, MelodyComposer.greedy(g, primer, steps, null)) <= best + 1e-9);
    }

    static double logProb(MelodyGenerator g, int[] primer, int[] seq) {
        MelodyComposer.start(g, primer);
        double lp = 0;
        for (int t : seq) {
            lp += Math.log(g.probabilities()[t]);
            g.feed(t);
        }
        return lp;
    }

    @Test void scaleMaskKeepsEveryGeneratedPitchInTheScale() {
        MelodyGenerator g = new MelodyGenerator(MelodyModel.create(MelodyEncoding.DEFAULT,
                new MelodyModel.Architecture(16, 1, 8, 0f), 21));
        Scale dMinor = Scale.of("D", "minor");
        boolean[] allowed = dMinor.mask(MelodyEncoding.DEFAULT.vocabulary());
        int[] out = MelodyComposer.sample(g, new int[0], 2000, new Sampling(3.0, 0, 1.0), allowed, new Random(1));
        int notes = 0;
        for (int t : out) {
            int e = MelodyEncoding.DEFAULT.vocabulary().event(t);
            if (e >= 0) {
                notes++;
                int pc = e % 12;
                assertTrue(pc == 2 || pc == 4 || pc == 5 || pc == 7 || pc == 9 || pc == 10 || pc == 0,
                        "pitch " + e + " is not in D minor");
            }
        }
        assertTrue(notes > 200, "a hot untrained model plays many notes: " + notes);
        int[] beam = MelodyComposer.beam(g, new int[] {2 + 13}, 20, 3, allowed);
        for (int t : beam) assertTrue(allowed[t]);
    }

    @Test void samplingFollowsTheDistribution() {
        float[] logits = {0f, (float) Math.log(3), -100f, (float) Math.log(6)};
        Sampling s = Sampling.DEFAULT;
        Random r = new Random(5);
        int[] counts = new int[4];
        double[] p = new double[4];
        int[] order = new int[4];
        for (int i = 0; i < 20000; i++) counts[s.sample(logits, null, r, p, order)]++;
        assertEquals(0.1, counts[0] / 20000.0, 0.01);
        assertEquals(0.3, counts[1] / 20000.0, 0.015);
        assertEquals(0.6, counts[3] / 20000.0, 0.015);
        // top-p 0.6 keeps only the likeliest token; top-k 2 never draws token 0
        for (int i = 0; i < 200; i++) assertEquals(3, new Sampling(1, 0, 0.6).sample(logits, null, r, p, order));
        for (int i = 0; i < 500; i++) assertNotEquals(0, new Sampling(1, 2, 1).sample(logits, null, r, p, order));
        // a mask wins over everything
        for (int i = 0; i < 100; i++) assertEquals(0, s.sample(logits, new boolean[] {true, false, false, false}, r, p, order));
    }

    @Test void splitSamplingKeepsTheNoteDensityAtLowTemperatures() {
        // hold 0.5, rest 0.1, pitches 2..4 with 0.2, 0.15, 0.05
        float[] logits = {(float) Math.log(0.5), (float) Math.log(0.1), (float) Math.log(0.2), (float) Math.log(0.15), (float) Math.log(0.05)};
        double[] p = new double[5];
        int[] order = new int[5];
        int n = 40000;
        int[] split = new int[5], joint = new int[5], cool = new int[5], coolJoint = new int[5];
        Random r = new Random(3);
        for (int i = 0; i < n; i++) {
            split[Sampling.split(1, 0, 1, 1).sample(logits, null, r, p, order)]++;
            joint[new Sampling(1, 0, 1).sample(logits, null, r, p, order)]++;
            cool[Sampling.split(0.2, 0, 1, 1).sample(logits, null, r, p, order)]++;
            coolJoint[new Sampling(0.2, 0, 1).sample(logits, null, r, p, order)]++;
        }
        double[] want = {0.5, 0.1, 0.2, 0.15, 0.05};
        for (int i = 0; i < 5; i++) {
            assertEquals(want[i], split[i] / (double) n, 0.01, "split at temperature 1, token " + i);
            assertEquals(want[i], joint[i] / (double) n, 0.01, "joint at temperature 1, token " + i);
        }
        // Cooled: the split way keeps holds at 0.5, rests at 0.1 and notes at 0.4, all on the likeliest pitch
        // (0.2^5 : 0.15^5 : 0.05^5 puts 81 % there); the joint way plays almost only holds.
        assertEquals(0.5, cool[0] / (double) n, 0.01);
        assertEquals(0.1, cool[1] / (double) n, 0.01);
        assertEquals(0.4 * 0.808, cool[2] / (double) n, 0.01);
        assertTrue(coolJoint[0] / (double) n > 0.98, "joint sampling at 0.2 holds: " + coolJoint[0]);
        // top-k and top-p narrow the pitches only; a mask without pitches leaves holds and rests
        for (int i = 0; i < 2000; i++) {
            int t = Sampling.split(1, 1, 1, 1).sample(logits, null, r, p, order);
            assertTrue(t == 0 || t == 1 || t == 2, "top-k 1 keeps the best pitch: " + t);
        }
        for (int i = 0; i < 200; i++) {
            int t = Sampling.split(1, 0, 1, 1).sample(logits, new boolean[] {true, true, false, false, false}, r, p, order);
            assertTrue(t < 2);
        }
        assertThrows(IllegalArgumentException.class, () -> Sampling.split(1, 0, 1, 0));
    }

    @Test void scalesAndKeys() {
        assertTrue(Scale.of("Bb", "major").contains(70));
        assertFalse(Scale.of("Bb", "major").contains(71));
        assertTrue(Scale.of("F#", "minor-pentatonic").contains(66 + 3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Scale.of("H", "major"));
        assertTrue(e.getMessage().contains("'H'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Scale.of("C", "klingon"));
    }

    @Test void networkStateCarriesAcrossForwardCalls() {
        // The evaluator's chunking relies on this: two chunks with carried state equal one pass.
        MelodyModel m = model(17);
        int[] tokens = randomTokens(30, 8);
        float[][] want = forwardDistributions(m, tokens);
        MelodyScore whole = MelodyEvaluator.evaluate(m, java.util.List.of(tokens));
        double nll = 0;
        int correct = 0;
        for (int t = 0; t < tokens.length; t++) {
            nll -= Math.log(want[t][tokens[t]]);
            int best = 0;
            for (int c = 1; c < want[t].length; c++) if (want[t][c] > want[t][best]) best = c;
            if (best == tokens[t]) correct++;
        }
        assertEquals(nll / tokens.length, whole.crossEntropy(), 1e-4);
        assertEquals(correct / (double) tokens.length, whole.accuracy(), 1e-12);
    }
}
