package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class ActivationTest {

    /** Values kept at least 0.1 away from ReLU's kink so finite differences stay on one side. */
    private static Seq awayFromZero(long seed) {
        Seq x = TestSeqs.sequence(seed, 3, 4, 3, new int[] {4, 2, 1});
        float[] v = x.values().data();
        for (int i = 0; i < v.length; i++) v[i] = v[i] >= 0 ? v[i] + 0.1f : v[i] - 0.1f;
        return x;
    }

    @Test
    void knownAnswers() {
        Seq x = Seq.full(Tensor.of(new float[] {-2, 0, 0.5f}, 1, 3));
        assertArrayEquals(new float[] {0, 0, 0.5f}, Activation.relu().forward(x, ForwardPass.inference()).values().data());
        assertArrayEquals(new float[] {(float) Math.tanh(-2), 0, (float) Math.tanh(0.5)},
                Activation.tanh().forward(x, ForwardPass.inference()).values().data(), 1e-6f);
        assertArrayEquals(new float[] {-2, 0, 0.5f}, x.values().data(), "input untouched");
    }

    @Test
    void gradients() {
        GradientCheck.check(Activation.relu(), awayFromZero(1), 2, 36, true);
        GradientCheck.check(new Activation(3, Activation.Kind.TANH), awayFromZero(3), 4, 36, true);
    }

    @Test
    void paddingGivesZero() {
        Seq x = TestSeqs.sequence(5, 3, 4, 2, new int[] {4, 2, 1});
        TestSeqs.assertPaddedZero(Activation.tanh().forward(x, ForwardPass.inference()));
    }
}
