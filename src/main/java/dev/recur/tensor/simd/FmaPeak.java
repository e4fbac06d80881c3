package dev.recur.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * A probe of the core's fused multiply-add peak on the species the kernels use: {@link #CHAINS} independent
 * FMA chains in registers, no memory traffic, enough chains to cover the FMA latency at two issues per
 * cycle. The benchmarks (FmaPeakBenchmark) turn its rate into the GFLOP/s ceiling the kernels are measured
 * against ("% of peak" in benchmarks/compare.sh's report).
 */
public final class FmaPeak {
    private FmaPeak() {}

    /** Independent accumulators: 12 + 2 operands fit the 16 vector registers of AVX2 as well as AVX-512's 32. */
    public static final int CHAINS = 12;

    /** Float lanes per FMA. */
    public static int lanes() {
        return Species.L;
    }

    /** Floating-point operations of one {@link #run} of n iterations: n · CHAINS · lanes · 2. */
    public static double flops(long n) {
        return 2.0 * n * CHAINS * Species.L;
    }

    /** n iterations of CHAINS FMAs; returns a lane of the result so the work cannot be dropped. */
    public static float run(long n, float seed) {
        FloatVector a = FloatVector.broadcast(Species.F, 0.999999f), b = FloatVector.broadcast(Species.F, 1e-7f);
        FloatVector c0 = FloatVector.broadcast(Species.F, seed), c1 = c0.add(1f), c2 = c0.add(2f), c3 = c0.add(3f);
        FloatVector c4 = c0.add(4f), c5 = c0.add(5f), c6 = c0.add(6f), c7 = c0.add(7f);
        FloatVector c8 = c0.add(8f), c9 = c0.add(9f), c10 = c0.add(10f), c11 = c0.add(11f);
        for (long i = 0; i < n; i++) {
            c0 = c0.fma(a, b); c1 = c1.fma(a, b); c2 = c2.fma(a, b); c3 = c3.fma(a, b);
            c4 = c4.fma(a, b); c5 = c5.fma(a, b); c6 = c6.fma(a, b); c7 = c7.fma(a, b);
            c8 = c8.fma(a, b); c9 = c9.fma(a, b); c10 = c10.fma(a, b); c11 = c11.fma(a, b);
        }
        return c0.add(c1).add(c2.add(c3)).add(c4.add(c5).add(c6.add(c7))).add(c8.add(c9).add(c10.add(c11))).lane(0);
    }
}
