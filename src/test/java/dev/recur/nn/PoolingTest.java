package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

/** LastStep, MeanPool and MaxPool: the sequence-to-vector heads. */
class PoolingTest {
    private static final int[] LENGTHS = {4, 2, 1};

    /** Row 0: 1..4 (and −1..−4), row 1: 5 9 | pad, row 2: 7 | pad; padding holds 100 to catch leaks. */
    private static Seq known() {
        return new Seq(Tensor.of(new float[] {
                1, -1, 2, -2, 3, -3, 4, -4,
                5, -5, 9, -9, 100, 100, 100, 100,
                7, -7, 100, 100, 100, 100, 100, 100}, 3, 4, 2), LENGTHS);
    }

    @Test
    void knownAnswers() {
        ForwardPass p = ForwardPass.inference();
        Seq last = new LastStep(2).forward(known(), p);
        assertArrayEquals(new int[] {3, 2}, last.values().shape());
        assertNull(last.lengths());
        assertArrayEquals(new float[] {4, -4, 9, -9, 7, -7}, last.values().data());
        assertArrayEquals(new float[] {2.5f, -2.5f, 7, -7, 7, -7}, new MeanPool(2).forward(known(), p).values().data());
        assertArrayEquals(new float[] {4, -1, 9, -5, 7, -7}, new MaxPool(2).forward(known(), p).values().data());
    }

    @Test
    void emptyRowsGiveZeros() {
        Seq x = new Seq(Tensor.of(new float[] {1, 2, 3, 4}, 2, 2, 1), new int[] {0, 2});
        ForwardPass p = ForwardPass.inference();
        assertArrayEquals(new float[] {0, 4}, new LastStep(1).forward(x, p).values().data());
        assertArrayEquals(new float[] {0, 3.5f}, new MeanPool(1).forward(x, p).values().data());
        assertArrayEquals(new float[] {0, 4}, new MaxPool(1).forward(x, p).values().data());
    }

    @Test
    void gradientsWithLengths() {
        Seq x = TestSeqs.sequence(1, 3, 4, 5, LENGTHS);
        GradientCheck.check(new LastStep(5), x, 2, 60, true);
        GradientCheck.check(new MeanPool(5), x, 3, 60, true);
        GradientCheck.check(new MaxPool(5), TestSeqs.spread(9, 3, 4, 5, LENGTHS), 4, 60, true);
        Seq full = TestSeqs.sequence(5, 2, 3, 4, null);
        GradientCheck.check(new LastStep(4), full, 6, 24, true);
        GradientCheck.check(new MeanPool(4), full, 7, 24, true);
        GradientCheck.check(new MaxPool(4), TestSeqs.spread(10, 2, 3, 4, null), 8, 24, true);
    }

    @Test
    void needSequences() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> new MeanPool(3).forward(TestSeqs.vectors(1, 2, 3), ForwardPass.inference()));
        assertEquals("mean_pool: expects a sequence [batch, steps, 3], got [2, 3]", e.getMessage());
        var l = assertThrows(IllegalArgumentException.class,
                () -> new LastStep(2).forward(new Seq(Tensor.zeros(2, 3, 2), new int[] {3, 4}), ForwardPass.inference()));
        assertEquals("last_step: row 1 has length 4 outside [0, 3]", l.getMessage());
    }
}
