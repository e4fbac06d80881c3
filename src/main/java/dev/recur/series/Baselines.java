package dev.recur.series;

/**
 * Forecasts that need no training, for the same windows a model is scored on, in original units
 * ({@code [window][h·targets + k]}). They use only rows before each window's first target row.
 */
public final class Baselines {
    private Baselines() {}

    /** Persistence: every future step equals the last observed value. */
    public static double[][] persistence(SeriesDataset data, int[] starts) {
        int h = data.spec().horizon(), k = data.spec().targets().size();
        double[][] out = new double[starts.length][h * k];
        for (int i = 0; i < starts.length; i++)
            for (int j = 0; j < k; j++) {
                double last = data.target(j)[starts[i] - 1];
                for (int step = 0; step < h; step++) out[i][step * k + j] = last;
            }
        return out;
    }

    /**
     * Seasonal naive: step {@code s+h} takes the value one season earlier, {@code y[s+h - S·⌈(h+1)/S⌉]},
     * i.e. the latest observed value at the same phase of the season.
     */
    public static double[][] seasonalNaive(SeriesDataset data, int[] starts, int season) {
        if (season < 1) throw new IllegalArgumentException("--season must be at least 1, got " + season);
        int h = data.spec().horizon(), k = data.spec().targets().size();
        double[][] out = new double[starts.length][h * k];
        for (int i = 0; i < starts.length; i++) {
            int s = starts[i];
            if (s < season)
                throw new IllegalArgumentException("--season " + season + " is longer than the " + s + " rows before row " + (s + 1));
            for (int step = 0; step < h; step++) {
                int back = season * ((step + season) / season); // S·⌈(step+1)/S⌉
                for (int j = 0; j < k; j++) out[i][step * k + j] = data.target(j)[s + step - back];
            }
        }
        return out;
    }
}
