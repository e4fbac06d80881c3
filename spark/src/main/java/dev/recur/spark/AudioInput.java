package dev.recur.spark;

import dev.recur.audio.AudioFiles;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

/**
 * Which files a job reads, through Spark's {@code binaryFile} source (local, HDFS, S3 through the user's
 * Hadoop configuration): a path, a folder or a glob, folders searched recursively unless told not to, and a
 * file-name filter ({@code pathGlobFilter}) that defaults to the audio extensions {@code recur features} scans
 * folders for, in any letter case.
 *
 * @param glob      file-name glob ({@code *.wav}, {@code *} for every file); null for the audio extensions
 * @param recursive search folders recursively ({@code recursiveFileLookup})
 */
public record AudioInput(String glob, boolean recursive) implements Serializable {

    public static AudioInput defaults() { return new AudioInput(null, true); }

    public AudioInput withGlob(String g) { return new AudioInput(g, recursive); }
    public AudioInput withRecursive(boolean r) { return new AudioInput(glob, r); }

    /** The glob actually used. */
    public String effectiveGlob() { return glob != null ? glob : audioGlob(); }

    /** {@code *.{[wW][aA][vV],...}}: the core's audio extensions, case-insensitive (Hadoop globs are not). */
    public static String audioGlob() {
        StringBuilder b = new StringBuilder("*.{");
        boolean first = true;
        for (String ext : new TreeSet<>(AudioFiles.EXTENSIONS)) {
            if (!first) b.append(',');
            first = false;
            for (char c : ext.toCharArray()) {
                if (Character.isLetter(c)) {
                    b.append('[').append(Character.toLowerCase(c)).append(Character.toUpperCase(c)).append(']');
                } else {
                    b.append(c);
                }
            }
        }
        return b.append('}').toString();
    }

    /**
     * The files as Spark's binaryFile rows: {@code path, modificationTime, length, content}, empty files
     * included (Spark's scan would drop them; see {@link EmptyFiles}).
     */
    public Dataset<Row> read(SparkSession spark, String... paths) {
        DataFrameReader r = spark.read().format("binaryFile")
                .option("pathGlobFilter", effectiveGlob())
                .option("recursiveFileLookup", recursive);
        Dataset<Row> files = r.load(paths);
        List<Row> empty = EmptyFiles.of(files);
        return empty.isEmpty() ? files : files.union(spark.createDataFrame(empty, files.schema()));
    }

    @Override public String toString() {
        return String.format(Locale.ROOT, "glob %s, %s", effectiveGlob(), recursive ? "recursive" : "top folder only");
    }
}
