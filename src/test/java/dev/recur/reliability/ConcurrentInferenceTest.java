package dev.recur.reliability;

import dev.recur.audio.FeatureSettings;
import dev.recur.audio.SegmentSettings;
import dev.recur.data.FeatureExtractor;
import dev.recur.data.TrackFeatures;
import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.nn.Dense;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Gru;
import dev.recur.nn.LastStep;
import dev.recur.nn.Lstm;
import dev.recur.nn.MeanPool;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A loaded model is shared by 8 threads classifying at once, and every result equals the single-threaded
 * one bit for bit: layers keep no per-call state (caches live in the ForwardPass of each call). The same for
 * MFCC extraction with one shared FeatureExtractor (each call builds its own Mfcc, whose buffers are not shared).
 */
class ConcurrentInferenceTest {
    private static final int THREADS = 8;

    private record Input(Tensor x, int[] lengths) {}

    private static List<Input> inputs(int count, int dims, long seed) {
        Random r = new Random(seed);
        List<Input> out = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            int batch = 1 + r.nextInt(6), steps = 5 + r.nextInt(40);
            float[] v = new float[batch * steps * dims];
            for (int k = 0; k < v.length; k++) v[k] = (float) r.nextGaussian();
            int[] lengths = new int[batch];
            for (int b = 0; b < batch; b++) lengths[b] = 1 + r.nextInt(steps);
            lengths[0] = steps;
            out.add(new Input(Tensor.of(v, batch, steps, dims), lengths));
        }
        return out;
    }

    private static float[] classify(Sequential m, Input in) {
        return m.forward(new Seq(in.x(), in.lengths()), ForwardPass.inference()).values().data();
    }

    @Test void sharedLoadedClassifiersGiveTheSingleThreadedResults(@TempDir Path dir) throws Exception {
        int dims = 13;
        Sequential lstmMean = Sequential.builder().add("rnn", new Lstm(dims, 24, 2, true, true)).add("pool", new MeanPool(48))
                .add("fc", new Dense(48, 5)).build();
        Sequential gruLast = Sequential.builder().add("rnn", new Gru(dims, 16, 1, false, true)).add("last", new LastStep(16))
                .add("fc", new Dense(16, 5)).build();
        lstmMean.initialize(1);
        gruLast.initialize(2);
        List<String> labels = List.of("a", "b", "c", "d", "e");
        ModelStore.save(dir.resolve("lstm"), lstmMean, ModelInfo.of(ModelInfo.CLASSIFICATION).withLabels(labels));
        ModelStore.save(dir.resolve("gru"), gruLast, ModelInfo.of(ModelInfo.CLASSIFICATION).withLabels(labels));
        List<Sequential> models = List.of(ModelStore.load(dir.resolve("lstm")).model(), ModelStore.load(dir.resolve("gru")).model());

        List<Input> inputs = inputs(40, dims, 7);
        float[][][] expected = new float[models.size()][inputs.size()][];
        for (int m = 0; m < models.size(); m++) for (int i = 0; i < inputs.size(); i++) expected[m][i] = classify(models.get(m), inputs.get(i));

        int perThread = 150;
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<Integer>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                long seed = 100 + t;
                done.add(pool.submit(() -> {
                    Random r = new Random(seed);
                    go.await();
                    int checked = 0;
                    for (int k = 0; k < perThread; k++) {
                        int m = r.nextInt(models.size()), i = r.nextInt(inputs.size());
                        float[] got = classify(models.get(m), inputs.get(i));
                        if (!Arrays.equals(expected[m][i], got)) throw new AssertionError("model " + m + " input " + i + " differs under load");
                        checked++;
                    }
                    return checked;
                }));
            }
            go.countDown();
            int total = 0;
            for (Future<Integer> f : done) total += f.get();
            assertEquals(THREADS * perThread, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test void sharedFeatureExtractorGivesTheSingleThreadedFeatures(@TempDir Path dir) throws Exception {
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Path f = dir.resolve("t" + i + ".wav");
            LongAudioMemoryTest.writeWav(f, 22050, 4 + i);
            files.add(f);
        }
        FeatureExtractor fx = new FeatureExtractor(FeatureSettings.defaults(), new SegmentSettings(2, 0.5, false), null);
        List<TrackFeatures> expected = new ArrayList<>();
        for (Path f : files) expected.add(fx.compute(f));
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int first = t;
                done.add(pool.submit(() -> {
                    for (int k = 0; k < 3; k++) {
                        int i = (first + k) % files.size();
                        TrackFeatures got = fx.compute(files.get(i));
                        assertTrue(Arrays.deepEquals(expected.get(i).segments(), got.segments()), "features of file " + i + " differ under load");
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) f.get();
        } finally {
            pool.shutdownNow();
        }
    }
}
