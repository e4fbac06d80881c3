/**
 * Recur on Apache Spark: batch MFCC extraction and batch genre classification over any file system Spark
 * reads, with the same code and the same numbers as the {@code recur features} and {@code recur classify}
 * commands. {@link dev.recur.spark.RecurSpark} is the Java API, {@link dev.recur.spark.SparkMain} the
 * {@code spark-submit} entry point. Every call into Recur's core goes through {@link dev.recur.spark.CoreCalls}.
 */
package dev.recur.spark;
