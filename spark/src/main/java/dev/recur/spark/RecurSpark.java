package dev.recur.spark;

import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.posexplode_outer;

/**
 * Recur's two batch jobs on Spark, from Java.
 *
 * <pre>{@code
 * Dataset<Row> audio = RecurSpark.audio(spark, "s3a://archive/music/");          // binaryFile rows
 * Dataset<Row> mfcc = RecurSpark.features(audio, MfccSettings.defaults());        // one row per segment
 * Dataset<Row> genres = RecurSpark.classify(audio, "hdfs:///models/genres");      // one row per file
 * RecurSpark.write(genres, "s3a://archive/genres", RecurSpark.Format.PARQUET, SaveMode.ErrorIfExists);
 * }</pre>
 *
 * Both are lazy transformations: nothing runs until the result is written or collected, except the checks
 * that must come first (the model folder is read and loaded once on the driver; an MFCC table's settings are
 * compared with the model's).
 */
public final class RecurSpark {
    private RecurSpark() {}

    public enum Format {
        PARQUET, CSV;

        public static Format of(String s) {
            return valueOf(s.toUpperCase(Locale.ROOT));
        }
    }

    /** The audio files under {@code paths} (folders recursively, audio extensions only) as binaryFile rows. */
    public static Dataset<Row> audio(SparkSession spark, String... paths) {
        return audio(spark, AudioInput.defaults(), paths);
    }

    public static Dataset<Row> audio(SparkSession spark, AudioInput input, String... paths) {
        requireJdk();
        return input.read(spark, paths);
    }

    /** The MFCC table of the audio files under {@code path} with the default settings (9 s segments, 13 MFCCs). */
    public static Dataset<Row> features(SparkSession spark, String path) {
        return features(audio(spark, path), MfccSettings.defaults());
    }

    /**
     * The MFCC table of binaryFile rows (at least {@code path} and {@code content}): one row per segment, and one
     * row with an error for each file that could not be used. The numbers are those of {@code recur features}
     * with the same settings, bit for bit.
     */
    public static Dataset<Row> features(Dataset<Row> audio, MfccSettings settings) {
        requireJdk();
        String hash = settings.hash();
        return byLength(audio,
                readable -> readable.select("path", "content").mapPartitions(new FeatureRows.Extract(settings), Encoders.row(FeatureRows.SCHEMA)),
                FeatureRows.SCHEMA, "settings_hash", hash);
    }

    /** The MFCC table flattened to one row per frame, as {@code recur features} writes CSV (for CSV output). */
    public static Dataset<Row> frames(Dataset<Row> table, MfccSettings settings) {
        List<String> names = FeatureRows.valueColumns(settings.features());
        Dataset<Row> exploded = table.select(col("path"), col("segment"), col("start_seconds"),
                posexplode_outer(col("mfcc")).as(new String[] {"frame", "v"}), col("settings_hash"), col("error"));
        List<Column> cols = new ArrayList<>(List.of(col("path"), col("segment"), col("start_seconds"), col("frame")));
        for (int d = 0; d < names.size(); d++) cols.add(col("v").getItem(d).as(names.get(d)));
        cols.add(col("settings_hash"));
        cols.add(col("error"));
        return exploded.select(cols.toArray(Column[]::new));
    }

    /** Reads and checks a model folder (any path Hadoop reads) on the driver; see {@link ModelShipment}. */
    public static ModelShipment model(SparkSession spark, String dir) throws IOException {
        requireJdk();
        return ModelShipment.read(dir, spark.sparkContext().hadoopConfiguration());
    }

    /** {@link #classify(Dataset, ModelShipment, int)} with the model folder at {@code modelDir}. */
    public static Dataset<Row> classify(Dataset<Row> input, String modelDir) throws IOException {
        return classify(input, model(input.sparkSession(), modelDir), PredictionRows.DEFAULT_BATCH);
    }

    /**
     * One row per file: the label, its probability, the probability of every class ({@code p_<label>}), the
     * model id and the error, if any. The input is either binaryFile rows ({@code path, content}, as from
     * {@link #audio}): MFCCs are computed over the whole file as {@code recur classify} does, and the
     * probabilities equal its own; or an MFCC table from {@link #features} made with the model's settings
     * (else an error before any task runs), whose segments are scored as they are.
     *
     * @param batch segments scored together within a partition
     */
    public static Dataset<Row> classify(Dataset<Row> input, ModelShipment model, int batch) {
        requireJdk();
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1: " + batch);
        SparkSession spark = input.sparkSession();
        Broadcast<ModelShipment> shipped = JavaSparkContext.fromSparkContext(spark.sparkContext()).broadcast(model);
        StructType schema = PredictionRows.schema(model.labels());
        List<String> columns = Arrays.asList(input.columns());
        if (columns.contains("content")) {
            return byLength(input,
                    readable -> readable.select("path", "content").mapPartitions(new PredictionRows.FromAudio(shipped, batch), Encoders.row(schema)),
                    schema, "model_id", model.id());
        }
        if (columns.contains("mfcc")) {
            checkSettings(input, model.mfccSettings());
            return input.select("path", "segment", "mfcc", "error")
                    .repartition(col("path"))
                    .sortWithinPartitions("path", "segment")
                    .mapPartitions(new PredictionRows.FromMfcc(shipped, batch), Encoders.row(schema));
        }
        throw new IllegalArgumentException("classify takes binaryFile rows (path, content) or an MFCC table (path, segment, mfcc, ...); got columns " + columns);
    }

