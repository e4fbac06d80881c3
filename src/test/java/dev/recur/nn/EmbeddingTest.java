package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class EmbeddingTest {

    private static Seq ids(int[] lengths, float... ids) {
        return new Seq(Tensor.of(ids, lengths.length, ids.length / lengths.length, 1), lengths);
    }

    @Test
    void looksUpRowsAndZeroesPadding() {
        Embedding e = new Embedding(4, 2);
        System.arraycopy(new float[] {0, 1, 10, 11, 20, 21, 30, 31}, 0, e.weight().value().data(), 0, 8);
        // Padded steps may hold anything, even ids that would be invalid.
        Seq y = e.forward(ids(new int[] {3, 1}, 3, 0, 2, 1, -7, 99.5f), ForwardPass.inference());
        assertArrayEquals(new int[] {2, 3, 2}, y.values().shape());
        assertArrayEquals(new float[] {30, 31, 0, 1, 20, 21, 10, 11, 0, 0, 0, 0}, y.values().data());
    }

    @Test
    void gradientsReachTheWeights() {
        Embedding e = new Embedding(5, 3);
        e.initialize(new Random(1));
        GradientCheck.check(e, ids(new int[] {4, 2, 1}, 0, 1, 1, 4, 2, 3, 9, 9, 4, 9, 9, 9), 2, 15, false);
        // Repeated ids accumulate: id 1 appears twice in row 0.
        for (Param p : e.params()) p.zeroGrad();
        ForwardPass pass = ForwardPass.training(new Random(0));
        Seq y = e.forward(ids(new int[] {3}, 1, 1, 2), pass);
        float[] ones = new float[y.values().size()];
        java.util.Arrays.fill(ones, 1f);
        e.backward(new Seq(Tensor.of(ones, y.values().shape()), y.lengths()), pass);
        assertArrayEquals(new float[] {0, 0, 0, 2, 2, 2, 1, 1, 1, 0, 0, 0, 0, 0, 0}, e.weight().grad().data());
    }

    @Test
    void initIsStandardNormal() {
        Embedding e = new Embedding(100, 20);
        e.initialize(new Random(3));
        double sum = 0, sq = 0;
        for (float w : e.weight().value().data()) { sum += w; sq += w * w; }
        assertEquals(0, sum / 2000, 0.06);
        assertEquals(1, sq / 2000, 0.08);
    }

    @Test
    void rejectsBadIds() {
        Embedding e = new Embedding(10, 2);
        var a = assertThrows(IllegalArgumentException.class, () -> e.forward(ids(new int[] {2}, 1, 3.5f), ForwardPass.inference()));
        assertEquals("embedding: token id 3.5 at row 0, step 1 is not an integer in [0, 10)", a.getMessage());
        var b = assertThrows(IllegalArgumentException.class, () -> e.forward(ids(new int[] {1}, 10), ForwardPass.inference()));
        assertTrue(b.getMessage().contains("token id 10.0"), b.getMessage());
        assertThrows(IllegalArgumentException.class, () -> e.forward(ids(new int[] {1}, -1), ForwardPass.inference()));
        assertThrows(IllegalArgumentException.class, () -> e.forward(ids(new int[] {1}, Float.NaN), ForwardPass.inference()));
        var c = assertThrows(IllegalArgumentException.class,
                () -> e.forward(TestSeqs.sequence(1, 1, 2, 3, null), ForwardPass.inference()));
        assertEquals("embedding: expects 1 features, got 3 in [1, 2, 3]", c.getMessage());
    }
}
