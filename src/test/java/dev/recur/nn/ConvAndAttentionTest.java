package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Conv1d, AttentionPool and AttentionStatsPool: known answers, lengths, gradient checks (PyTorch parity is in io.PyTorchParityTest). */
class ConvAndAttentionTest {

    @Test
    void convKnownAnswer() {
        // one channel in, one out, kernel [1, 2, 3] (PyTorch's cross-correlation), bias 0.5, padding 1, stride 2
        Conv1d c = new Conv1d(1, 1, 3, 2, 1, true);
        System.arraycopy(new float[] {1, 2, 3}, 0, c.weight().value().data(), 0, 3);
        c.bias().value().data()[0] = 0.5f;
        Seq x = new Seq(Tensor.of(new float[] {1, 2, 3, 4, 5}, 1, 5, 1), null);
        Seq y = c.forward(x, ForwardPass.inference());
        // steps: (5 + 2 - 3) / 2 + 1 = 3; windows [0,1,2], [2,3,4], [4,5,0]
        assertArrayEquals(new int[] {1, 3, 1}, y.values().shape());
        assertArrayEquals(new float[] {0 + 2 + 6 + 0.5f, 2 + 6 + 12 + 0.5f, 4 + 10 + 0 + 0.5f}, y.values().data());
        assertEquals(3, c.outputSteps(5));
        assertEquals(0, new Conv1d(1, 1, 5, 1, 0, true).outputSteps(4));
    }

    @Test
    void convRowsActAlone() {
        // a padded row gives what the row alone gives, and its length shrinks with the stride
        Conv1d c = new Conv1d(3, 4, 5, 2, 2, true);
        c.initialize(new Random(3));
        Seq batch = TestSeqs.sequence(4, 2, 9, 3, new int[] {9, 6});
        Seq y = c.forward(batch, ForwardPass.inference());
        assertArrayEquals(new int[] {5, 3}, y.lengths());
        float[] row = new float[6 * 3];
        System.arraycopy(batch.values().data(), 9 * 3, row, 0, row.length);
        Seq alone = c.forward(Seq.full(Tensor.of(row, 1, 6, 3)), ForwardPass.inference());
        for (int t = 0; t < 3; t++) {
            for (int o = 0; o < 4; o++) assertEquals(alone.values().get(0, t, o), y.values().get(1, t, o), 1e-6f);
        }
        for (int t = 3; t < 5; t++) for (int o = 0; o < 4; o++) assertEquals(0f, y.values().get(1, t, o));
    }

    @Test
    void convGradients() {
        Conv1d c = new Conv1d(3, 4, 3, 1, 1, true);
        c.initialize(new Random(5));
        GradientCheck.check(c, TestSeqs.sequence(6, 3, 7, 3, new int[] {7, 4, 1}), 7, 60, true);
        Conv1d strided = new Conv1d(2, 3, 4, 2, 0, false);
        strided.initialize(new Random(8));
        GradientCheck.check(strided, TestSeqs.sequence(9, 2, 9, 2, null), 10, 60, true);
    }

    @Test
    void convSkipsTheInputGradientWhenAsked() {
        Conv1d c = new Conv1d(2, 3, 3, 1, 1, true);
        c.initialize(new Random(1));
        Seq x = TestSeqs.sequence(2, 2, 5, 2, null);
        ForwardPass full = ForwardPass.training(new Random(0));
        Seq y = c.forward(x, full);
        c.backward(y, full);
        float[] want = c.weight().grad().data().clone();
        c.weight().zeroGrad();
        ForwardPass skip = ForwardPass.training(new Random(0)).skipInputGradient(c);
        c.backward(c.forward(x, skip), skip);
        assertArrayEquals(want, c.weight().grad().data());
    }

    @Test
    void attentionStartsAsMeanPoolAndFollowsItsWeights() {
        Seq x = TestSeqs.sequence(1, 3, 4, 5, new int[] {4, 2, 1});
        AttentionPool a = new AttentionPool(5);
        a.initialize(new Random(1));
        ForwardPass p = ForwardPass.inference();
        assertArrayEquals(new MeanPool(5).forward(x, p).values().data(), a.forward(x, p).values().data(), 1e-6f);

        // one feature, weight 1: scores are the values themselves, softmax([0, ln 3]) = [1/4, 3/4]
        AttentionPool one = new AttentionPool(1);
        one.weight().value().data()[0] = 1;
        float ln3 = (float) Math.log(3);
        Seq s = new Seq(Tensor.of(new float[] {0, ln3, 100, 5, 100, 100}, 2, 3, 1), new int[] {2, 1});
        float[] y = one.forward(s, p).values().data();
        assertEquals(0.75f * ln3, y[0], 1e-6f);
        assertEquals(5f, y[1], 1e-6f, "one valid step: its value; padding ignored");
    }

