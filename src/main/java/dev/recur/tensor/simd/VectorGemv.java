package dev.recur.tensor.simd;

import dev.recur.tensor.Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorSpecies;

/**
 * Matrix-vector product for batch-1 generation. It is bound by memory bandwidth (each weight is read
 * once), so the kernel only has to keep the load ports busy: four rows at a time share each load of x,
 * and each row has two accumulators so the FMA latency is hidden.
 */
final class VectorGemv {
    private VectorGemv() {}

    static final VectorSpecies<Float> F = Species.F;
    static final int L = F.length();
    /** Shorts with as many lanes as F has floats (half the bits). */
    static final VectorSpecies<Short> H = VectorSpecies.of(short.class, VectorShape.forBitSize(F.vectorBitSize() / 2));
    static final VectorSpecies<Integer> I = F.vectorShape().withLanes(int.class);

    /** y[m] = A[m×n]·x[n] + beta·y. */
    static void gemv(int m, int n, float[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        int upper = F.loopBound(n);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            for (int j = 0; j < upper; j += L) {
                FloatVector xv = FloatVector.fromArray(F, x, xOff + j);
                s0 = FloatVector.fromArray(F, a, r0 + j).fma(xv, s0);
                s1 = FloatVector.fromArray(F, a, r1 + j).fma(xv, s1);
                s2 = FloatVector.fromArray(F, a, r2 + j).fma(xv, s2);
                s3 = FloatVector.fromArray(F, a, r3 + j).fma(xv, s3);
            }
            float t0 = Lanes.sum(s0), t1 = Lanes.sum(s1);
            float t2 = Lanes.sum(s2), t3 = Lanes.sum(s3);
            for (int j = upper; j < n; j++) {
                float xv = x[xOff + j];
                t0 = Math.fma(a[r0 + j], xv, t0);
                t1 = Math.fma(a[r1 + j], xv, t1);
                t2 = Math.fma(a[r2 + j], xv, t2);
                t3 = Math.fma(a[r3 + j], xv, t3);
            }
            put(y, yOff + i, t0, beta);
            put(y, yOff + i + 1, t1, beta);
            put(y, yOff + i + 2, t2, beta);
            put(y, yOff + i + 3, t3, beta);
        }
        for (; i < m; i++) {
            int r0 = aOff + i * lda;
            FloatVector s0 = FloatVector.zero(F);
            for (int j = 0; j < upper; j += L) {
                s0 = FloatVector.fromArray(F, a, r0 + j).fma(FloatVector.fromArray(F, x, xOff + j), s0);
            }
            float t0 = Lanes.sum(s0);
            for (int j = upper; j < n; j++) t0 = Math.fma(a[r0 + j], x[xOff + j], t0);
            put(y, yOff + i, t0, beta);
        }
    }

    /**
     * {@link Kernels#gemvPacked}: per panel, 4 vectors of accumulators (one per L rows) each take one fma per
     * column with x[j] broadcast, so each lane sums its row in column order, as the scalar reference does.
     * A partial last panel (and panels a 4-vector block does not divide) go through the scalar loop.
     */
    static void gemvPacked(int m, int n, float[] packed, float[] x, int xOff, float[] bias, int biasOff,
                           float[] y, int yOff) {
        int p = Kernels.GEMV_PANEL, block = 4 * L;
        int full = p % block == 0 ? m / p : 0;
        for (int panel = 0; panel < full; panel++) {
            for (int sub = 0; sub < p; sub += block) {
                block4(n, packed, panel * n * p + sub, x, xOff, y, yOff + panel * p + sub);
            }
        }
        if (bias != null) {
            int upper = full * p;
            for (int i = 0; i < upper; i += L) {
                FloatVector.fromArray(F, y, yOff + i).add(FloatVector.fromArray(F, bias, biasOff + i)).intoArray(y, yOff + i);
            }
        }
        for (int i = full * p; i < m; i++) {
            int base = (i / p) * n * p + i % p;
            float s = 0f;
            for (int j = 0; j < n; j++) s = Math.fma(packed[base + j * p], x[xOff + j], s);
            y[yOff + i] = bias == null ? s : s + bias[biasOff + i];
        }
    }

    /** 4·L rows of a panel: y[0..4L) = their sums over the n columns (kept small so C2 keeps the vectors in registers). */
    private static void block4(int n, float[] packed, int o, float[] x, int xOff, float[] y, int yo) {
        int p = Kernels.GEMV_PANEL;
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (int j = 0; j < n; j++, o += p) {
            FloatVector xv = FloatVector.broadcast(F, x[xOff + j]);
            s0 = FloatVector.fromArray(F, packed, o).fma(xv, s0);
            s1 = FloatVector.fromArray(F, packed, o + L).fma(xv, s1);
            s2 = FloatVector.fromArray(F, packed, o + 2 * L).fma(xv, s2);
            s3 = FloatVector.fromArray(F, packed, o + 3 * L).fma(xv, s3);
        }
        s0.intoArray(y, yo);
        s1.intoArray(y, yo + L);
        s2.intoArray(y, yo + 2 * L);
        s3.intoArray(y, yo + 3 * L);
    }

