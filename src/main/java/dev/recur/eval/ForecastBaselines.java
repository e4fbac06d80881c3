package dev.recur.eval;

/**
 * Forecasts that need no training, for the windows a model is scored on, in original units
 * ({@code [window][step·targets + k]}, step-major). They use only values before each window's first target row.
 */
public final class ForecastBaselines {
    private ForecastBaselines() {}

    /**
     * Persistence: every future step equals the last observed value.
     *
     * @param targets the target columns over all rows, {@code [k][row]}
     * @param starts  the first target row of each window
     */
    public static double[][] persistence(double[][] targets, int[] starts, int horizon) {
        int k = targets.length;
        double[][] out = new double[starts.length][horizon * k];
        for (int i = 0; i < starts.length; i++)
            for (int j = 0; j < k; j++) {
                double last = targets[j][starts[i] - 1];
                for (int step = 0; step < horizon; step++) out[i][step * k + j] = last;
            }
        return out;
    }

    /**
     * Seasonal naive: step {@code s+h} takes the value one season earlier, {@code y[s+h - S·⌈(h+1)/S⌉]},
     * i.e. the latest observed value at the same phase of the season.
     */
    public static double[][] seasonalNaive(double[][] targets, int[] starts, int horizon, int season) {
        if (season < 1) throw new IllegalArgumentException("--season must be at least 1, got " + season);
        int k = targets.length;
        double[][] out = new double[starts.length][horizon * k];
        for (int i = 0; i < starts.length; i++) {
            int s = starts[i];
            if (s < season)
                throw new IllegalArgumentException("--season " + season + " is longer than the " + s + " rows before row " + (s + 1));
            for (int step = 0; step < horizon; step++) {
                int back = season * ((step + season) / season); // S·⌈(step+1)/S⌉
                for (int j = 0; j < k; j++) out[i][step * k + j] = targets[j][s + step - back];
            }
        }
        return out;
    }
}
