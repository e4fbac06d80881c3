package dev.recur.cli;

import dev.recur.app.series.SeriesModel;
import dev.recur.app.series.SeriesTrainer;
import dev.recur.app.series.SeriesTraining;
import dev.recur.series.MissingFill;
import dev.recur.series.SeriesSpec;
import dev.recur.series.WindowSpec;
import dev.recur.train.Durability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code recur train-series}: a recurrent forecaster for columns of a CSV, scored against baselines. */
@Command(name = "train-series", mixinStandardHelpOptions = true,
        description = {"Train an RNN/LSTM/GRU to forecast the next H steps of target columns from the last W rows of a CSV.",
                "Rows are split in time order into train/validation/test; columns are standardised with training-row statistics.",
                "Writes MODEL_DIR/model.json + model.safetensors, metrics.csv and loss.png, and prints test MAE/RMSE next to baselines."})
final class TrainSeriesCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATA.csv", description = "CSV with a header row (comma or semicolon).")
    Path data;

    @Mixin CheckpointOptions run;

    @Mixin QuietOption quiet;

    @Option(names = "--target", split = ",", paramLabel = "COL", description = "Column(s) to forecast.")
    List<String> targets;

    @Option(names = "--features", split = ",", paramLabel = "COL", description = "Other input columns (the targets are always inputs).")
    List<String> features = List.of();

    @Option(names = "--time", paramLabel = "COL", description = "Time column: kept in order, never an input.")
    String time;

    @Mixin DelimiterOption delimiter;

    @Option(names = "--fill", paramLabel = "forward|linear", description = "Fill missing values instead of refusing them.")
    String fill;

    @Option(names = "--window", paramLabel = "W", description = "Input steps per window.")
    Integer window;

    @Option(names = "--horizon", paramLabel = "H", description = "Steps to forecast per window.")
    Integer horizon;

    @Option(names = "--cell", defaultValue = "lstm", paramLabel = "rnn|lstm|gru", description = "Recurrent cell (default: ${DEFAULT-VALUE}).")
    String cell;

    @Option(names = "--units", defaultValue = "32", description = "Hidden units per layer (default: ${DEFAULT-VALUE}).")
    int units;

    @Option(names = "--layers", defaultValue = "1", description = "Stacked recurrent layers (default: ${DEFAULT-VALUE}).")
    int layers;

    @Option(names = "--epochs", defaultValue = "50", description = "Most epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "0.005", description = "Adam learning rate (default: ${DEFAULT-VALUE}).")
    double lr;

    @Option(names = "--batch", defaultValue = "32", description = "Windows per batch (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--seed", defaultValue = "1", description = "Seed for initialisation and batch order (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--patience", defaultValue = "8", description = "Stop after this many epochs without a better validation loss (default: ${DEFAULT-VALUE}).")
    int patience;

    @Option(names = "--clip", defaultValue = "1.0", description = "Global gradient-norm clip (default: ${DEFAULT-VALUE}).")
    double clip;

    @Option(names = "--train", defaultValue = "0.7", description = "Fraction of rows for training (default: ${DEFAULT-VALUE}).")
    double trainFraction;

    @Option(names = "--val", defaultValue = "0.15", description = "Fraction of rows for validation; the rest is the test range (default: ${DEFAULT-VALUE}).")
    double valFraction;

    @Option(names = "--season", paramLabel = "S", description = "Season length in rows, for the seasonal naive baseline.")
    Integer season;

    @Override public Integer call() throws Exception {
        run.resume();
        run.require("DATA.csv", "--target", "--window", "--horizon");
        SeriesSpec spec = new SeriesSpec(targets, features, time, new WindowSpec(window, horizon), trainFraction, valFraction,
                fill == null ? MissingFill.NONE : MissingFill.parse(fill), null);
        SeriesTraining.Options options = new SeriesTraining.Options(spec, delimiter.parsed(),
                SeriesModel.Cell.parse(cell), units, layers, new SeriesTrainer.Settings(epochs, lr, batch, seed, patience, clip), season);
        SeriesTraining.Prepared p = SeriesTraining.prepare(data, options);
        Display display = quiet.display();
        if (p.table().filled() > 0) {
            display.println("filled " + p.table().filled() + " missing values (" + p.data().spec().fill().name().toLowerCase(Locale.ROOT) + ")");
        }
        Durability durability = run.durability(p.dataSha256(), p.info());
        System.out.println(p.summary());
        SeriesTraining.Outcome o = SeriesTraining.run(p, run.out, display.training(), durability);
        if (o.training().skipped() > 0) display.println("skipped " + o.training().skipped() + " batches with a non-finite loss or gradient");
        System.out.print(SeriesTraining.report(p, o));
        System.out.println("wrote " + run.out);
        return ExitCodes.OK;
    }
}
