package dev.recur.tensor;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

/**
 * A persistent pool of daemon threads for the large kernels. Its size is the number of available
 * processors, or {@code -Drecur.threads=N}, or {@link #setThreads}. Work is cut into contiguous chunks
 * fixed by the problem and the thread count only, and each chunk is computed exactly as it would be by
 * one thread, so results do not depend on the thread count.
 */
public final class Parallel {
    private Parallel() {}

    /**
     * GEMMs below this many flops (2·m·n·k) run on the calling thread. A split costs a fork/join (tens of
     * microseconds) and every thread packs all of op(B) again, so it pays only for problems of a few
     * hundred microseconds (16 MFLOP is ~150 µs on one AVX-512 core). On the shared 2-core build machine
     * the crossover could not be measured cleanly, so this is an estimate, deliberately on the high side.
     */
    public static final long GEMM_SPLIT_FLOPS = 16_000_000L;
    /** Fewest rows of C per thread: fewer rows would spend most of each thread's time repacking B. */
    static final int MIN_ROWS_PER_PART = 32;
    /** Row chunks start at multiples of this (a multiple of every register-tile height). */
    static final int ROW_ALIGN = 8;

    private static int threads = defaultThreads();
    private static ForkJoinPool pool;

    private static int defaultThreads() {
        int cores = Runtime.getRuntime().availableProcessors();
        Integer n = Integer.getInteger("recur.threads");
        return n == null || n < 1 ? cores : n;
    }

    /** Threads the kernels may use (1 means everything runs on the calling thread). */
    public static synchronized int threads() { return threads; }

    /** Sets the thread count for later calls; the pool is rebuilt lazily. */
    public static synchronized void setThreads(int n) {
        if (n < 1) throw new IllegalArgumentException("thread count must be at least 1, got " + n);
        if (n == threads) return;
        threads = n;
        if (pool != null) {
            pool.shutdown();
            pool = null;
        }
    }

    private static synchronized ForkJoinPool pool() {
        if (pool == null) pool = new ForkJoinPool(threads); // default factory: daemon workers
        return pool;
    }

    /** A body that processes the index range [from, to). */
    @FunctionalInterface
    public interface Range {
        void run(int from, int to);
    }

    /**
     * Runs {@code body} over [0, n) in {@code parts} contiguous chunks whose starts are multiples of
     * {@code align} and whose sizes are at least {@code align} (the last chunk takes the rest), in
     * parallel, and returns when all are done.
     * Exceptions thrown by a chunk are rethrown here.
     */
    public static void forChunks(int n, int parts, int align, Range body) {
        int per = Math.max(align, ceilDiv(ceilDiv(n, parts), align) * align);
        int chunks = ceilDiv(n, per);
        if (chunks > 1 && n - (chunks - 1) * per < align) chunks--; // no runt at the end
        if (chunks <= 1) {
            body.run(0, n);
            return;
        }
        RecursiveAction[] tasks = new RecursiveAction[chunks];
        for (int t = 0; t < chunks; t++) {
            int from = t * per, to = t == chunks - 1 ? n : from + per;
            tasks[t] = new RecursiveAction() {
                @Override protected void compute() { body.run(from, to); }
            };
        }
        RecursiveAction all = new RecursiveAction() {
            @Override protected void compute() { ForkJoinTask.invokeAll(tasks); }
        };
        ForkJoinPool p = pool();
        if (ForkJoinTask.getPool() == p) all.invoke(); // nested call from one of our workers
        else p.invoke(all);
    }

    /** {@link Kernels#gemm} on the active kernels, split by rows of C when the problem is large enough. */
    public static void gemm(boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        gemm(Kernels.active(), transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** {@link Kernels#gemm} on {@code kernels}, split by rows of C when the problem is large enough. */
    public static void gemm(Kernels kernels, boolean transA, boolean transB, int m, int n, int k,
                            float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                            float beta, float[] c, int cOff, int ldc) {
        int t = threads();
        long flops = 2L * m * n * k;
        int parts = t <= 1 || flops < GEMM_SPLIT_FLOPS ? 1 : Math.min(t, m / MIN_ROWS_PER_PART);
        gemm(kernels, parts, transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
    }

    /** The split itself, with an explicit part count (tests force splits of small problems with it). */
    static void gemm(Kernels kernels, int parts, boolean transA, boolean transB, int m, int n, int k,
                     float[] a, int aOff, int lda, float[] b, int bOff, int ldb,
                     float beta, float[] c, int cOff, int ldc) {
        if (parts <= 1 || m < 2 * ROW_ALIGN) {
            kernels.gemm(transA, transB, m, n, k, a, aOff, lda, b, bOff, ldb, beta, c, cOff, ldc);
            return;
        }
        forChunks(m, parts, ROW_ALIGN, (from, to) -> kernels.gemm(transA, transB, to - from, n, k,
                a, aOff + (transA ? from : from * lda), lda, b, bOff, ldb, beta, c, cOff + from * ldc, ldc));
    }

    private static int ceilDiv(int a, int b) { return (a + b - 1) / b; }
}
