package dev.recur.bench;

import dev.recur.tensor.Kernels;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Random;

/**
 * A quick GFLOP/s table of the vector and scalar kernels, timed by the thread's CPU time (best of
 * several rounds), so that time slices lost to other processes on a shared machine do not count. It
 * complements {@link KernelBenchmark}: not a substitute for JMH on a quiet machine (cache pollution by
 * other processes still counts). Run: {@code benchmarks/run.sh --table [shape...]}.
 */
public final class KernelTable {
    private KernelTable() {}

    static final String[] SHAPES = {"32x1024x256:NT", "64x512x128:NT", "32x768x256:NT", "12384x1024x13:NT",
            "12384x512x128:NT", "1024x256x12384:TN", "1024x256x512:TN", "32x256x1024:NN", "64x128x512:NN", "1x1024x256:NT"};
    /** The scalar path is only timed below this size (it runs at ~1 GFLOP/s or less). */
    static final double SCALAR_MAX_FLOPS = 2e9;

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    public static void main(String[] args) {
        String[] shapes = args.length > 0 ? args : SHAPES;
        Kernels vector = KernelBenchmark.kernels("vector"), scalar = Kernels.scalar();
        System.out.printf("lanes %d, GFLOP/s by thread CPU time, one thread%n", vector.floatLanes());
        System.out.printf("%-20s %10s %10s %8s%n", "gemm shape", "vector", "scalar", "ratio");
        for (String shape : shapes) {
            Gemm g = new Gemm(shape);
            double v = g.gflops(vector, 3e9);
            double s = g.flops() <= SCALAR_MAX_FLOPS ? g.gflops(scalar, 3e8) : Double.NaN;
            System.out.printf("%-20s %10.1f %10s %8s%n", shape, v, Double.isNaN(s) ? "-" : String.format("%.2f", s),
                    Double.isNaN(s) ? "-" : String.format("%.0fx", v / s));
        }
    }

    /** One GEMM problem with random operands. */
    static final class Gemm {
        final int m, n, k;
        final boolean ta, tb;
        final float[] a, b, c;

        Gemm(String shape) {
            String[] parts = shape.split(":");
            String[] d = parts[0].split("x");
            m = Integer.parseInt(d[0]);
            n = Integer.parseInt(d[1]);
            k = Integer.parseInt(d[2]);
            ta = parts[1].charAt(0) == 'T';
            tb = parts[1].charAt(1) == 'T';
            Random rnd = new Random(1);
            a = KernelBenchmark.random(rnd, m * k);
            b = KernelBenchmark.random(rnd, k * n);
            c = new float[m * n];
        }

        double flops() { return 2.0 * m * n * k; }

        /** Best of 7 rounds of about {@code roundFlops} each (at least one call), after one warm-up round. */
        double gflops(Kernels kernels, double roundFlops) {
            int reps = (int) Math.max(1, roundFlops / flops());
            double best = 0;
            for (int round = 0; round < 8; round++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < reps; i++) {
                    kernels.gemm(ta, tb, m, n, k, a, 0, ta ? m : k, b, 0, tb ? k : n, 0f, c, 0, n);
                }
                long ns = THREADS.getCurrentThreadCpuTime() - t0;
                if (round > 0) best = Math.max(best, flops() * reps / ns);
            }
            return best;
        }
    }
}
