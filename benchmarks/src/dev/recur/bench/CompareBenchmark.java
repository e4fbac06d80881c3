package dev.recur.bench;

import dev.recur.nn.ForwardPass;
import dev.recur.nn.Gru;
import dev.recur.nn.Layer;
import dev.recur.nn.Lstm;
import dev.recur.nn.RecurrentStepper;
import dev.recur.nn.Rnn;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.MeanSquaredError;
import dev.recur.tensor.Parallel;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
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

import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * The configurations of benchmarks/pytorch_bench.py, on Recur, for benchmarks/compare.sh: Config C
 * (classification: batch 32, 387 steps, 13 inputs, 2 × 128), Config M (melody: batch 64, 64 steps,
 * 64 inputs, 2 × LSTM 256), Config S (streaming: batch 1, one step at a time, 2 × LSTM 256).
 * {@code forward} and {@code train} (forward + MSE + backward + Adam step, as the PyTorch script) count
 * batches per second; {@code step} is µs per streaming step. Threads: {@code -Drecur.threads=N}.
 */
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class CompareBenchmark {

    /** Batch size of a config, to turn batches/s into sequences/s. */
    static int batchOf(String config) {
        return switch (config) {
            case "C" -> 32;
            case "M" -> 64;
            case "S" -> 1;
            default -> throw new IllegalArgumentException("unknown config " + config);
        };
    }

    static Layer cell(String cell, int in, int hidden) {
        return switch (cell) {
            case "lstm" -> new Lstm(in, hidden, 2, false, true);
            case "gru" -> new Gru(in, hidden, 2, false, true);
            case "rnn" -> new Rnn(in, hidden, 2, false, true, Rnn.Activation.TANH);
            default -> throw new IllegalArgumentException("unknown cell " + cell);
        };
    }

    static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] v = t.data();
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        return t;
    }

    @State(Scope.Thread)
    public static class Batch {
        @Param({"C:lstm", "C:gru", "C:rnn", "M:lstm"})
        public String job;

        Sequential model;
        Adam adam;
        Seq x;
        Tensor target;
        final MeanSquaredError mse = new MeanSquaredError();

        @Setup(Level.Trial)
        public void setup() {
            String config = job.substring(0, 1), cell = job.substring(2);
            int batch = batchOf(config);
            int steps = config.equals("C") ? 387 : 64, in = config.equals("C") ? 13 : 64;
            int hidden = config.equals("C") ? 128 : 256;
            Random r = new Random(0);
            Path models = PeerModels.dir();
            if (models == null) {
                model = Sequential.of(cell(cell, in, hidden));
                model.initialize(0);
                x = Seq.full(random(r, batch, steps, in));
                target = random(r, batch, steps, hidden);
            } else {
                // The peers' weights, input and target, and Recur's output checked against PyTorch's first.
                Map<String, Tensor> t = PeerModels.read(models, job.replace(':', '_'));
                model = Sequential.of(PeerModels.layer(cell, in, hidden, t));
                x = Seq.full(t.get("x"));
                target = t.get("target");
                PeerModels.checkForward(job, model, x, t);
            }
            adam = new Adam(model.params(), 1e-3);
        }
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public Seq forward(Batch b) {
        return b.model.forward(b.x, ForwardPass.inference());
    }

    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    public double train(Batch b) {
        b.adam.zeroGrad();
        ForwardPass pass = ForwardPass.training(new Random(1));
        LossResult loss = b.mse.compute(b.model.forward(b.x, pass), b.target);
        // As in PyTorch, where the input does not require grad, its gradient is not computed.
        b.model.backward(loss.grad(), pass.skipInputGradient(b.model));
        b.adam.step();
        return loss.loss();
    }

    @State(Scope.Thread)
    public static class Stream {
        /** Named apart from {@link Batch#job}: JMH merges the values of same-named params. */
        @Param({"S:lstm"})
        public String stream;

        RecurrentStepper stepper;
        float[] x;

        @Setup(Level.Trial)
        public void setup() {
            Lstm lstm = new Lstm(256, 256, 2, false, true);
            Path models = PeerModels.dir();
            Map<String, Tensor> t = models == null ? null : PeerModels.read(models, "S_lstm");
            if (t != null) PeerModels.loadWeights(lstm, t);
            // float32 weights (the exact path, like PyTorch's), the step split across -Drecur.threads cores.
            stepper = lstm.stepper(false, Parallel.threads());
            x = t == null ? random(new Random(0), 256).data() : t.get("x").data();
            if (t != null) PeerModels.checkSteps(stepper, x, t);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            stepper.close();
        }
    }

    /** One streaming step with carried state, through the stepping API a streaming user calls. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public float[] step(Stream s) {
        return s.stepper.step(s.x);
    }
}
