package dev.recur.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The active kernels give the same bits on the first call and after the JIT has compiled them. (Found by
 * the concurrent inference test: {@code reduceLanes(ADD)} summed lanes in another order once C2 took over,
 * so a model's output changed after ~20 calls.)
 */
class WarmupDeterminismTest {

    @Test void lateCallsEqualTheFirstBitForBit() {
        Kernels k = Kernels.active();
        Random r = new Random(4);
        int m = 37, n = 203;
        float[] a = new float[m * n], x = new float[n], row = new float[n];
        for (int i = 0; i < a.length; i++) a[i] = (float) r.nextGaussian();
        for (int i = 0; i < n; i++) x[i] = (float) r.nextGaussian();
        float[] y0 = new float[m];
        k.gemv(m, n, a, 0, n, x, 0, 0f, y0, 0);
        float dot0 = k.dot(n, a, 0, x, 0);
        double sq0 = k.sumSquares(a.length, a, 0);
        System.arraycopy(a, 0, row, 0, n);
        k.softmax(row, 0, 1, n);
        float[] soft0 = row.clone();
        for (int it = 0; it < 20_000; it++) {
            float[] y = new float[m];
            k.gemv(m, n, a, 0, n, x, 0, 0f, y, 0);
            assertArrayEquals(y0, y, "gemv at call " + it);
            assertEquals(Float.floatToIntBits(dot0), Float.floatToIntBits(k.dot(n, a, 0, x, 0)), "dot at call " + it);
            assertEquals(Double.doubleToLongBits(sq0), Double.doubleToLongBits(k.sumSquares(a.length, a, 0)), "sumSquares at call " + it);
            System.arraycopy(a, 0, row, 0, n);
            k.softmax(row, 0, 1, n);
            assertArrayEquals(soft0, row, "softmax at call " + it);
        }
    }
}
