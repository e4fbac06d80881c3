package dev.recur.spark;

import dev.recur.app.genre.GenreClassifier;
import dev.recur.audio.SegmentSettings;
import dev.recur.data.FeatureExtractor;
import dev.recur.io.ModelStore;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

class ClassifyJobTest {
    @TempDir static Path dir;
    static Path in, model;
    static SparkSession spark;
    static GenreClassifier local;

    @BeforeAll static void setUp() throws IOException {
        in = TestFiles.write(dir);
        model = TestModel.write(dir.resolve("model"));
        spark = SharedSpark.get();
        local = GenreClassifier.load(model);
    }

    @Test void filesGetTheProbabilitiesOfRecurClassifyAndBadFilesAnError() throws IOException {
        // batches of 5 segments, so the model's chunks mix files
        Dataset<Row> audio = RecurSpark.audio(spark, in.toString());
        Dataset<Row> result = RecurSpark.classify(audio, RecurSpark.model(spark, model.toString()), 5);
        ModelShipment.forgetLoaded(); // as on an executor that has not seen the model yet
        int loads = ModelShipment.loads();
        List<Row> rows = result.collectAsList();
        assertTrue(audio.rdd().getNumPartitions() >= 3);
        assertEquals(loads + 1, ModelShipment.loads(), "one load for all the tasks of this JVM");
        assertEquals(TestFiles.GOOD.size() + 1 + TestFiles.BAD.size(), rows.size()); // + the short tone
        String id = ModelShipment.idOf(model);
        Map<String, String> errors = new HashMap<>();
        for (Row r : rows) {
            assertEquals(id, r.getAs("model_id"));
            Path p = TestFiles.local(r.getString(0));
            if (r.getAs("error") != null) {
                errors.put(in.relativize(p).toString(), r.getAs("error"));
                assertTrue(r.isNullAt(1) && r.isNullAt(2), r.toString());
                continue;
            }
            GenreClassifier.Prediction want = local.classify(p); // what `recur classify` computes
            assertEquals(want.label(), r.getAs("label"), p.toString());
            assertEquals(want.segments(), (int) r.getAs("segments"));
            for (int k = 0; k < TestModel.LABELS.size(); k++) {
                assertEquals(want.probabilities()[k], (float) r.getAs("p_" + TestModel.LABELS.get(k)), 1e-6, p + " " + TestModel.LABELS.get(k));
            }
            assertEquals(want.probabilities()[want.best()], (float) r.getAs("probability"), 1e-6);
        }
        assertEquals(TestFiles.BAD.size(), errors.size(), errors.toString());
        assertTrue(errors.get("bad/empty.wav").endsWith("empty.wav: empty file (0 bytes)"), errors.toString());
        assertTrue(errors.get("bad/truncated.wav").contains("truncated"), errors.toString());
        assertTrue(errors.get("bad/notes.wav").contains("not a readable WAV"), errors.toString());
    }

    @Test void theMfccTableIsScoredSegmentBySegment() throws IOException {
        ModelShipment m = RecurSpark.model(spark, model.toString());
        Dataset<Row> audio = RecurSpark.audio(spark, in.resolve("organ").toString(), in.resolve("bad").toString());
        Path table = dir.resolve("table");
        RecurSpark.features(audio, m.mfccSettings()).write().parquet(table.toString());
        List<Row> rows = RecurSpark.classify(spark.read().parquet(table.toString()), m, 3).orderBy("path").collectAsList();
        assertEquals(2 + 3, rows.size());
        FeatureExtractor ex = new FeatureExtractor(TestModel.FEATURES, new SegmentSettings(1, 0, false), null);
        for (Row r : rows) {
            if (r.getAs("error") != null) continue;
            float[][] p = local.segmentProbabilities(Arrays.asList(ex.compute(TestFiles.local(r.getString(0))).segments()));
            for (int k = 0; k < p[0].length; k++) {
                float mean = 0;
                for (float[] seg : p) mean += seg[k] / p.length;
                assertEquals(mean, (float) r.getAs(4 + k), 1e-6);
            }
        }
        assertEquals(3, rows.stream().filter(r -> r.getAs("error") != null).count());

        // a table made with other settings is refused before anything is scored
        Path other = dir.resolve("table-13");
        RecurSpark.features(RecurSpark.audio(spark, in.resolve("organ").toString()), MfccSettings.defaults()).write().parquet(other.toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RecurSpark.classify(spark.read().parquet(other.toString()), m, 3));
        assertTrue(e.getMessage().contains("--segment 1 --deltas"), e.getMessage());
    }

    @Test void aMissingOrDamagedModelIsOneErrorBeforeAnyTask() throws Exception {
        Path damaged = Files.createDirectories(dir.resolve("damaged"));
        Files.copy(model.resolve(ModelStore.CONFIG_FILE), damaged.resolve(ModelStore.CONFIG_FILE));
        byte[] w = Files.readAllBytes(model.resolve(ModelStore.WEIGHTS_FILE));
        Files.write(damaged.resolve(ModelStore.WEIGHTS_FILE), Arrays.copyOf(w, w.length / 2));
        for (Path bad : List.of(dir.resolve("no-such-model"), damaged)) {
            spark.sparkContext().listenerBus().waitUntilEmpty();
            int jobs = SharedSpark.jobs();
            StringWriter err = new StringWriter();
            Path out = dir.resolve("out-" + bad.getFileName());
            int code = SparkCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "classify", "--model", bad.toString(), in.toString(), out.toString());
            assertEquals(1, code, err.toString());
            String msg = err.toString().strip();
            assertFalse(msg.contains("\n"), msg);
            assertTrue(msg.startsWith("recur-spark classify: " + bad), msg);
            assertFalse(Files.exists(out));
            spark.sparkContext().listenerBus().waitUntilEmpty();
            assertEquals(jobs, SharedSpark.jobs(), "no Spark job ran");
        }
    }

    @Test void theCommandClassifiesWhatItCanAndExitsWithThree() {
        StringWriter out = new StringWriter(), err = new StringWriter();
        Path o = dir.resolve("predictions.csv");
        int code = SparkCli.run(new PrintWriter(out), new PrintWriter(err), "classify", "--model", model.toString(), "--format", "csv",
                in.resolve("bad").toString(), in.resolve("piano").toString(), o.toString());
        assertEquals(3, code, err.toString());
        assertTrue(out.toString().contains("classify: 5 files, 2 predictions, 3 files with errors"), out.toString());
        assertEquals(3, err.toString().strip().lines().count(), err.toString());
        List<Row> rows = spark.read().option("header", true).csv(o.toString()).collectAsList();
        assertEquals(List.of("path", "label", "probability", "segments", "p_ambient"), Arrays.asList(rows.get(0).schema().fieldNames()).subList(0, 5));
    }
}
