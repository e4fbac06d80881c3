package dev.recur.nn.loss;

import dev.recur.nn.Seq;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class SoftmaxCrossEntropyTest {

    private static Seq logits(float... v) { return Seq.full(Tensor.of(v, 2, 3)); }

    @Test
    void matchesPyTorch() {
        // Reference: torch.nn.functional.cross_entropy (torch 1.13) on these logits and targets {2, 0}.
        LossResult plain = new SoftmaxCrossEntropy().compute(logits(1, 2, 0.5f, 0.1f, -1, 3), new int[] {2, 0});
        assertEquals(2.46757173538208, plain.loss(), 1e-6);
        assertArrayEquals(new float[] {0.11561194f, 0.31426585f, -0.42987782f, -0.47436821f, 0.00853209f, 0.46583611f},
                plain.grad().values().data(), 1e-6f);
        LossResult weighted = new SoftmaxCrossEntropy(new float[] {1, 2, 0.5f}).compute(logits(1, 2, 0.5f, 0.1f, -1, 3), new int[] {2, 0});
        assertEquals(2.635305881500244, weighted.loss(), 1e-6);
        assertArrayEquals(new float[] {0.07707463f, 0.20951056f, -0.28658521f, -0.63249093f, 0.01137612f, 0.62111485f},
                weighted.grad().values().data(), 1e-6f);
    }

    @Test
    void stableForHugeLogits() {
        LossResult r = new SoftmaxCrossEntropy().compute(Seq.full(Tensor.of(new float[] {1000, -1000, 0}, 1, 3)), new int[] {1});
        assertEquals(2000, r.loss(), 1e-3);
        for (float g : r.grad().values().data()) assertTrue(Float.isFinite(g));
    }

    @Test
    void onlyValidStepsCount() {
        // Row 0 has 2 valid steps of 3, row 1 has 1: three steps count; padded targets may be anything.
        Random rnd = new Random(1);
        float[] v = new float[2 * 3 * 4];
        for (int i = 0; i < v.length; i++) v[i] = (float) rnd.nextGaussian();
        Seq seq = new Seq(Tensor.of(v, 2, 3, 4), new int[] {2, 1});
        LossResult r = new SoftmaxCrossEntropy().compute(seq, new int[] {1, 3, -1, 0, 99, 99});
        // The same rows as a plain [3, 4] batch give the same loss.
        float[] rows = new float[12];
        System.arraycopy(v, 0, rows, 0, 8);
        System.arraycopy(v, 12, rows, 8, 4);
        LossResult flat = new SoftmaxCrossEntropy().compute(Seq.full(Tensor.of(rows, 3, 4)), new int[] {1, 3, 0});
        assertEquals(flat.loss(), r.loss(), 1e-9);
        float[] g = r.grad().values().data();
        for (int i = 8; i < 12; i++) assertEquals(0f, g[i]);
        for (int i = 16; i < 24; i++) assertEquals(0f, g[i]);
        assertArrayEquals(new int[] {2, 1}, r.grad().lengths());
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random rnd = new Random(2);
        float[] v = new float[3 * 4 * 5];
        for (int i = 0; i < v.length; i++) v[i] = (float) (2 * rnd.nextGaussian());
        int[] targets = new int[12];
        for (int i = 0; i < 12; i++) targets[i] = rnd.nextInt(5);
        Seq seq = new Seq(Tensor.of(v, 3, 4, 5), new int[] {4, 2, 1});
        LossChecks.finiteDifferences(seq, s -> new SoftmaxCrossEntropy(new float[] {1, 0.5f, 2, 1, 3}).compute(s, targets));
        LossChecks.finiteDifferences(Seq.full(Tensor.of(v.clone(), 12, 5)), s -> new SoftmaxCrossEntropy().compute(s, targets));
    }

    @Test
    void badTargetsAreNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().compute(logits(1, 2, 3, 4, 5, 6), new int[] {0, 3}));
        assertEquals("cross entropy: target 3 at row 1 is outside [0, 3)", e.getMessage());
        var n = assertThrows(IllegalArgumentException.class,
                () -> new SoftmaxCrossEntropy().compute(Seq.full(Tensor.zeros(2, 3, 4)), new int[] {0, 1}));
        assertEquals("cross entropy: expected 6 targets (batch 2 × steps 3), got 2", n.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new SoftmaxCrossEntropy(new float[] {1, 2}).compute(logits(1, 2, 3, 4, 5, 6), new int[] {0, 1}));
    }

    @Test
    void accuracyCountsValidSteps() {
        Seq seq = new Seq(Tensor.of(new float[] {
                0, 1, 5, 0, 2, 1,   // row 0: argmax 1, 0, 0 (third step is padding)
                3, 1, 0, 9, 0, 0}, 2, 3, 2), new int[] {2, 1});
        assertArrayEquals(new int[] {1, 0, -1, 0, -1, -1}, Accuracy.argmax(seq));
        Accuracy a = Accuracy.of(seq, new int[] {1, 1, 0, 0, 1, 1});
        assertEquals(new Accuracy(2, 3), a);
        assertEquals(2.0 / 3, a.value(), 1e-12);
        assertEquals(new Accuracy(3, 5), a.plus(new Accuracy(1, 2)));
        assertEquals(0.0, Accuracy.NONE.value());
    }
}
