package dev.recur.spark;

import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.sql.SparkSession;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * One in-process Spark for every test in this JVM (starting one costs seconds): two cores, no UI, loopback,
 * two shuffle partitions, and small file splits so that a dozen small WAVs spread over several partitions.
 */
final class SharedSpark {
    private SharedSpark() {}

    private static SparkSession spark;
    private static final AtomicInteger JOBS = new AtomicInteger();

    static synchronized SparkSession get() {
        if (spark == null) {
            spark = SparkSession.builder().master("local[2]").appName("recur-spark tests")
                    .config("spark.ui.enabled", false)
                    .config("spark.ui.showConsoleProgress", false)
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .config("spark.sql.shuffle.partitions", 2)
                    .config("spark.default.parallelism", 2)
                    .config("spark.sql.files.maxPartitionBytes", "350k")
                    .config("spark.sql.files.openCostInBytes", "1k")
                    .getOrCreate();
            spark.sparkContext().addSparkListener(new SparkListener() {
                @Override public void onJobStart(SparkListenerJobStart e) { JOBS.incrementAndGet(); }
            });
        }
        return spark;
    }

    /** Jobs started so far (listener events arrive asynchronously; read after the work that matters). */
    static int jobs() { return JOBS.get(); }
}
