package dev.recur.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.recur.tensor.KernelCheck.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The packed matrix-vector product: same bits on both paths, and the product it claims to be. */
class GemvPackedTest {
    static final int[] ROWS = {1, 7, 31, 63, 64, 65, 100, 128, 1024};
    static final int[] COLS = {0, 1, 13, 64, 257};

    @Test
    void vectorPathEqualsScalarBitForBitAndMatchesTheProduct() {
        Random rnd = new Random(5);
        for (int m : ROWS) {
            for (int n : COLS) {
                for (boolean withBias : new boolean[] {false, true}) {
                    int lda = n + rnd.nextInt(3), aOff = rnd.nextInt(4), xOff = rnd.nextInt(4), yOff = rnd.nextInt(4);
                    int bOff = rnd.nextInt(4);
                    float[] a = random(rnd, aOff + m * lda, 1f);
                    float[] x = random(rnd, xOff + n, 1f);
                    float[] bias = withBias ? random(rnd, bOff + m, 1f) : null;
                    float[] packed = Kernels.packForGemv(m, n, a, aOff, lda);
                    float[] ys = random(rnd, yOff + m + 2, 1f);
                    float[] yv = ys.clone();
                    Kernels.scalar().gemvPacked(m, n, packed, x, xOff, bias, bOff, ys, yOff);
                    Kernels.active().gemvPacked(m, n, packed, x, xOff, bias, bOff, yv, yOff);
                    String what = "m=" + m + " n=" + n + " bias=" + withBias;
                    assertArrayEquals(ys, yv, what);
                    for (int i = 0; i < m; i++) {
                        double want = withBias ? bias[bOff + i] : 0;
                        for (int j = 0; j < n; j++) want += (double) a[aOff + i * lda + j] * x[xOff + j];
                        assertEquals(want, ys[yOff + i], 1e-5 * (1 + n), what + " row " + i);
                    }
                }
            }
        }
    }

    @Test
    void bf16PathsAgreeBitForBitAndEqualTheProductOfRoundedWeights() {
        Random rnd = new Random(6);
        for (int m : ROWS) {
            for (int n : COLS) {
                int lda = n + 1, xOff = 2, yOff = 1;
                float[] a = random(rnd, m * lda, 1f);
                float[] x = random(rnd, xOff + n, 1f);
                float[] bias = random(rnd, m, 1f);
                short[] packed = Kernels.packForGemvBf16(m, n, a, 0, lda);
                float[] ys = new float[yOff + m], yv = new float[yOff + m];
                Kernels.scalar().gemvPackedBf16(m, n, packed, x, xOff, bias, 0, ys, yOff);
                Kernels.active().gemvPackedBf16(m, n, packed, x, xOff, bias, 0, yv, yOff);
                assertArrayEquals(ys, yv, "m=" + m + " n=" + n);
                for (int i = 0; i < m; i++) {
                    short[] row = Kernels.toBf16(a, i * lda, n);
                    double want = bias[i];
                    for (int j = 0; j < n; j++) want += (double) Kernels.bf16ToFloat(row[j]) * x[xOff + j];
                    assertEquals(want, ys[yOff + i], 1e-5 * (1 + n), "m=" + m + " n=" + n + " row " + i);
                }
            }
        }
    }
}