    @Test
    void attentionGradients() {
        AttentionPool a = new AttentionPool(5);
        Random r = new Random(2);
        float[] w = a.weight().value().data();
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        GradientCheck.check(a, TestSeqs.sequence(3, 3, 4, 5, new int[] {4, 2, 1}), 4, 60, true);
        GradientCheck.check(a, TestSeqs.sequence(5, 2, 6, 5, null), 6, 60, true);
    }

    @Test
    void attentionEmptyRowIsZero() {
        AttentionPool a = new AttentionPool(2);
        a.weight().value().data()[0] = 1;
        Seq x = new Seq(Tensor.of(new float[] {1, 2, 3, 4}, 2, 1, 2), new int[] {0, 1});
        assertArrayEquals(new float[] {0, 0, 3, 4}, a.forward(x, ForwardPass.inference()).values().data());
    }

    @Test
    void attentionStatsStartsAsMeanAndStdPoolAndFollowsItsWeights() {
        Seq x = TestSeqs.sequence(1, 3, 4, 5, new int[] {4, 2, 1});
        AttentionStatsPool a = new AttentionStatsPool(5);
        a.initialize(new Random(1));
        assertEquals(10, a.outputSize());
        ForwardPass p = ForwardPass.inference();
        Seq y = a.forward(x, p);
        assertArrayEquals(new int[] {3, 10}, y.values().shape());
        Seq mean = new MeanPool(5).forward(x, p);
        for (int b = 0; b < 3; b++) {
            int len = x.length(b);
            for (int d = 0; d < 5; d++) {
                float mu = mean.values().get(b, d);
                double var = 0;
                for (int t = 0; t < len; t++) var += Math.pow(TestSeqs.at(x, b, t, d) - mu, 2) / len;
                assertEquals(mu, y.values().get(b, d), 1e-6f);
                assertEquals(Math.sqrt(var + AttentionStatsPool.VARIANCE_EPSILON), y.values().get(b, 5 + d), 1e-6);
            }
        }

        // one feature, weight 1: softmax([0, ln 3]) = [1/4, 3/4], μ = 3/4 ln 3, variance 1/4 (μ)² + 3/4 (ln 3 − μ)²
        AttentionStatsPool one = new AttentionStatsPool(1);
        one.weight().value().data()[0] = 1;
        double ln3 = Math.log(3);
        Seq s = new Seq(Tensor.of(new float[] {0, (float) ln3, 100, 5, 100, 100}, 2, 3, 1), new int[] {2, 1});
        float[] out = one.forward(s, p).values().data();
        assertEquals(0.75 * ln3, out[0], 1e-6);
        assertEquals(Math.sqrt(3.0 / 16 * ln3 * ln3 + 1e-5), out[1], 1e-6);
        assertEquals(5f, out[2], 1e-6f, "one valid step: its value; padding ignored");
        assertEquals(Math.sqrt(1e-5), out[3], 1e-7, "one valid step: no spread, σ = sqrt(ε)");
    }

    @Test
    void attentionStatsGradients() {
        AttentionStatsPool a = new AttentionStatsPool(5);
        GradientCheck.check(a, TestSeqs.sequence(7, 4, 5, 5, new int[] {5, 3, 1, 0}), 8, 80, true);   // weight 0
        Random r = new Random(2);
        float[] w = a.weight().value().data();
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        GradientCheck.check(a, TestSeqs.sequence(3, 4, 5, 5, new int[] {5, 3, 1, 0}), 4, 80, true);
        GradientCheck.check(a, TestSeqs.sequence(5, 2, 6, 5, null), 6, 60, true);
    }

    @Test
    void attentionStatsEmptyRowIsZero() {
        AttentionStatsPool a = new AttentionStatsPool(2);
        a.weight().value().data()[0] = 1;
        Seq x = new Seq(Tensor.of(new float[] {1, 2, 3, 4}, 2, 1, 2), new int[] {0, 1});
        float e = (float) Math.sqrt(1e-5);
        assertArrayEquals(new float[] {0, 0, 0, 0, 3, 4, e, e}, a.forward(x, ForwardPass.inference()).values().data());
        ForwardPass p = ForwardPass.training(new Random(0));
        a.forward(x, p);
        Seq dx = a.backward(Seq.full(Tensor.of(new float[] {1, 1, 1, 1, 1, 1, 1, 1}, 2, 4)), p);
        assertArrayEquals(new float[] {0, 0, 1, 1}, dx.values().data(), "the empty row gets nothing; a single step gets gμ");
        assertArrayEquals(new float[] {0, 0}, a.weight().grad().data());
    }
}
