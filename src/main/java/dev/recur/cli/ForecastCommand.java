package dev.recur.cli;

import dev.recur.files.AtomicFiles;
import dev.recur.files.CsvText;
import dev.recur.io.ModelFile;
import dev.recur.io.ModelStore;
import dev.recur.nn.Sequential;
import dev.recur.plot.SeriesCharts;
import dev.recur.eval.ForecastScore;
import dev.recur.app.series.RecursiveForecast;
import dev.recur.series.SeriesCsv;
import dev.recur.series.SeriesDataset;
import dev.recur.series.SeriesSpec;
import dev.recur.series.SeriesTable;
import dev.recur.app.series.SeriesTrainer;
import dev.recur.series.TimeAxis;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code recur forecast}: recursive multi-step forecast with a train-series model, in original units. */
@Command(name = "forecast", mixinStandardHelpOptions = true,
        description = {"Forecast the next N rows of a CSV with a model from train-series, in the original units.",
                "Beyond the model's horizon its own forecasts are fed back (target-only models; see docs/series.md).",
                "--holdout K starts the forecast K rows before the end, so those rows show as held-out truth and are scored."})
final class ForecastCommand implements Callable<Integer> {

    @Option(names = "--model", required = true, paramLabel = "MODEL_DIR", description = "Directory written by train-series.")
    Path modelDir;

    @Parameters(index = "0", paramLabel = "DATA.csv", description = "CSV with the model's columns; the forecast starts after its last row.")
    Path data;

    @Option(names = "--steps", required = true, paramLabel = "N", description = "Rows to forecast.")
    int steps;

    @Option(names = "--out", required = true, paramLabel = "forecast.csv", description = "Where to write the forecast.")
    Path out;

    @Option(names = "--plot", paramLabel = "forecast.png", description = "Also draw history, held-out truth and forecast.")
    Path plot;

    @Option(names = "--holdout", defaultValue = "0", paramLabel = "K", description = "Start K rows before the end (default: ${DEFAULT-VALUE}).")
    int holdout;

    @Mixin DelimiterOption delimiter;

    @Override public Integer call() throws Exception {
        ModelFile mf = ModelStore.load(modelDir);
        if (!(mf.info().features().get("series") instanceof Map<?, ?> block))
            throw new IllegalArgumentException(modelDir + ": not a train-series model (model.json has no series settings)");
        @SuppressWarnings("unchecked") SeriesSpec spec = SeriesSpec.fromMap((Map<String, ?>) block);
        Sequential model = mf.model();
        if (model.inputSize() != spec.inputs().size() || model.outputSize() != spec.outputSize())
            throw new IllegalArgumentException(modelDir + ": layers take " + model.inputSize() + " inputs and give " + model.outputSize()
                    + " outputs, but the series settings need " + spec.inputs().size() + " and " + spec.outputSize());
        SeriesTable table = SeriesCsv.read(data, spec.csvOptions(delimiter.parsed()));
        if (holdout < 0 || holdout >= table.rows())
            throw new IllegalArgumentException("--holdout must be between 0 and " + (table.rows() - 1) + ", got " + holdout);
        int origin = table.rows() - holdout;
        if (origin < spec.window())
            throw new IllegalArgumentException(data + ": the forecast needs " + spec.window() + " rows before it, but only "
                    + origin + " are left after --holdout " + holdout);
        SeriesDataset ds = SeriesDataset.withStoredScaler(table, spec);
        double[][] forecast = RecursiveForecast.forecast(ds, origin, steps, x -> SeriesTrainer.predict(model, x, 1));

        List<String> targets = spec.targets();
        int known = Math.min(steps, holdout), k = targets.size();
        double[][] truth = new double[k][known];
        for (int j = 0; j < k; j++) truth[j] = Arrays.copyOfRange(table.column(targets.get(j)), origin, origin + known);
        List<String> futureTimes = table.times() == null ? null : TimeAxis.extend(table.times(), steps - known);

        List<Object> header = new ArrayList<>(List.of("step"));
        if (table.times() != null) header.add(spec.timeColumn());
        header.addAll(targets);
        if (holdout > 0) for (String t : targets) header.add(t + "_actual");
        StringBuilder csv = new StringBuilder(CsvText.row(header.toArray()));
        for (int i = 0; i < steps; i++) {
            List<Object> row = new ArrayList<>(List.of(i + 1));
            if (table.times() != null) row.add(i < known ? table.times().get(origin + i) : futureTimes == null ? "" : futureTimes.get(i - known));
            for (int j = 0; j < k; j++) row.add(num(forecast[i][j]));
            if (holdout > 0) for (int j = 0; j < k; j++) row.add(i < known ? num(truth[j][i]) : "");
            csv.append(CsvText.row(row.toArray()));
        }
        AtomicFiles.writeString(out, csv.toString());

        System.out.printf(Locale.ROOT, "forecast %d steps of %s from row %d of %s%s%n", steps, String.join(", ", targets), origin + 1,
                data.getFileName(), table.times() == null ? "" : " (after " + table.times().get(origin - 1) + ")");
        if (known > 0) {
            double[][] pred = new double[1][known * k], act = new double[1][known * k], last = new double[1][known * k];
            for (int i = 0; i < known; i++)
                for (int j = 0; j < k; j++) {
                    pred[0][i * k + j] = forecast[i][j];
                    act[0][i * k + j] = truth[j][i];
                    last[0][i * k + j] = table.column(targets.get(j))[origin - 1];
                }
            System.out.printf(Locale.ROOT, "held-out %d steps: model %s; persistence %s%n", known, ForecastScore.of(pred, act), ForecastScore.of(last, act));
        }
        if (plot != null) {
            int shown = Math.min(origin, Math.max(4 * spec.window(), 3 * steps));
            double[][] history = new double[k][];
            for (int j = 0; j < k; j++) history[j] = Arrays.copyOfRange(table.column(targets.get(j)), origin - shown, origin);
            SeriesCharts.forecast(plot, targets, history, origin, truth, forecast);
        }
        System.out.println("wrote " + out + (plot == null ? "" : " and " + plot));
        return ExitCodes.OK;
    }

    private static String num(double v) { return String.format(Locale.ROOT, "%.6g", v); }
}
