package dev.recur.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.recur.tensor.KernelCheck.random;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link Kernels#gemmRows}, the product of one recurrent step: the active kernels against the scalar reference for
 * scattered rows, split k, ragged n and k past one k block, with and without a bias; and each row's bits the same
 * whichever rows share its call (the thread split must not change results).
 */
class GemmRowsTest {

    @Test
    void activeMatchesScalarReference() {
        Random rnd = new Random(21);
        // {m, n, k1, k2}
        int[][] shapes = {{1, 512, 64, 128}, {3, 512, 13, 128}, {8, 1024, 64, 256}, {9, 1024, 128, 128},
                {17, 37, 5, 9}, {32, 512, 0, 128}, {5, 40, 30, 0}, {12, 96, 300, 500}, {4, 16, 1, 1}, {2, 7, 0, 0}};
        Kernels scalar = Kernels.scalar(), active = Kernels.active();
        for (int[] sh : shapes) {
            int m = sh[0], n = sh[1], k1 = sh[2], k2 = sh[3], k = k1 + k2;
            for (boolean withBias : new boolean[] {false, true}) {
                // Rows of A and C scattered (reverse order, gaps), as the step loop passes them.
                float[] a1 = random(rnd, 7 + 2 * m * (k1 + 3), 1f), a2 = random(rnd, 5 + 2 * m * (k2 + 1), 1f);
                int[] a1Off = new int[m], a2Off = new int[m], cOff = new int[m];
                for (int i = 0; i < m; i++) {
                    a1Off[i] = 7 + (m - 1 - i) * 2 * (k1 + 3);
                    a2Off[i] = 5 + i * 2 * (k2 + 1) + 1;
                    cOff[i] = 3 + (m - 1 - i) * (n + 11);
                }
                float[] w = random(rnd, n * k, 1f);
                float[] bias = withBias ? random(rnd, 2 + n, 1f) : null;
                float[] c0 = random(rnd, 3 + m * (n + 11), 1f);
                float[] want = c0.clone(), got = c0.clone();
                scalar.gemmRows(m, a1, a1Off, k1, a2, a2Off, scalar.packB(true, k, n, w, 0, k), bias, 2, want, cOff);
                active.gemmRows(m, a1, a1Off, k1, a2, a2Off, active.packB(true, k, n, w, 0, k), bias, 2, got, cOff);
                float[] mag = new float[want.length];
                for (int i = 0; i < m; i++) {
                    for (int j = 0; j < n; j++) {
                        float s = withBias ? Math.abs(bias[2 + j]) : 0f;
                        for (int p = 0; p < k; p++) {
                            float av = p < k1 ? a1[a1Off[i] + p] : a2[a2Off[i] + p - k1];
                            s += Math.abs(av * w[j * k + p]);
                        }
                        mag[cOff[i] + j] = s;
                    }
                }
                // Outside the rows' C runs nothing may change: mag 0 there, so the check is exact.
                KernelCheck.assertClose(active.name() + " m=" + m + " n=" + n + " k1=" + k1 + " k2=" + k2
                        + " bias=" + withBias, want, got, mag);
            }
        }
    }

    @Test
    void aRowHasTheSameBitsWhicheverRowsShareItsCall() {
        Random rnd = new Random(22);
        Kernels kern = Kernels.active();
        int m = 19, n = 1024, k1 = 64, k2 = 256, k = k1 + k2;
        float[] a1 = random(rnd, m * k1, 1f), a2 = random(rnd, m * k2, 1f);
        float[] w = random(rnd, n * k, 1f), bias = random(rnd, n, 1f);
        PackedB pb = kern.packB(true, k, n, w, 0, k);
        int[] a1Off = new int[m], a2Off = new int[m], cOff = new int[m];
        for (int i = 0; i < m; i++) {
            a1Off[i] = i * k1;
            a2Off[i] = i * k2;
            cOff[i] = i * n;
        }
        float[] whole = new float[m * n];
        kern.gemmRows(m, a1, a1Off, k1, a2, a2Off, pb, bias, 0, whole, cOff);
        for (int rows : new int[] {1, 2, 7, 9}) {
            for (int first : new int[] {0, 5, m - rows}) {
                float[] part = new float[m * n];
                kern.gemmRows(rows, a1, java.util.Arrays.copyOfRange(a1Off, first, first + rows), k1, a2,
                        java.util.Arrays.copyOfRange(a2Off, first, first + rows), pb, bias, 0, part,
                        java.util.Arrays.copyOfRange(cOff, first, first + rows));
                for (int r = first; r < first + rows; r++) {
                    for (int j = 0; j < n; j++) {
                        assertEquals(Float.floatToIntBits(whole[r * n + j]), Float.floatToIntBits(part[r * n + j]),
                                kern.name() + ": rows=" + rows + " first=" + first + " row " + r + " col " + j);
                    }
                }
            }
        }
    }
}
