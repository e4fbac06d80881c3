package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class DropoutTest {

    @Test
    void identityAtInference() {
        Seq x = TestSeqs.sequence(1, 2, 3, 4, null);
        Seq y = new Dropout(0.5f).forward(x, ForwardPass.inference());
        assertArrayEquals(x.values().data(), y.values().data());
    }

    @Test
    void dropsAboutPAndScalesTheRest() {
        int n = 20_000;
        float[] ones = new float[n];
        java.util.Arrays.fill(ones, 1f);
        Seq y = new Dropout(0.3f).forward(Seq.full(Tensor.of(ones, 1, n)), ForwardPass.training(new Random(5)));
        int zeros = 0;
        double sum = 0;
        for (float v : y.values().data()) {
            if (v == 0f) zeros++;
            else assertEquals(1 / 0.7f, v, 1e-6f);
            sum += v;
        }
        // Binomial(20000, 0.3) has sd ≈ 65; allow 5 sd.
        assertEquals(0.3 * n, zeros, 325);
        assertEquals(1.0, sum / n, 0.03);
    }

    @Test
    void sameSeedSameMask() {
        Seq x = TestSeqs.sequence(2, 2, 5, 3, null);
        Dropout d = new Dropout(0.5f);
        float[] a = d.forward(x, ForwardPass.training(new Random(9))).values().data();
        float[] b = d.forward(x, ForwardPass.training(new Random(9))).values().data();
        float[] c = d.forward(x, ForwardPass.training(new Random(10))).values().data();
        assertArrayEquals(a, b);
        assertFalse(java.util.Arrays.equals(a, c));
    }

    @Test
    void gradientFollowsTheMask() {
        GradientCheck.check(new Dropout(6, 0.4f), TestSeqs.sequence(3, 3, 4, 6, new int[] {4, 2, 1}), 4, 50, true);
    }

    @Test
    void sizes() {
        assertEquals(Layer.ANY_SIZE, new Dropout(0.1f).inputSize());
        assertEquals(8, new Dropout(8, 0.1f).outputSize());
        assertThrows(IllegalArgumentException.class, () -> new Dropout(1.5f));
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Dropout(8, 0.1f).forward(TestSeqs.vectors(1, 2, 3), ForwardPass.inference()));
        assertEquals("dropout: expects 8 features, got 3 in [2, 3]", e.getMessage());
    }
}
