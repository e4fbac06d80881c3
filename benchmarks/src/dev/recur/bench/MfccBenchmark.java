package dev.recur.bench;

import dev.recur.audio.FeatureSettings;
import dev.recur.audio.Mfcc;
import dev.recur.audio.SegmentSettings;
import dev.recur.audio.TarsosMfcc;
import dev.recur.data.FeatureExtractor;
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

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * MFCC extraction speed. Scores are milliseconds per operation; the realtime factor (seconds of audio per
 * second of compute) is {@code 30000 / score} for the single-track benchmarks and
 * {@code files * 30000 / score} for {@code files} (all cores, wall clock; divide by the thread count for
 * per core).
 * <ul>
 *   <li>{@code track}: our {@link Mfcc} on a 30 s track at 22050 Hz, one thread (1291 frames).</li>
 *   <li>{@code trackTarsos}: the TarsosDSP reference path (AudioDispatcher + MFCC) on the same track.</li>
 *   <li>{@code files}: {@link FeatureExtractor} over 8 WAV files of 30 s (16-bit, 22050 Hz), decoding and
 *       segmenting included, on a pool of {@code threads} threads.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-Xmx1g"})
public class MfccBenchmark {
    static final int RATE = 22050, SECONDS = 30, FILES = 8;

    static float[] track(long seed) {
        Random r = new Random(seed);
        float[] x = new float[SECONDS * RATE];
        double phase = 0;
        for (int i = 0; i < x.length; i++) {
            double hz = 220 * Math.pow(2, ((i / 11025) % 12) / 12.0);
            phase += 2 * Math.PI * hz / RATE;
            x[i] = (float) (0.3 * Math.sin(phase) + 0.1 * Math.sin(3 * phase) + 0.05 * (r.nextDouble() - 0.5));
        }
        return x;
    }

    @State(Scope.Thread)
    public static class Track {
        final FeatureSettings settings = FeatureSettings.defaults();
        float[] samples;
        Mfcc mfcc;

        @Setup(Level.Trial) public void setup() {
            samples = track(1);
            mfcc = new Mfcc(settings);
        }
    }

    @Benchmark public float[][] track(Track t) {
        return t.mfcc.compute(t.samples, t.samples.length);
    }

    @Benchmark public float[][] trackTarsos(Track t) {
        return TarsosMfcc.compute(t.samples, t.samples.length, t.settings);
    }

    @State(Scope.Benchmark)
    public static class Files8 {
        @Param({"1", "0"}) // 0 = all cores
        public int threads;
        Path dir;
        List<Path> files = new ArrayList<>();
        FeatureExtractor extractor;
        int pool;

        @Setup(Level.Trial) public void setup() throws IOException {
            dir = Files.createTempDirectory("mfcc-bench");
            for (int f = 0; f < FILES; f++) {
                float[] x = track(f);
                ByteBuffer b = ByteBuffer.allocate(44 + 2 * x.length).order(ByteOrder.LITTLE_ENDIAN);
                b.put("RIFF".getBytes()).putInt(36 + 2 * x.length).put("WAVE".getBytes()).put("fmt ".getBytes())
                        .putInt(16).putShort((short) 1).putShort((short) 1).putInt(RATE).putInt(2 * RATE)
                        .putShort((short) 2).putShort((short) 16).put("data".getBytes()).putInt(2 * x.length);
                for (float v : x) b.putShort((short) Math.round(v * 32767));
                Path p = dir.resolve("track" + f + ".wav");
                Files.write(p, b.array());
                files.add(p);
            }
            extractor = new FeatureExtractor(FeatureSettings.defaults(), SegmentSettings.defaults(), null);
            pool = threads == 0 ? Runtime.getRuntime().availableProcessors() : threads;
        }

        @TearDown(Level.Trial) public void tearDown() throws IOException {
            try (Stream<Path> s = Files.walk(dir)) {
                for (Path p : s.sorted(Comparator.reverseOrder()).toList()) Files.delete(p);
            }
        }
    }

    @Benchmark public int files(Files8 f) {
        int frames = 0;
        for (FeatureExtractor.Outcome o : f.extractor.extractAll(f.files, f.pool)) {
            if (!o.ok()) throw new IllegalStateException(o.error());
            frames += o.features().frames();
        }
        return frames;
    }

    /**
     * Realtime factor per CPU second (thread CPU time, not wall clock), which stays meaningful on a machine
     * shared with other work: {@code java -cp ... dev.recur.bench.MfccBenchmark}.
     */
    public static void main(String[] args) throws IOException {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        float[] x = track(1);
        FeatureSettings fs = FeatureSettings.defaults();
        Mfcc m = new Mfcc(fs);
        for (String which : new String[] {"recur Mfcc", "TarsosDSP"}) {
            long best = Long.MAX_VALUE;
            for (int rep = 0; rep < 60; rep++) {
                long t0 = mx.getCurrentThreadCpuTime();
                float[][] out = which.startsWith("recur") ? m.compute(x, x.length) : TarsosMfcc.compute(x, x.length, fs);
                long t = mx.getCurrentThreadCpuTime() - t0;
                if (out.length != 1291) throw new IllegalStateException();
                if (rep >= 20) best = Math.min(best, t);
            }
            System.out.printf("%-10s 30 s track: %.2f ms CPU -> %.0fx realtime per core (best of 40 after warm-up)%n",
                    which, best / 1e6, SECONDS / (best / 1e9));
        }
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        Files8 f = new Files8();
        f.threads = 0;
        f.setup();
        try {
            double bestCpu = Double.MAX_VALUE, bestWall = Double.MAX_VALUE;
            for (int rep = 0; rep < 12; rep++) {
                long c0 = os.getProcessCpuTime(), w0 = System.nanoTime();
                new MfccBenchmark().files(f);
                long cpu = os.getProcessCpuTime() - c0, wall = System.nanoTime() - w0;
                if (rep >= 4) { bestCpu = Math.min(bestCpu, cpu / 1e9); bestWall = Math.min(bestWall, wall / 1e9); }
            }
            double audio = FILES * SECONDS;
            System.out.printf("files      %d x 30 s WAV on %d threads: %.0f ms wall (%.0fx realtime), %.0f ms CPU (%.0fx realtime per core)%n",
                    FILES, f.pool, bestWall * 1e3, audio / bestWall, bestCpu * 1e3, audio / bestCpu);
        } finally {
            f.tearDown();
        }
    }
}
