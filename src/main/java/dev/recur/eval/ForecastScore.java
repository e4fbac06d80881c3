package dev.recur.eval;

/** Mean absolute error and root mean squared error over all windows, steps and targets, in original units. */
public record ForecastScore(double mae, double rmse) {

    public static ForecastScore of(double[][] predicted, double[][] truth) {
        if (predicted.length != truth.length) throw new IllegalArgumentException(predicted.length + " predictions for " + truth.length + " truths");
        if (predicted.length == 0) throw new IllegalArgumentException("no windows to score");
        double abs = 0, sq = 0;
        long n = 0;
        for (int i = 0; i < truth.length; i++) {
            if (predicted[i].length != truth[i].length) throw new IllegalArgumentException("prediction " + i + " has the wrong length");
            for (int j = 0; j < truth[i].length; j++) {
                double e = predicted[i][j] - truth[i][j];
                abs += Math.abs(e);
                sq += e * e;
                n++;
            }
        }
        return new ForecastScore(abs / n, Math.sqrt(sq / n));
    }

    @Override public String toString() {
        return String.format(java.util.Locale.ROOT, "MAE %.4f  RMSE %.4f", mae, rmse);
    }
}
