package dev.recur.bench;

import dev.recur.app.genre.Batches;
import dev.recur.app.genre.ClassifierConfig;
import dev.recur.app.genre.ClassifierNetwork;
import dev.recur.app.genre.ParallelStep;
import dev.recur.nn.Sequential;
import dev.recur.train.Adam;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Genre-classifier throughput on 9 s MFCC segments ([387, 13]), batch 32, 10 classes, all cores
 * (batch-parallel chunks of 16). Scores are batches per second: segments/s = score × 32.
 * {@code benchmarks/run.sh GenreClassifierBenchmark -f 1 -wi 2 -i 3}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 3, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector"})
public class GenreClassifierBenchmark {

    @State(Scope.Thread)
    public static class Model {
        /** "cell:layers:units:bidirectional:pooling". */
        @Param({"lstm:2:64:false:mean", "lstm:2:64:false:last", "gru:2:64:true:mean"})
        public String net;

        Sequential model;
        ParallelStep step;
        Adam adam;
        List<float[][]> batch;
        int[] labels;
        long seed;

        @Setup public void setup() {
            String[] p = net.split(":");
            ClassifierConfig c = new ClassifierConfig(p[0], Integer.parseInt(p[1]), Integer.parseInt(p[2]), Boolean.parseBoolean(p[3]),
                    0, 0.3, p[4], 1, 32, 1e-3, 1e-2, 1.0, 0, 1, false, 1);
            model = ClassifierNetwork.build(c, 13, 10);
            step = new ParallelStep(model, 32);
            adam = Adam.adamW(model.params(), 1e-3, 0.9, 0.999, 1e-8, 1e-2);
            Random r = new Random(1);
            batch = new ArrayList<>();
            labels = new int[32];
            for (int i = 0; i < 32; i++) {
                float[][] s = new float[387][13];
                for (float[] f : s) for (int d = 0; d < 13; d++) f[d] = (float) r.nextGaussian();
                batch.add(s);
                labels[i] = r.nextInt(10);
            }
        }
    }

    /** One AdamW step (forward, backward, clip, update) on 32 segments. */
    @Benchmark public double trainStep(Model m) {
        double loss = m.step.run(m.batch, m.labels, m.seed++).lossSum();
        dev.recur.train.GradientClipping.clipGlobalNorm(m.model.params(), 1.0);
        m.adam.step();
        m.adam.zeroGrad();
        return loss;
    }

    /** Class probabilities of 32 segments. */
    @Benchmark public float[][] inference(Model m) {
        return Batches.probabilities(m.model, m.batch);
    }
}
