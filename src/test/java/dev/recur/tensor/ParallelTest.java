package dev.recur.tensor;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;

import static dev.recur.tensor.KernelCheck.random;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ParallelTest {
    private final int savedThreads = Parallel.threads();

    @AfterEach
    void restore() { Parallel.setThreads(savedThreads); }

    @Test
    void splitGemmEqualsOneThreadBitForBit() {
        Random rnd = new Random(5);
        for (Kernels k : new Kernels[] {Kernels.active(), Kernels.scalar()}) {
            for (boolean ta : new boolean[] {false, true}) for (boolean tb : new boolean[] {false, true}) {
                for (int[] s : new int[][] {{16, 33, 20}, {37, 70, 300}, {129, 13, 64}, {100, 129, 7}}) {
                    int m = s[0], n = s[1], kk = s[2];
                    int lda = (ta ? m : kk) + 1, ldb = (tb ? kk : n) + 2, ldc = n + 1;
                    float[] a = random(rnd, 3 + (ta ? kk : m) * lda, 1f), b = random(rnd, 1 + (tb ? n : kk) * ldb, 1f);
                    float[] c0 = random(rnd, 2 + m * ldc, 1f);
                    for (float beta : new float[] {0f, 1f}) {
                        float[] one = c0.clone();
                        Parallel.gemm(k, 1, ta, tb, m, n, kk, a, 3, lda, b, 1, ldb, beta, one, 2, ldc);
                        for (int parts = 2; parts <= 5; parts++) {
                            float[] split = c0.clone();
                            Parallel.gemm(k, parts, ta, tb, m, n, kk, a, 3, lda, b, 1, ldb, beta, split, 2, ldc);
                            assertArrayEquals(one, split, k.name() + " ta=" + ta + " tb=" + tb + " m=" + m + " parts=" + parts);
                        }
                    }
                }
            }
        }
    }

    @Test
    void publicGemmSplitsLargeProblemsWithTheSameBits() {
        int m = 200, n = 150, k = 300; // 18 MFLOP, above the split threshold
        assertTrue(2L * m * n * k >= Parallel.GEMM_SPLIT_FLOPS);
        Random rnd = new Random(6);
        float[] a = random(rnd, m * k, 1f), b = random(rnd, n * k, 1f);
        Parallel.setThreads(1);
        float[] one = new float[m * n];
        Parallel.gemm(false, true, m, n, k, a, 0, k, b, 0, k, 0f, one, 0, n);
        Parallel.setThreads(3);
        assertEquals(3, Parallel.threads());
        float[] three = new float[m * n];
        Parallel.gemm(false, true, m, n, k, a, 0, k, b, 0, k, 0f, three, 0, n);
        assertArrayEquals(one, three);
        float[] ref = new float[m * n];
        Kernels.active().gemm(false, true, m, n, k, a, 0, k, b, 0, k, 0f, ref, 0, n);
        assertArrayEquals(ref, three);
    }

    @Test
    void chunksCoverTheRangeOnceAlignedAndWithoutRunts() {
        Parallel.setThreads(2);
        for (int n : new int[] {1, 8, 17, 64, 100, 1000}) {
            for (int parts = 1; parts <= 6; parts++) {
                AtomicIntegerArray hits = new AtomicIntegerArray(n);
                int size = n;
                Parallel.forChunks(n, parts, 8, (from, to) -> {
                    assertEquals(0, from % 8, "aligned start");
                    assertTrue(to - from >= Math.min(8, size), "chunk [" + from + "," + to + ") too small");
                    for (int i = from; i < to; i++) hits.incrementAndGet(i);
                });
                for (int i = 0; i < n; i++) assertEquals(1, hits.get(i), "n=" + n + " parts=" + parts + " index " + i);
            }
        }
    }

    @Test
    void nestedChunksDoNotDeadlock() {
        Parallel.setThreads(2);
        AtomicIntegerArray hits = new AtomicIntegerArray(64);
        Parallel.forChunks(4, 4, 1, (from, to) -> Parallel.forChunks(16, 4, 1, (f2, t2) -> {
            for (int i = f2; i < t2; i++) hits.incrementAndGet(from * 16 + i);
        }));
        for (int i = 0; i < 64; i++) assertEquals(1, hits.get(i));
    }

    @Test
    void rejectsZeroThreads() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
        assertTrue(e.getMessage().contains("at least 1"));
    }
}
