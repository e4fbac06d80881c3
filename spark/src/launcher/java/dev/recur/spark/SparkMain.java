package dev.recur.spark;

import java.lang.reflect.InvocationTargetException;

/**
 * The {@code spark-submit --class} entry point. Compiled for Java 17 (the oldest JDK Spark 4 runs on) and
 * free of references to the rest of Recur, so that on a JDK older than {@value #MINIMUM} it can say so in one
 * line instead of failing to load Recur's Java 25 classes; then it hands over to {@code SparkCli}.
 */
public final class SparkMain {
    private SparkMain() {}

    /** Spark 4.2 runs on JDK 25 from this update on; Recur needs 25 in any case. */
    public static final String MINIMUM = "25.0.3";

    public static void main(String[] args) throws Throwable {
        String problem = problem(Runtime.version(), System.getProperty("java.home"));
        if (problem != null) {
            System.err.println(problem);
            System.exit(1);
        }
        try {
            Class.forName("dev.recur.spark.SparkCli").getMethod("main", String[].class).invoke(null, (Object) args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    /** One line saying why this JDK cannot run recur-spark, or null when it can. */
    public static String problem(Runtime.Version version, String javaHome) {
        if (version.compareToIgnoreOptional(Runtime.Version.parse(MINIMUM)) >= 0) return null;
        return "recur-spark: needs JDK " + MINIMUM + " or newer (Spark 4.2 on JDK 25 needs 25.0.3), this is "
                + version + (javaHome == null ? "" : " at " + javaHome)
                + "; point JAVA_HOME (and spark.executorEnv.JAVA_HOME / spark.yarn.appMasterEnv.JAVA_HOME) at a newer one";
    }
}
