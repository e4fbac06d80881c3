package dev.recur.nn.loss;

import dev.recur.nn.Seq;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class MeanSquaredErrorTest {

    @Test
    void matchesPyTorch() {
        // torch.nn.functional.mse_loss([[1, 2], [3, -1]], [[0.5, 2], [1, 1]]) = 2.0625
        LossResult r = new MeanSquaredError().compute(Seq.full(Tensor.of(new float[] {1, 2, 3, -1}, 2, 2)),
                Tensor.of(new float[] {0.5f, 2, 1, 1}, 2, 2));
        assertEquals(2.0625, r.loss(), 1e-9);
        assertArrayEquals(new float[] {0.25f, 0, 1, -1}, r.grad().values().data(), 1e-7f);
    }

    @Test
    void masksPaddedSteps() {
        Seq p = new Seq(Tensor.of(new float[] {1, 1, 100, 100, 3, 3, 100, 100}, 2, 2, 2), new int[] {1, 1});
        LossResult r = new MeanSquaredError().compute(p, Tensor.zeros(2, 2, 2));
        assertEquals((1 + 1 + 9 + 9) / 4.0, r.loss(), 1e-9);
        assertArrayEquals(new float[] {0.5f, 0.5f, 0, 0, 1.5f, 1.5f, 0, 0}, r.grad().values().data(), 1e-7f);
    }

    /** Row flags count only the steps they mark, on top of the valid lengths; none counted gives 0. */
    @Test
    void countsOnlyFlaggedSteps() {
        Seq p = new Seq(Tensor.of(new float[] {1, 1, 2, 2, 3, 3, 100, 100}, 2, 2, 2), new int[] {2, 1});
        boolean[] flags = {false, true, true, true};   // row 1, step 1 is padding: flagged but not counted
        LossResult r = new MeanSquaredError().compute(p, Tensor.zeros(2, 2, 2), flags);
        assertEquals((4 + 4 + 9 + 9) / 4.0, r.loss(), 1e-9);
        assertArrayEquals(new float[] {0, 0, 1, 1, 1.5f, 1.5f, 0, 0}, r.grad().values().data(), 1e-7f);
        LossResult none = new MeanSquaredError().compute(p, Tensor.zeros(2, 2, 2), new boolean[4]);
        assertEquals(0, none.loss());
        assertArrayEquals(new float[8], none.grad().values().data());
        assertThrows(IllegalArgumentException.class, () -> new MeanSquaredError().compute(p, Tensor.zeros(2, 2, 2), new boolean[3]));
    }

    @Test
    void gradientMatchesFiniteDifferences() {
        Random rnd = new Random(3);
        float[] v = new float[3 * 4 * 2], t = new float[v.length];
        for (int i = 0; i < v.length; i++) { v[i] = (float) rnd.nextGaussian(); t[i] = (float) rnd.nextGaussian(); }
        Tensor target = Tensor.of(t, 3, 4, 2);
        LossChecks.finiteDifferences(new Seq(Tensor.of(v, 3, 4, 2), new int[] {4, 2, 1}), s -> new MeanSquaredError().compute(s, target));
        Tensor flatTarget = Tensor.of(t, 12, 2);
        LossChecks.finiteDifferences(Seq.full(Tensor.of(v.clone(), 12, 2)), s -> new MeanSquaredError().compute(s, flatTarget));
    }

    @Test
    void shapeMismatchIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanSquaredError().compute(Seq.full(Tensor.zeros(2, 3)), Tensor.zeros(3, 2)));
        assertEquals("mean squared error: prediction [2, 3] and target [3, 2] differ in shape", e.getMessage());
    }
}
