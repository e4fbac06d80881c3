package dev.recur.app.series;

import dev.recur.series.SeriesDataset;
import dev.recur.series.WindowSet;
import dev.recur.eval.ForecastBaselines;
import dev.recur.eval.ForecastScore;
import dev.recur.nn.Layer;
import dev.recur.series.ChronoSplit.Part;

/**
 * Test-range scores of a model next to the baselines on the same windows, in original units.
 * {@code seasonal} is null when no season was given.
 */
public record SeriesEvaluation(int windows, int firstRow, int lastRow, ForecastScore model, ForecastScore persistence,
                               Integer season, ForecastScore seasonal) {

    public static SeriesEvaluation of(SeriesDataset data, Layer model, Integer season) {
        WindowSet test = data.windows(Part.TEST);
        int[] starts = test.targetStarts();
        double[][] truth = data.truth(starts);
        ForecastScore m = ForecastScore.of(data.unscale(SeriesTrainer.predict(model, test.inputs(), 256)), truth);
        ForecastScore p = ForecastScore.of(ForecastBaselines.persistence(data.targets(), starts, data.spec().horizon()), truth);
        ForecastScore s = season == null ? null : ForecastScore.of(ForecastBaselines.seasonalNaive(data.targets(), starts, data.spec().horizon(), season), truth);
        return new SeriesEvaluation(starts.length, starts[0], starts[starts.length - 1] + data.spec().horizon() - 1, m, p, season, s);
    }

    /** The score table printed after training. */
    public String table(String modelName) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(java.util.Locale.ROOT, "test rows %d-%d (%d windows)%n", firstRow + 1, lastRow + 1, windows));
        sb.append(String.format(java.util.Locale.ROOT, "  %-22s %12s %12s%n", "", "MAE", "RMSE"));
        row(sb, modelName, model);
        row(sb, "persistence", persistence);
        if (seasonal != null) row(sb, "seasonal naive (S=" + season + ")", seasonal);
        return sb.toString();
    }

    private static void row(StringBuilder sb, String name, ForecastScore s) {
        sb.append(String.format(java.util.Locale.ROOT, "  %-22s %12.4f %12.4f%n", name, s.mae(), s.rmse()));
    }
}