    /** Writes a result; {@code mode} decides what happens when {@code out} exists (ErrorIfExists refuses). */
    public static void write(Dataset<Row> result, String out, Format format, SaveMode mode) {
        var w = result.write().mode(mode);
        switch (format) {
            case PARQUET -> w.parquet(out);
            case CSV -> w.option("header", true).csv(out);
        }
    }

    /** Throws when this JVM is older than Spark 4.2 on JDK 25 allows, with the one-line reason. */
    public static void requireJdk() {
        String problem = SparkMain.problem(Runtime.version(), System.getProperty("java.home"));
        if (problem != null) throw new IllegalStateException(problem);
    }

    /**
     * Runs one tiny task per slot that asks each executor JVM for its Java version (through Spark's own
     * {@code java_method}, so no Recur class has to load there) and throws the one-line reason when one is older
     * than Spark 4.2 on JDK 25 allows. Best effort: executors that join later are not asked.
     */
    public static void requireExecutorJdk(SparkSession spark) {
        int slots = Math.max(1, spark.sparkContext().defaultParallelism());
        List<Row> seen = spark.range(0, slots, 1, slots)
                .selectExpr("java_method('java.lang.System', 'getProperty', 'java.version') AS v",
                        "java_method('java.lang.System', 'getProperty', 'java.home') AS h")
                .distinct().collectAsList();
        for (Row r : seen) {
            String problem = executorProblem(r.getString(0), r.getString(1));
            if (problem != null) throw new IllegalStateException(problem);
        }
    }

    /** The one-line reason an executor reporting this {@code java.version} cannot run the jobs, or null. */
    static String executorProblem(String version, String home) {
        Runtime.Version v;
        try {
            v = Runtime.Version.parse(version);
        } catch (IllegalArgumentException e) {
            return null; // a version string we cannot read: let the job say what happens
        }
        String p = SparkMain.problem(v, home);
        return p == null ? null : p.replace("recur-spark: needs", "recur-spark: an executor needs");
    }

    private static void checkSettings(Dataset<Row> table, MfccSettings needed) {
        List<Row> hashes = table.select("settings_hash").distinct().limit(3).collectAsList();
        for (Row r : hashes) {
            if (!needed.hash().equals(r.getString(0))) {
                throw new IllegalArgumentException("the MFCC table was made with settings " + r.getString(0) + ", the model needs "
                        + needed.hash() + " (run features with " + needed.options() + ")");
            }
        }
    }

    /**
     * Files Spark's binaryFile source can hand over ({@code spark.sql.sources.binaryFile.maxLength}, 2 GiB by
     * default) go to {@code job}; larger ones become error rows instead of failing the job. The length filter
     * is pushed into the file scan, so the large files are never read.
     */
    private static Dataset<Row> byLength(Dataset<Row> audio, java.util.function.Function<Dataset<Row>, Dataset<Row>> job,
                                         StructType schema, String fixedColumn, String fixedValue) {
        if (!Arrays.asList(audio.columns()).contains("length")) return job.apply(audio);
        long max = Long.parseLong(audio.sparkSession().conf().get("spark.sql.sources.binaryFile.maxLength", Integer.toString(Integer.MAX_VALUE)));
        Dataset<Row> readable = job.apply(audio.filter(col("length").leq(max)));
        List<Column> cols = new ArrayList<>();
        for (StructField f : schema.fields()) {
            String n = f.name();
            Column c = switch (n) {
                case "path" -> col("path");
                case "error" -> concat(col("path"), lit(": too large for one task ("), col("length").cast("string"),
                        lit(" bytes; Spark's binaryFile source reads at most " + max + ")"));
                default -> n.equals(fixedColumn) ? lit(fixedValue) : lit(null).cast(f.dataType());
            };
            cols.add(c.as(n));
        }
        Dataset<Row> tooLarge = audio.filter(col("length").gt(max)).select(cols.toArray(Column[]::new));
        return readable.union(tooLarge);
    }
}
