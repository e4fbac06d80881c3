package dev.recur.bench;

import dev.recur.nn.ForwardPass;
import dev.recur.nn.Gru;
import dev.recur.nn.Lstm;
import dev.recur.nn.Recurrent;
import dev.recur.nn.Rnn;
import dev.recur.nn.Seq;
import dev.recur.tensor.Tensor;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The recurrent layers on the three reference workloads, one thread, scores comparable with PyTorch's:
 * <ul>
 *   <li>C: batch 32 × 387 steps × 13 inputs (MFCC frames of a genre clip), 2 stacked layers of 128;
 *       LSTM, GRU and tanh RNN. Score = sequences/s.</li>
 *   <li>M: batch 64 × 64 steps × 64 inputs, 2×LSTM 256. Score = sequences/s.</li>
 *   <li>S: batch 1, one step per call with the state carried (generation), 2×LSTM 256. Score = µs/step.</li>
 * </ul>
 * Run: {@code benchmarks/run.sh RecurrentBenchmark -jvmArgsAppend "--add-modules jdk.incubator.vector -Drecur.threads=1"}
 * for PyTorch's one-thread setting. On a machine shared with other jobs, {@link RecurrentCpuTime} times the
 * same workloads by thread CPU time. PyTorch 1.13, one thread, on this machine type: C LSTM ≈ 249 seq/s
 * forward, ≈ 75 seq/s forward+backward; S ≈ 400 µs/step.
 */
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx4g"})
@Warmup(iterations = 2, time = 3)
@Measurement(iterations = 3, time = 3)
public class RecurrentBenchmark {

    static Tensor randn(long seed, int... shape) {
        Tensor t = Tensor.zeros(shape);
        Random r = new Random(seed);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        return t;
    }

    static Recurrent layer(String cell, int in, int hidden, int layers) {
        return switch (cell) {
            case "lstm" -> new Lstm(in, hidden, layers, false, true);
            case "gru" -> new Gru(in, hidden, layers, false, true);
            case "rnn" -> new Rnn(in, hidden, layers, false, true, Rnn.Activation.TANH);
            default -> throw new IllegalArgumentException("unknown cell " + cell);
        };
    }

    /** Forward, then backward with a fixed output gradient; parameter gradients just accumulate. The input's gradient is skipped, as PyTorch skips it for an input without requires_grad. */
    static Seq train(Recurrent layer, Seq x, Seq dy) {
        ForwardPass pass = ForwardPass.training(new Random(0));
        layer.forward(x, pass);
        return layer.backward(dy, pass.skipInputGradient(layer));
    }

    @State(Scope.Thread)
    public static class ConfigC {
        static final int BATCH = 32, STEPS = 387, INPUTS = 13, HIDDEN = 128;
        @Param({"lstm", "gru", "rnn"}) public String cell;
        Recurrent layer;
        Seq x, dy;

        @Setup public void setup() {
            layer = layer(cell, INPUTS, HIDDEN, 2);
            x = Seq.full(randn(1, BATCH, STEPS, INPUTS));
            dy = Seq.full(randn(2, BATCH, STEPS, HIDDEN));
        }
    }

    @State(Scope.Thread)
    public static class ConfigM {
        static final int BATCH = 64, STEPS = 64, INPUTS = 64, HIDDEN = 256;
        Recurrent layer;
        Seq x, dy;

        @Setup public void setup() {
            layer = layer("lstm", INPUTS, HIDDEN, 2);
            x = Seq.full(randn(3, BATCH, STEPS, INPUTS));
            dy = Seq.full(randn(4, BATCH, STEPS, HIDDEN));
        }
    }

    @State(Scope.Thread)
    public static class ConfigS {
        static final int INPUTS = 64, HIDDEN = 256;
        Recurrent layer;
        Seq x;
        float[][] state;

        @Setup public void setup() {
            layer = layer("lstm", INPUTS, HIDDEN, 2);
            x = Seq.full(randn(5, 1, 1, INPUTS));
        }
    }

    @Benchmark @BenchmarkMode(Mode.Throughput) @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ConfigC.BATCH)
    public Seq configCForward(ConfigC c) {
        return c.layer.forward(c.x, ForwardPass.inference());
    }

    @Benchmark @BenchmarkMode(Mode.Throughput) @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ConfigC.BATCH)
    public Seq configCForwardBackward(ConfigC c) {
        return train(c.layer, c.x, c.dy);
    }

    @Benchmark @BenchmarkMode(Mode.Throughput) @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ConfigM.BATCH)
    public Seq configMForward(ConfigM m) {
        return m.layer.forward(m.x, ForwardPass.inference());
    }

    @Benchmark @BenchmarkMode(Mode.Throughput) @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ConfigM.BATCH)
    public Seq configMForwardBackward(ConfigM m) {
        return train(m.layer, m.x, m.dy);
    }

    /** One generation step: both layers, state in and out. */
    @Benchmark @BenchmarkMode(Mode.AverageTime) @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public Seq configSStep(ConfigS s) {
        ForwardPass pass = ForwardPass.inference();
        pass.setInitialState(s.layer, s.state);
        Seq y = s.layer.forward(s.x, pass);
        s.state = pass.finalState(s.layer);
        return y;
    }
}
