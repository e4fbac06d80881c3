package dev.recur.spark;

import dev.recur.cli.ExitCodes;
import dev.recur.cli.OptionRules;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

/**
 * {@code spark-submit ... recur-spark.jar features IN OUT} and {@code ... classify --model DIR IN OUT}: the
 * batch jobs from the command line, with the exit codes of {@code recur} (0 all done, 1 failed, 2 usage, 3 some
 * files had errors).
 */
@Command(name = "recur-spark", mixinStandardHelpOptions = true, version = "recur-spark 0.1.0",
        description = "Recur's batch jobs on Apache Spark.",
        subcommands = {SparkCli.Features.class, SparkCli.Classify.class})
public final class SparkCli implements Runnable {
    @Spec CommandLine.Model.CommandSpec spec;

    /** Errors listed on stderr after a job; the rest are in the output's error column. */
    static final int ERRORS_SHOWN = 20;

    @Override public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a job: features or classify");
    }

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs a job and returns the exit code. */
    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a job with its summary and messages going to {@code out} and {@code err} (tests call this). */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cl = new CommandLine(new SparkCli()).setOut(out).setErr(err);
        cl.setExecutionStrategy(parsed -> {
            OptionRules.check(parsed); // recur's table of allowed values: --segment, --hop, --batch, ... before any work
            return new CommandLine.RunLast().execute(parsed);
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            cmd.getErr().println("recur-spark " + cmd.getCommandName() + ": " + oneLine(ex));
            if (System.getenv("RECUR_DEBUG") != null) ex.printStackTrace(cmd.getErr());
            return ExitCodes.FAILURE;
        });
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            String name = c.getCommandSpec().qualifiedName();
            c.getErr().println(name + ": " + oneLine(ex) + " (see '" + name + " --help')");
            return ExitCodes.USAGE;
        });
        return cl.execute(args);
    }

    /** Spark's messages run over many lines (plans, hints); the first says what is wrong. */
    static String oneLine(Throwable e) {
        String m = e.getMessage();
        if (m == null || m.isBlank()) m = e.getClass().getSimpleName();
        return m.strip().lines().findFirst().orElse(m);
    }

    /** Where the files come from and where the result goes. */
    static final class Io {
        @Parameters(arity = "2..*", paramLabel = "IN... OUT",
                description = "Inputs (files, folders or globs on any file system Spark reads), then the output folder.")
        List<String> paths;

        String[] in() { return paths.subList(0, paths.size() - 1).toArray(String[]::new); }
        String out() { return paths.getLast(); }

        @Option(names = "--format", paramLabel = "parquet|csv", defaultValue = "parquet", description = "Output format (default ${DEFAULT-VALUE}).")
        String format;

        @Option(names = "--mode", paramLabel = "error|overwrite", defaultValue = "error",
                description = "When OUT exists: error (refuse, the default) or overwrite (replace it).")
        String mode;

        @Option(names = "--glob", paramLabel = "PATTERN", description = "File-name filter (default: the audio extensions in any case; '*' for every file).")
        String glob;

        @Option(names = "--no-recursive", description = "Read only the top folder of IN.")
        boolean noRecursive;

        AudioInput input() { return new AudioInput(glob, !noRecursive); }

        /** The input files; none is an error (exit 1) before anything is written. */
        Dataset<Row> audio(SparkSession spark) throws IOException {
            Dataset<Row> audio = RecurSpark.audio(spark, input(), in());
            if (audio.select("path").isEmpty()) throw new IOException(String.join(", ", in()) + ": no files matched (" + input() + ")");
            return audio;
        }

        RecurSpark.Format format(CommandLine cl) {
            try {
                return RecurSpark.Format.of(format);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--format is parquet or csv, not " + format);
            }
        }

        SaveMode mode(CommandLine cl) {
            return switch (mode.toLowerCase(Locale.ROOT)) {
                case "error" -> SaveMode.ErrorIfExists;
                case "overwrite" -> SaveMode.Overwrite;
                default -> throw new CommandLine.ParameterException(cl, "--mode is error or overwrite, not " + mode);
            };
        }

        /** Refuses before any work when OUT exists and the mode says so. */
        void checkOut(SparkSession spark, SaveMode m) throws IOException {
            if (m != SaveMode.ErrorIfExists) return;
            Path p = new Path(out());
            FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
            if (fs.exists(p)) throw new IOException(out() + ": exists; pass --mode overwrite to replace it");
        }
    }

    @Command(name = "features", mixinStandardHelpOptions = true,
            description = {"MFCCs of audio files: one row per segment (path, segment, start_seconds, mfcc, settings_hash, error),",
                    "the numbers of 'recur features' bit for bit. CSV output has one row per frame (mfcc_0.. columns)."})
    static final class Features implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Mixin Io io;
        @Mixin dev.recur.cli.MfccOptions mfcc;

        @Override public Integer call() throws IOException {
            CommandLine cl = spec.commandLine();
            RecurSpark.Format format = io.format(cl);
            SaveMode mode = io.mode(cl);
            MfccSettings settings = new MfccSettings(mfcc.features(cl), mfcc.segments(cl));
            SparkSession spark = SparkSession.builder().appName("recur features").getOrCreate();
            io.checkOut(spark, mode);
            RecurSpark.requireExecutorJdk(spark);
            Dataset<Row> table = RecurSpark.features(io.audio(spark), settings);
            RecurSpark.write(format == RecurSpark.Format.CSV ? RecurSpark.frames(table, settings) : table, io.out(), format, mode);
            return summary(spark, io, format, "segment", cl.getOut(), cl.getErr());
        }
    }

    @Command(name = "classify", mixinStandardHelpOptions = true,
            description = {"Genre of each audio file with a model folder written by 'recur train-classifier': path, label,",
                    "probability, segments, p_<label> for every class, model_id, error. The probabilities are those of",
                    "'recur classify'. With --mfcc, IN is an MFCC table written by the features job (Parquet)."})
    static final class Classify implements Callable<Integer> {
        @Spec CommandLine.Model.CommandSpec spec;
        @Mixin Io io;

        @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (any path the driver's Hadoop configuration reads).")
        String model;

        @Option(names = "--mfcc", description = "IN is an MFCC table (Parquet) from the features job, made with the model's settings.")
        boolean mfccTable;

        @Option(names = "--batch", paramLabel = "SEGMENTS", defaultValue = "64", description = "Segments scored together in a task (default ${DEFAULT-VALUE}).")
        int batch;

        @Override public Integer call() throws IOException {
            CommandLine cl = spec.commandLine();
            RecurSpark.Format format = io.format(cl);
            SaveMode mode = io.mode(cl);
            SparkSession spark = SparkSession.builder().appName("recur classify").getOrCreate();
            io.checkOut(spark, mode);
            ModelShipment m = RecurSpark.model(spark, model);
            RecurSpark.requireExecutorJdk(spark);
            Dataset<Row> input = mfccTable ? spark.read().parquet(io.in()) : io.audio(spark);
            RecurSpark.write(RecurSpark.classify(input, m, batch), io.out(), format, mode);
            cl.getOut().println("model " + model + " (id " + m.id().substring(0, 16) + "..., " + m.labels().size() + " classes)");
            return summary(spark, io, format, "prediction", cl.getOut(), cl.getErr());
        }
    }

    /**
     * Reads the written result back (exact, unlike accumulators under task retries): files, rows without
     * errors, and the errors, the first {@value #ERRORS_SHOWN} of them on stderr.
     */
    static int summary(SparkSession spark, Io io, RecurSpark.Format format, String unit, PrintWriter out, PrintWriter err) {
        Dataset<Row> result = format == RecurSpark.Format.CSV
                ? spark.read().option("header", true).csv(io.out()) : spark.read().parquet(io.out());
        if ("segment".equals(unit) && format == RecurSpark.Format.CSV) result = result.dropDuplicates("path", "segment");
        Row r = result.agg(countDistinct(col("path")), sum(when(col("error").isNull(), 1).otherwise(0)),
                sum(when(col("error").isNotNull(), 1).otherwise(0))).first();
        long files = r.getLong(0), good = r.isNullAt(1) ? 0 : r.getLong(1), bad = r.isNullAt(2) ? 0 : r.getLong(2);
        List<String> errors = result.filter(col("error").isNotNull()).select("error").orderBy("error").limit(ERRORS_SHOWN)
                .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
        for (String e : errors) err.println(e);
        if (bad > errors.size()) err.println("... and " + (bad - errors.size()) + " more (see the error column)");
        out.println(String.format(Locale.ROOT, "%s: %d files, %d %ss, %d files with errors -> %s (%s)",
                unit.equals("segment") ? "features" : "classify", files, good, unit, bad, io.out(), format.name().toLowerCase(Locale.ROOT)));
        out.flush();
        err.flush();
        if (good == 0) return ExitCodes.FAILURE;
        return bad == 0 ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
