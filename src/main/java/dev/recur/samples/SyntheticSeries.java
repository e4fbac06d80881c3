package dev.recur.samples;

import dev.recur.files.AtomicFiles;

import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.util.Locale;
import java.util.Random;

/**
 * Generated series with known structure, for tests and the bundled sample. Same seed, same CSV text.
 */
public final class SyntheticSeries {
    private SyntheticSeries() {}

    /** {@code level + amplitude·sin(2πt/period) + noise·N(0,1)} for t = 0..rows-1. */
    public static double[] noisySine(int rows, double period, double level, double amplitude, double noise, long seed) {
        Random r = new Random(seed);
        double[] y = new double[rows];
        for (int t = 0; t < rows; t++) y[t] = level + amplitude * Math.sin(2 * Math.PI * t / period) + noise * r.nextGaussian();
        return y;
    }

    /**
     * A driver {@code x} (AR(1) with coefficient 0.5, so only weakly predictable from its own past) and a
     * response {@code y[t] = gain·x[t-lag] + noise·N(0,1)}: y is nearly unpredictable from y alone but easy
     * from x's recent past. Returns {x, y}; the first {@code lag} values of y see x = 0.
     */
    public static double[][] laggedDriver(int rows, int lag, double gain, double noise, long seed) {
        Random r = new Random(seed);
        double[] x = new double[rows], y = new double[rows];
        double prev = 0;
        for (int t = 0; t < rows; t++) {
            prev = 0.5 * prev + r.nextGaussian();
            x[t] = prev;
        }
        for (int t = 0; t < rows; t++) y[t] = gain * (t >= lag ? x[t - lag] : 0) + noise * r.nextGaussian();
        return new double[][] {x, y};
    }

    /**
     * The bundled sample {@code samples/series/hourly_load.csv}: hourly timestamps from 2026-01-01T00:00 and
     * a load {@code 50 + 10·sin(2πt/24) + 4·sin(2πt/168) + N(0, 1.5²)}: a daily cycle, a weekly swell, noise.
     */
    public static String hourlyLoadCsv(int rows, long seed) {
        Random r = new Random(seed);
        StringBuilder sb = new StringBuilder("time,load\n");
        LocalDateTime start = LocalDateTime.of(2026, 1, 1, 0, 0);
        for (int t = 0; t < rows; t++) {
            double v = 50 + 10 * Math.sin(2 * Math.PI * t / 24) + 4 * Math.sin(2 * Math.PI * t / 168) + 1.5 * r.nextGaussian();
            sb.append(start.plusHours(t)).append(',').append(String.format(Locale.ROOT, "%.3f", v)).append('\n');
        }
        return sb.toString();
    }

    public static final int SAMPLE_ROWS = 1200;
    public static final long SAMPLE_SEED = 6;

    /** Regenerates the bundled sample: {@code java ... dev.recur.samples.SyntheticSeries samples/series/hourly_load.csv}. */
    public static void main(String[] args) throws IOException {
        AtomicFiles.writeString(Path.of(args.length > 0 ? args[0] : "samples/series/hourly_load.csv"), hourlyLoadCsv(SAMPLE_ROWS, SAMPLE_SEED));
    }
}
