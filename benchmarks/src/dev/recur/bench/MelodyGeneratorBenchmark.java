package dev.recur.bench;

import dev.recur.app.melody.MelodyEncoding;
import dev.recur.app.melody.MelodyGenerator;
import dev.recur.app.melody.MelodyModel;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Live generation speed: one {@link MelodyGenerator#feed} step (embedding, LSTM layers through their
 * streaming steppers, packed output layer and softmax) of the default 2 × 256 melody model, in steps per
 * second. Add {@code -prof gc} to see what a step allocates (only each stepper's output copy, one hidden
 * vector per LSTM layer). Run with benchmarks/run.sh MelodyGeneratorBenchmark.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
@State(Scope.Thread)
public class MelodyGeneratorBenchmark {
    @Param({"256"})
    int units;

    @Param({"2"})
    int layers;

    MelodyGenerator generator;
    int token;

    @Setup
    public void setup() {
        MelodyModel m = MelodyModel.create(MelodyEncoding.DEFAULT, new MelodyModel.Architecture(units, layers, 64, 0f), 1);
        generator = new MelodyGenerator(m);
    }

    @Benchmark
    public float step() {
        token = (token + 7) % 39;
        return generator.feed(token)[0];
    }
}
