package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class PyramidTest {

    @Test
    void evenStepsHalve() {
        // One row, 4 steps of 1 feature: 1 2 3 4 → (1,2) (3,4).
        Seq y = new Pyramid(1).forward(Seq.full(Tensor.of(new float[] {1, 2, 3, 4}, 1, 4, 1)), ForwardPass.inference());
        assertArrayEquals(new int[] {1, 2, 2}, y.values().shape());
        assertArrayEquals(new float[] {1, 2, 3, 4}, y.values().data());
        assertNull(y.lengths());
    }

    @Test
    void oddStepsPairTheLastFrameWithZeros() {
        Seq x = new Seq(Tensor.of(new float[] {
                1, 10, 2, 20, 3, 30, 4, 40, 5, 50,
                6, 60, 7, 70, 8, 80, 9, 90, 9, 90,
                11, 110, 12, 120, 13, 130, 14, 140, 15, 150}, 3, 5, 2), new int[] {5, 3, 1});
        Seq y = new Pyramid(2).forward(x, ForwardPass.inference());
        assertArrayEquals(new int[] {3, 3, 4}, y.values().shape());
        assertArrayEquals(new int[] {3, 2, 1}, y.lengths());
        assertArrayEquals(new float[] {
                1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 0, 0,
                6, 60, 7, 70, 8, 80, 0, 0, 0, 0, 0, 0,   // step 3 is padding: not paired in
                11, 110, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0}, y.values().data());
    }

    @Test
    void gradients() {
        GradientCheck.check(new Pyramid(3), TestSeqs.sequence(1, 3, 4, 3, new int[] {4, 2, 1}), 2, 40, true);
        GradientCheck.check(new Pyramid(3), TestSeqs.sequence(3, 3, 5, 3, new int[] {5, 3, 1}), 4, 50, true);
        GradientCheck.check(new Pyramid(2), TestSeqs.sequence(5, 2, 7, 2, null), 6, 30, true);
    }

    @Test
    void sizes() {
        assertEquals(6, new Pyramid(3).outputSize());
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Pyramid(3).forward(TestSeqs.vectors(1, 2, 3), ForwardPass.inference()));
        assertEquals("pyramid: expects a sequence [batch, steps, 3], got [2, 3]", e.getMessage());
    }
}
