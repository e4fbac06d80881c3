package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class DenseTest {
    private static final int[] LENGTHS = {4, 2, 1};

    private static Dense initialized(int in, int out, boolean bias, long seed) {
        Dense d = new Dense(in, out, bias);
        d.initialize(new Random(seed));
        return d;
    }

    @Test
    void knownAnswer() {
        Dense d = new Dense(2, 3);
        System.arraycopy(new float[] {1, 2, 3, 4, 5, 6}, 0, d.weight().value().data(), 0, 6);
        System.arraycopy(new float[] {0.5f, -1, 0}, 0, d.bias().value().data(), 0, 3);
        Seq y = d.forward(Seq.full(Tensor.of(new float[] {1, 1, 2, -1}, 2, 2)), ForwardPass.inference());
        assertArrayEquals(new int[] {2, 3}, y.values().shape());
        assertArrayEquals(new float[] {3.5f, 6, 11, 0.5f, 1, 4}, y.values().data(), 1e-6f);
    }

    @Test
    void sequenceMatchesStepwiseAndZeroesPadding() {
        Dense d = initialized(5, 3, true, 1);
        Seq x = TestSeqs.sequence(2, 3, 4, 5, LENGTHS);
        Seq y = d.forward(x, ForwardPass.inference());
        assertArrayEquals(new int[] {3, 4, 3}, y.values().shape());
        assertSame(x.lengths(), y.lengths());
        TestSeqs.assertPaddedZero(y);
        for (int b = 0; b < 3; b++) {
            for (int t = 0; t < LENGTHS[b]; t++) {
                float[] step = new float[5];
                for (int i = 0; i < 5; i++) step[i] = TestSeqs.at(x, b, t, i);
                Seq one = d.forward(Seq.full(Tensor.of(step, 1, 5)), ForwardPass.inference());
                for (int o = 0; o < 3; o++) assertEquals(one.values().get(0, o), TestSeqs.at(y, b, t, o), 1e-5f);
            }
        }
    }

    @Test
    void gradientsOnVectors() {
        GradientCheck.check(initialized(5, 4, true, 3), TestSeqs.vectors(4, 3, 5), 5, 40, true);
    }

    @Test
    void gradientsOnSequencesWithLengths() {
        GradientCheck.check(initialized(5, 4, true, 6), TestSeqs.sequence(7, 3, 4, 5, LENGTHS), 8, 40, true);
        GradientCheck.check(initialized(3, 2, false, 9), TestSeqs.sequence(10, 3, 4, 3, LENGTHS), 11, 40, true);
    }

    @Test
    void inputGradientIsZeroOnPaddedSteps() {
        Dense d = initialized(3, 2, true, 12);
        ForwardPass pass = ForwardPass.training(new Random(0));
        Seq y = d.forward(TestSeqs.sequence(13, 3, 4, 3, LENGTHS), pass);
        float[] ones = new float[y.values().size()];
        java.util.Arrays.fill(ones, 1f);
        Seq dx = d.backward(new Seq(Tensor.of(ones, y.values().shape()), y.lengths()), pass);
        TestSeqs.assertPaddedZero(dx);
        // The bias gradient counts only the 4 + 2 + 1 valid steps.
        assertArrayEquals(new float[] {7, 7}, d.bias().grad().data(), 1e-6f);
    }

    @Test
    void initializationIsBoundedAndSeeded() {
        Dense a = initialized(16, 8, true, 42), b = initialized(16, 8, true, 42);
        assertArrayEquals(a.weight().value().data(), b.weight().value().data());
        float bound = 0.25f;
        for (float w : a.weight().value().data()) assertTrue(Math.abs(w) <= bound);
        for (float w : a.bias().value().data()) assertTrue(Math.abs(w) <= bound);
        double sq = 0;
        for (float w : a.weight().value().data()) sq += w * w;
        // U(−c, c) has variance c²/3; 128 draws land near it.
        assertEquals(bound * bound / 3, sq / 128, 0.01);
    }

    @Test
    void paramsUseLinearNames() {
        assertEquals(java.util.List.of("weight", "bias"), new Dense(2, 3).params().stream().map(Param::name).toList());
        assertEquals(java.util.List.of("weight"), new Dense(2, 3, false).params().stream().map(Param::name).toList());
        assertArrayEquals(new int[] {3, 2}, new Dense(2, 3).weight().value().shape());
    }

    @Test
    void wrongInputSizeIsNamed() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Dense(4, 2).forward(TestSeqs.vectors(1, 2, 3), ForwardPass.inference()));
        assertEquals("dense: expects 4 features, got 3 in [2, 3]", e.getMessage());
    }
}