    /** {@link Kernels#gemvPackedBf16}: {@link #gemvPacked} with each weight vector widened from bfloat16. */
    static void gemvPackedBf16(int m, int n, short[] packed, float[] x, int xOff, float[] bias, int biasOff,
                               float[] y, int yOff) {
        int p = Kernels.GEMV_PANEL, block = 4 * L;
        int full = p % block == 0 ? m / p : 0;
        for (int panel = 0; panel < full; panel++) {
            for (int sub = 0; sub < p; sub += block) {
                block4Bf16(n, packed, panel * n * p + sub, x, xOff, y, yOff + panel * p + sub);
            }
        }
        if (bias != null) {
            int upper = full * p;
            for (int i = 0; i < upper; i += L) {
                FloatVector.fromArray(F, y, yOff + i).add(FloatVector.fromArray(F, bias, biasOff + i)).intoArray(y, yOff + i);
            }
        }
        for (int i = full * p; i < m; i++) {
            int base = (i / p) * n * p + i % p;
            float s = 0f;
            for (int j = 0; j < n; j++) s = Math.fma(Float.intBitsToFloat(packed[base + j * p] << 16), x[xOff + j], s);
            y[yOff + i] = bias == null ? s : s + bias[biasOff + i];
        }
    }

    private static void block4Bf16(int n, short[] packed, int o, float[] x, int xOff, float[] y, int yo) {
        int p = Kernels.GEMV_PANEL;
        FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
        for (int j = 0; j < n; j++, o += p) {
            FloatVector xv = FloatVector.broadcast(F, x[xOff + j]);
            s0 = bf16(packed, o).fma(xv, s0);
            s1 = bf16(packed, o + L).fma(xv, s1);
            s2 = bf16(packed, o + 2 * L).fma(xv, s2);
            s3 = bf16(packed, o + 3 * L).fma(xv, s3);
        }
        s0.intoArray(y, yo);
        s1.intoArray(y, yo + L);
        s2.intoArray(y, yo + 2 * L);
        s3.intoArray(y, yo + 3 * L);
    }

    private static void put(float[] y, int i, float s, float beta) {
        y[i] = beta == 0f ? s : beta == 1f ? s + y[i] : Math.fma(y[i], beta, s);
    }

    /** Widens L bfloat16 values to floats: sign-extend to int (the high bits are shifted out) and shift into place. */
    private static FloatVector bf16(short[] a, int o) {
        IntVector h = (IntVector) ShortVector.fromArray(H, a, o).convertShape(VectorOperators.S2I, I, 0);
        return h.lanewise(VectorOperators.LSHL, 16).reinterpretAsFloats();
    }

    /** y[m] = A[m×n]·x[n] + beta·y with A as bfloat16 bits; the same blocking as {@link #gemv}. */
    static void gemvBf16(int m, int n, short[] a, int aOff, int lda, float[] x, int xOff, float beta, float[] y, int yOff) {
        int upper = F.loopBound(n);
        int i = 0;
        for (; i + 4 <= m; i += 4) {
            int r0 = aOff + i * lda, r1 = r0 + lda, r2 = r1 + lda, r3 = r2 + lda;
            FloatVector s0 = FloatVector.zero(F), s1 = s0, s2 = s0, s3 = s0;
            for (int j = 0; j < upper; j += L) {
                FloatVector xv = FloatVector.fromArray(F, x, xOff + j);
                s0 = bf16(a, r0 + j).fma(xv, s0);
                s1 = bf16(a, r1 + j).fma(xv, s1);
                s2 = bf16(a, r2 + j).fma(xv, s2);
                s3 = bf16(a, r3 + j).fma(xv, s3);
            }
            float t0 = Lanes.sum(s0), t1 = Lanes.sum(s1);
            float t2 = Lanes.sum(s2), t3 = Lanes.sum(s3);
            for (int j = upper; j < n; j++) {
                float xv = x[xOff + j];
                t0 = Math.fma(Kernels.bf16ToFloat(a[r0 + j]), xv, t0);
                t1 = Math.fma(Kernels.bf16ToFloat(a[r1 + j]), xv, t1);
                t2 = Math.fma(Kernels.bf16ToFloat(a[r2 + j]), xv, t2);
                t3 = Math.fma(Kernels.bf16ToFloat(a[r3 + j]), xv, t3);
            }
            put(y, yOff + i, t0, beta);
            put(y, yOff + i + 1, t1, beta);
            put(y, yOff + i + 2, t2, beta);
            put(y, yOff + i + 3, t3, beta);
        }
        for (; i < m; i++) {
            int r0 = aOff + i * lda;
            FloatVector s0 = FloatVector.zero(F);
            for (int j = 0; j < upper; j += L) s0 = bf16(a, r0 + j).fma(FloatVector.fromArray(F, x, xOff + j), s0);
            float t0 = Lanes.sum(s0);
            for (int j = upper; j < n; j++) t0 = Math.fma(Kernels.bf16ToFloat(a[r0 + j]), x[xOff + j], t0);
            put(y, yOff + i, t0, beta);
        }
    }
}
