package dev.recur.bench;

import dev.recur.tensor.simd.FmaPeak;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * The measured FMA peak of this machine's cores on the kernels' vector species: the ceiling that
 * benchmarks/compare.sh's "% of peak" column divides by. JMH's score is FMA vectors per second
 * ({@link FmaPeak#CHAINS} per iteration), summed over the threads when run with {@code -t N}; GFLOP/s =
 * score · 2 · lanes / 1e9 (CompareReport peak does the arithmetic).
 */
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class FmaPeakBenchmark {
    static final int N = 1 << 20;

    float seed = 1f;

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(N * FmaPeak.CHAINS)
    public float fma() {
        return FmaPeak.run(N, seed);
    }
}
