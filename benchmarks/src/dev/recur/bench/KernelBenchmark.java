package dev.recur.bench;

import dev.recur.tensor.Kernels;
import dev.recur.tensor.Parallel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The kernels at the shapes recurrent layers use. Scores are calls per second; GFLOP/s of a GEMM is
 * score × 2·m·n·k / 1e9 (printed per shape at setup as "flops per call"). Run with benchmarks/run.sh.
 * JMH measures wall time; on a machine shared with other work see {@link KernelTable}, which uses CPU time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class KernelBenchmark {

    static Kernels kernels(String path) {
        Kernels k = path.equals("scalar") ? Kernels.scalar() : Kernels.active();
        if (!k.name().equals(path)) throw new IllegalStateException("wanted the " + path + " path, got " + k.name());
        return k;
    }

    static float[] random(Random rnd, int n) {
        float[] x = new float[n];
        for (int i = 0; i < n; i++) x[i] = (float) (rnd.nextGaussian() * 0.5);
        return x;
    }

    /**
     * C[m×n] = op(A)·op(B): "m x n x k" then NN/NT/TN/TT. NT is the forward product X·Wᵀ with PyTorch's
     * [out×in] weights, TN the weight gradient dGᵀ·X, NN the input gradient dG·W.
     */
    @State(Scope.Thread)
    public static class Gemm {
        // The scalar path needs minutes per call for a whole-batch weight gradient such as 1024x256x12384:TN;
        // pass such shapes explicitly with -p path=vector -p shape=....
        @Param({"32x1024x256:NT", "64x512x128:NT", "32x768x256:NT", "12384x1024x13:NT", "12384x512x128:NT",
                "1024x256x512:TN", "32x256x1024:NN", "64x128x512:NN", "1x1024x256:NT"})
        public String shape;
        @Param({"vector", "scalar"})
        public String path;
        /** Threads for the gemmParallel benchmark (Parallel.gemm); gemm itself is always one thread. */
        @Param({"1"})
        public int threads;

        Kernels k;
        int m, n, kk, lda, ldb;
        boolean ta, tb;
        float[] a, b, c;

        @Setup(Level.Trial)
        public void setup() {
            String[] parts = shape.split(":");
            String[] dims = parts[0].split("x");
            m = Integer.parseInt(dims[0]);
            n = Integer.parseInt(dims[1]);
            kk = Integer.parseInt(dims[2]);
            ta = parts[1].charAt(0) == 'T';
            tb = parts[1].charAt(1) == 'T';
            lda = ta ? m : kk;
            ldb = tb ? kk : n;
            k = kernels(path);
            Random rnd = new Random(42);
            a = random(rnd, m * kk);
            b = random(rnd, kk * n);
            c = new float[m * n];
            Parallel.setThreads(threads);
            System.out.printf("%n[gemm %s] flops per call: %d%n", shape, 2L * m * n * kk);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            Parallel.setThreads(Runtime.getRuntime().availableProcessors());
        }
    }

    @Benchmark
    public float[] gemm(Gemm s) {
        s.k.gemm(s.ta, s.tb, s.m, s.n, s.kk, s.a, 0, s.lda, s.b, 0, s.ldb, 0f, s.c, 0, s.n);
        return s.c;
    }

    @Benchmark
    public float[] gemmParallel(Gemm s) {
        Parallel.gemm(s.k, s.ta, s.tb, s.m, s.n, s.kk, s.a, 0, s.lda, s.b, 0, s.ldb, 0f, s.c, 0, s.n);
        return s.c;
    }

    /** y[m] = A[m×n]·x: one step of batch-1 generation (1024×256 is an LSTM-256 weight matrix, 4 MB for two layers). */
    @State(Scope.Thread)
    public static class Gemv {
        @Param({"1024x256", "768x256", "512x128", "4096x1024"})
        public String shape;
        @Param({"vector", "scalar"})
        public String path;

        Kernels k;
        int m, n;
        float[] a, x, y;

        @Setup(Level.Trial)
        public void setup() {
            String[] dims = shape.split("x");
            m = Integer.parseInt(dims[0]);
            n = Integer.parseInt(dims[1]);
            k = kernels(path);
            Random rnd = new Random(7);
            a = random(rnd, m * n);
            x = random(rnd, n);
            y = new float[m];
            System.out.printf("%n[gemv %s] flops per call: %d, bytes of A: %d%n", shape, 2L * m * n, 4L * m * n);
        }
    }

    @Benchmark
    public float[] gemv(Gemv s) {
        s.k.gemv(s.m, s.n, s.a, 0, s.n, s.x, 0, 0f, s.y, 0);
        return s.y;
    }

    /**
     * One generation step of a 2-layer LSTM-256 with 256 inputs, batch 1: four 1024×256 weight matrices
     * (4 MB), each applied once. Budget: 40 µs per step.
     */
    @State(Scope.Thread)
    public static class LstmStep {
        @Param({"vector", "scalar"})
        public String path;

        Kernels k;
        float[][] w = new float[4][];
        short[][] wBf16 = new short[4][];
        float[] x, gates;

        @Setup(Level.Trial)
        public void setup() {
            k = kernels(path);
            Random rnd = new Random(9);
            for (int i = 0; i < 4; i++) {
                w[i] = random(rnd, 1024 * 256);
                wBf16[i] = Kernels.toBf16(w[i], 0, w[i].length);
            }
            x = random(rnd, 256);
            gates = new float[1024];
        }
    }

    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @BenchmarkMode(Mode.AverageTime)
    public float[] lstm2x256Step(LstmStep s) {
        for (int i = 0; i < 4; i++) s.k.gemv(1024, 256, s.w[i], 0, 256, s.x, 0, i % 2 == 0 ? 0f : 1f, s.gates, 0);
        return s.gates;
    }

    /** The same step with the weights as bfloat16 (2 MB): {@link Kernels#gemvBf16}. */
    @Benchmark
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    @BenchmarkMode(Mode.AverageTime)
    public float[] lstm2x256StepBf16(LstmStep s) {
        for (int i = 0; i < 4; i++) s.k.gemvBf16(1024, 256, s.wBf16[i], 0, 256, s.x, 0, i % 2 == 0 ? 0f : 1f, s.gates, 0);
        return s.gates;
    }

    /** Activations over 64K floats (recomputed on the same buffer; values stay in range). */
    @State(Scope.Thread)
    public static class Pointwise {
        @Param({"vector", "scalar"})
        public String path;

        Kernels k;
        float[] src, x;

        @Setup(Level.Trial)
        public void setup() {
            k = kernels(path);
            src = random(new Random(3), 65536);
            for (int i = 0; i < src.length; i++) src[i] *= 8f;
            x = src.clone();
        }
    }

    @Benchmark
    public void sigmoid64k(Pointwise s, Blackhole bh) {
        System.arraycopy(s.src, 0, s.x, 0, s.x.length);
        s.k.sigmoid(s.x.length, s.x, 0);
        bh.consume(s.x);
    }

    @Benchmark
    public void tanh64k(Pointwise s, Blackhole bh) {
        System.arraycopy(s.src, 0, s.x, 0, s.x.length);
        s.k.tanh(s.x.length, s.x, 0);
        bh.consume(s.x);
    }

    @Benchmark
    public void softmax64x1024(Pointwise s, Blackhole bh) {
        System.arraycopy(s.src, 0, s.x, 0, s.x.length);
        s.k.softmax(s.x, 0, 64, 1024);
        bh.consume(s.x);
    }
}
