package dev.recur.bench;

import dev.recur.io.SafeTensors;
import dev.recur.nn.Dense;
import dev.recur.nn.Lstm;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.GradientClipping;
import dev.recur.train.StepLoss;
import dev.recur.train.TruncatedBptt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Training machinery and model files: an Adam step over ~1M parameters, global-norm clipping over the same,
 * a safetensors write and read of them, and one TBPTT pass (LSTM 32→128 + Dense, batch 16, 200 steps)
 * with non-overlapping windows (k1 = k2 = 50) and with overlapping ones (k1 = 25, k2 = 50). Average time
 * per call. Run with benchmarks/run.sh TrainBenchmark.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class TrainBenchmark {

    @State(Scope.Thread)
    public static class Params {
        List<Param> params;
        Adam adam;
        Map<String, Tensor> tensors;
        Path file;

        @Setup public void setup() throws IOException {
            Random r = new Random(1);
            params = List.of(new Param("a", random(r, 512, 1024)), new Param("b", random(r, 1024, 512)), new Param("c", random(r, 1024)));
            for (Param p : params) System.arraycopy(p.value().data(), 0, p.grad().data(), 0, p.value().size());
            adam = new Adam(params, 1e-3);
            tensors = new LinkedHashMap<>();
            for (Param p : params) tensors.put(p.name(), p.value());
            file = Files.createTempFile("bench", ".safetensors");
        }

        @TearDown public void tearDown() throws IOException { Files.deleteIfExists(file); }
    }

    @State(Scope.Thread)
    public static class Model {
        Sequential model;
        Seq x;
        StepLoss loss;

        @Setup public void setup() {
            model = Sequential.of(new Lstm(32, 128), new Dense(128, 10));
            model.initialize(3);
            Random r = new Random(2);
            x = Seq.full(random(r, 16, 200, 32));
            int[] targets = new int[16 * 200];
            for (int i = 0; i < targets.length; i++) targets[i] = r.nextInt(10);
            loss = StepLoss.crossEntropy(new SoftmaxCrossEntropy(), targets, 200);
        }
    }

    static Tensor random(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        for (int i = 0; i < t.size(); i++) t.data()[i] = (float) (r.nextGaussian() * 0.1);
        return t;
    }

    @Benchmark public void adamStep(Params s) { s.adam.step(); }

    @Benchmark public double clipGlobalNorm(Params s) { return GradientClipping.clipGlobalNorm(s.params, 1e9); }

    @Benchmark public int safetensorsWriteRead(Params s) throws IOException {
        SafeTensors.write(s.file, s.tensors);
        return SafeTensors.read(s.file).tensors().size();
    }

    @Benchmark public double tbpttChunks50(Model m) {
        return new TruncatedBptt(50, 50).run(m.model, m.x, m.loss, new Random(0), null).meanLoss();
    }

    @Benchmark public double tbptt25over50(Model m) {
        return new TruncatedBptt(25, 50).run(m.model, m.x, m.loss, new Random(0), null).meanLoss();
    }
}
