package dev.recur.spark;

import dev.recur.audio.FeatureSettings;
import dev.recur.audio.SegmentSettings;
import dev.recur.cli.Main;
import dev.recur.data.FeatureCsv;
import dev.recur.data.TrackFeatures;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.*;

class FeaturesJobTest {
    @TempDir static Path dir;
    static Path in;
    static SparkSession spark;
    /** 1 s segments with deltas: two segments per 2.5 s clip, and the delta code runs too. */
    static final MfccSettings SETTINGS = new MfccSettings(FeatureSettings.defaults().withDeltas(true), new SegmentSettings(1, 0, false));

    @BeforeAll static void setUp() throws IOException {
        in = TestFiles.write(dir);
        spark = SharedSpark.get();
    }

    @Test void mfccTableEqualsTheCliBitForBitAndListsTheBadFiles() throws IOException {
        Dataset<Row> audio = RecurSpark.audio(spark, in.toString());
        assertTrue(audio.rdd().getNumPartitions() >= 3, "files spread over partitions: " + audio.rdd().getNumPartitions());
        Path out = dir.resolve("mfcc.parquet");
        RecurSpark.write(RecurSpark.features(audio, SETTINGS), out.toString(), RecurSpark.Format.PARQUET, SaveMode.ErrorIfExists);
        List<Row> rows = spark.read().parquet(out.toString()).orderBy("path", "segment").collectAsList();

        // the real CLI on the same folder, same settings
        Path csv = dir.resolve("cli.csv");
        assertEquals(3, Main.run("features", in.toString(), "--segment", "1", "--deltas", "--no-cache", "--out", csv.toString()));
        Map<Path, TrackFeatures> cli = FeatureCsv.read(csv).stream().collect(Collectors.toMap(t -> Path.of(t.file()), t -> t));
        assertEquals(TestFiles.GOOD.size(), cli.size());

        Map<Path, Integer> segments = new HashMap<>();
        Map<Path, String> errors = new HashMap<>();
        for (Row r : rows) {
            Path p = TestFiles.local(r.getString(0));
            assertEquals(SETTINGS.hash(), r.getAs("settings_hash"));
            if (r.getAs("error") != null) {
                assertTrue(r.isNullAt(1) && r.isNullAt(3), "an error row has no segment");
                errors.put(p, r.getAs("error"));
                continue;
            }
            int s = r.getAs("segment");
            assertEquals(s * 1.0, (double) r.getAs("start_seconds"), 1e-12);
            float[][] m = Matrices.of(r.getAs("mfcc"));
            float[][] want = cli.get(p).segments()[s];
            assertEquals(want.length, m.length);
            for (int t = 0; t < m.length; t++) {
                for (int d = 0; d < m[t].length; d++) {
                    assertEquals(Float.floatToIntBits(want[t][d]), Float.floatToIntBits(m[t][d]), p + " segment " + s + " frame " + t);
                }
            }
            segments.merge(p, 1, Integer::sum);
        }
        for (Map.Entry<Path, TrackFeatures> e : cli.entrySet()) assertEquals(e.getValue().segments().length, segments.get(e.getKey()), e.getKey().toString());
        // the four bad files, each with one line naming it; readme.txt is not audio by name and not read
        assertEquals(4, errors.size(), errors.toString());
        for (String bad : List.of("bad/truncated.wav", "bad/empty.wav", "bad/notes.wav", "short/tone.wav")) {
            String m = errors.get(in.resolve(bad));
            assertNotNull(m, bad);
            assertTrue(m.startsWith("file:" + in.resolve(bad)), m);
            assertFalse(m.contains("\n") || m.contains("recur-"), m); // one line, no temporary file name
        }
        assertTrue(errors.get(in.resolve("bad/empty.wav")).contains("empty file"));
        assertTrue(errors.get(in.resolve("short/tone.wav")).contains("too short"));
    }

    @Test void csvHasOneRowPerFrameAndARerunRefusesOrOverwrites() throws IOException {
        Path out = dir.resolve("frames.csv");
        String[] args = {"features", in.resolve("piano").toString(), out.toString(), "--format", "csv", "--segment", "1"};
        assertEquals(0, SparkCli.run(args));
        List<Row> rows = spark.read().option("header", true).csv(out.toString()).collectAsList();
        assertEquals(2 * 2 * 43, rows.size()); // 2 files x 2 segments x 43 frames
        assertEquals(List.of("path", "segment", "start_seconds", "frame", "mfcc_0"), List.of(rows.get(0).schema().fieldNames()).subList(0, 5));
        // Spark writes floats as Float.toString, so the text reads back to the same bits as the CLI's CSV
        Path csv = dir.resolve("piano.csv");
        Main.run("features", in.resolve("piano/piano_00.wav").toString(), "--segment", "1", "--no-cache", "--out", csv.toString());
        float[][] cli = FeatureCsv.read(csv).getFirst().segments()[1];
        Row r = rows.stream().filter(x -> x.getString(0).endsWith("piano_00.wav") && x.getString(1).equals("1") && x.getString(3).equals("5"))
                .findFirst().orElseThrow();
        for (int d = 0; d < 13; d++) assertEquals(cli[5][d], Float.parseFloat(r.getAs("mfcc_" + d)));

        // recur's option rules, before any work: exit 2 and one line
        StringWriter err = new StringWriter();
        assertEquals(2, SparkCli.run(new PrintWriter(new StringWriter()), new PrintWriter(err), "features", in.toString(), dir.resolve("x").toString(), "--low-hz", "NaN"));
        assertTrue(err.toString().startsWith("recur-spark features: --low-hz must be a finite number, got NaN"), err.toString());
        assertFalse(Files.exists(dir.resolve("x")));

        long before = Files.getLastModifiedTime(out).toMillis();
        assertEquals(1, SparkCli.run(args)); // refused: OUT exists
        assertEquals(before, Files.getLastModifiedTime(out).toMillis());
        String[] again = {"features", in.resolve("organ").toString(), out.toString(), "--format", "csv", "--segment", "1", "--mode", "overwrite"};
        assertEquals(0, SparkCli.run(again));
        List<Row> replaced = spark.read().option("header", true).csv(out.toString()).select("path").distinct().collectAsList();
        assertTrue(replaced.stream().allMatch(x -> x.getString(0).contains("/organ/")), replaced.toString());
    }

    @Test void everyFileGlobAndFilesTooLargeForOneTaskBecomeErrorRows() {
        spark.conf().set("spark.sql.sources.binaryFile.maxLength", "100000"); // the clips are 110 294 bytes
        try {
            Dataset<Row> audio = RecurSpark.audio(spark, AudioInput.defaults().withGlob("*"), in.resolve("bad").toString(), in.resolve("short").toString());
            List<Row> rows = RecurSpark.features(audio, SETTINGS).orderBy("path").collectAsList();
            assertEquals(5, rows.size(), rows.toString()); // truncated (55 kB), empty, notes, readme.txt, tone
            Dataset<Row> big = RecurSpark.audio(spark, in.resolve("piano").toString());
            List<Row> large = RecurSpark.features(big, SETTINGS).collectAsList();
            assertEquals(2, large.size());
            for (Row r : large) assertTrue(r.<String>getAs("error").contains("too large for one task (110294 bytes"), r.toString());
        } finally {
            spark.conf().unset("spark.sql.sources.binaryFile.maxLength");
        }
    }
}
