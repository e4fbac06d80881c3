package dev.recur.spark;

import dev.recur.app.genre.ClassifierConfig;
import dev.recur.app.genre.ClassifierNetwork;
import dev.recur.app.genre.GenreClassifier;
import dev.recur.audio.FeatureSettings;
import dev.recur.io.Normalization;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Parallel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ForkJoinPool;
import java.util.stream.Stream;

/**
 * Plain wall-clock timing of the classification job (spark/bench/classify-timing.sh runs it): the same files
 * through Recur's own classifier in one JVM (what {@code recur classify} runs per file; both cores, then one)
 * and through the Spark job in {@code local[1]} and {@code local[2]}, each the best of a few runs after a warm-up.
 * Not a test: it takes minutes and its numbers depend on the machine.
 *
 * <p>Arguments: {@code AUDIO_DIR MODEL_DIR [RUNS]}; a model folder that does not exist is written with the
 * default architecture (2 x LSTM 64, MFCCs + deltas, 9 s segments) and seeded random weights, which cost the
 * same to run as trained ones.
 */
public final class ClassifyTiming {
    private ClassifyTiming() {}

    public static void main(String[] args) throws Exception {
        Path audio = Path.of(args[0]).toAbsolutePath(), modelDir = Path.of(args[1]).toAbsolutePath();
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (!Files.exists(modelDir)) writeModel(modelDir);
        List<Path> files;
        try (Stream<Path> s = Files.walk(audio)) {
            files = s.filter(p -> p.toString().endsWith(".wav")).sorted().toList();
        }
        GenreClassifier c = GenreClassifier.load(modelDir);
        int segments = 0;
        double seconds = 0;
        for (Path f : files) {
            GenreClassifier.Prediction p = c.classify(f);
            segments += p.segments();
            seconds += Files.size(f) / 44100.0; // 16-bit mono 22050 Hz: the corpus's clips
        }
        System.out.printf(Locale.ROOT, "files %d, segments %d, about %.0f s of audio, %d cores, load average %.1f%n", files.size(), segments, seconds,
                Runtime.getRuntime().availableProcessors(), OS.getSystemLoadAverage());

        Time coreTwo = best(runs, () -> { for (Path f : files) c.classify(f); });
        report("recur classify's code, one JVM, 2 cores", coreTwo, files.size(), segments);
        Parallel.setThreads(1);
        ForkJoinPool one = new ForkJoinPool(1);
        Time coreOne = best(runs, () -> one.submit(() -> { for (Path f : files) c.classify(f); return null; }).get());
        report("recur classify's code, one JVM, 1 core", coreOne, files.size(), segments);

        for (int cores : new int[] {1, 2}) {
            long t0 = System.nanoTime();
            SparkSession spark = SparkSession.builder().master("local[" + cores + "]").appName("timing")
                    .config("spark.ui.enabled", false).config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1").config("spark.sql.shuffle.partitions", cores)
                    .getOrCreate();
            System.out.printf(Locale.ROOT, "local[%d]: session started in %.1f s%n", cores, (System.nanoTime() - t0) / 1e9);
            Path out = Files.createTempDirectory("recur-timing-");
            ModelShipment m = RecurSpark.model(spark, modelDir.toString());
            Dataset<Row> in = RecurSpark.audio(spark, audio.toString());
            System.out.printf(Locale.ROOT, "local[%d]: %d partitions%n", cores, in.rdd().getNumPartitions());
            Time t = best(runs, () -> RecurSpark.write(RecurSpark.classify(in, m, PredictionRows.DEFAULT_BATCH),
                    out.toString(), RecurSpark.Format.PARQUET, SaveMode.Overwrite));
            report("Spark job local[" + cores + "] (read, classify, write Parquet)", t, files.size(), segments);
            System.out.printf(Locale.ROOT, "load average %.1f%n", OS.getSystemLoadAverage());
            spark.stop();
        }
        one.shutdown();
    }

    interface Work { void run() throws Exception; }

    /** Wall and CPU seconds (the whole process: every thread, Spark's included). */
    record Time(double wall, double cpu) {}

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    /**
     * The least wall time and the least CPU time of {@code runs} runs after one warm-up run. On a shared machine
     * the CPU time is the steadier figure; the wall time shows the scaling when the cores are free.
     */
    static Time best(int runs, Work w) throws Exception {
        w.run();
        double wall = Double.MAX_VALUE, cpu = Double.MAX_VALUE;
        for (int i = 0; i < runs; i++) {
            long t0 = System.nanoTime(), c0 = OS.getProcessCpuTime();
            w.run();
            wall = Math.min(wall, (System.nanoTime() - t0) / 1e9);
            cpu = Math.min(cpu, (OS.getProcessCpuTime() - c0) / 1e9);
        }
        return new Time(wall, cpu);
    }

    static void report(String what, Time t, int files, int segments) {
        System.out.printf(Locale.ROOT, "%-56s wall %6.2f s %6.1f ms/file %6.1f seg/s | CPU %6.2f s %6.1f ms/file%n",
                what, t.wall(), 1000 * t.wall() / files, segments / t.wall(), t.cpu(), 1000 * t.cpu() / files);
    }

    static void writeModel(Path dir) throws IOException {
        FeatureSettings fs = FeatureSettings.defaults().withDeltas(true);
        List<String> labels = new ArrayList<>(List.of("a", "b", "c", "d", "e", "f"));
        Sequential net = ClassifierNetwork.build(ClassifierConfig.defaults(), fs.dims(), labels.size());
        net.initialize(1);
        float[] mean = new float[fs.dims()], std = new float[fs.dims()];
        Arrays.fill(std, 10f);
        new GenreClassifier(net, labels, fs, 9, new Normalization(mean, std), null, null).save(dir);
    }
}
