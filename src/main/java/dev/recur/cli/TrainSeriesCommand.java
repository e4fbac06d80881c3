package dev.recur.cli;

import dev.recur.files.AtomicFiles;
import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.nn.Sequential;
import dev.recur.plot.SeriesCharts;
import dev.recur.series.ChronoSplit.Part;
import dev.recur.series.MissingFill;
import dev.recur.series.SeriesCsv;
import dev.recur.series.SeriesDataset;
import dev.recur.series.SeriesEvaluation;
import dev.recur.series.SeriesModel;
import dev.recur.series.SeriesSpec;
import dev.recur.series.SeriesTable;
import dev.recur.series.SeriesTrainer;
import dev.recur.series.WindowSpec;
import dev.recur.train.Durability;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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

    @Option(names = "--delimiter", paramLabel = "CHAR", description = "',' ';' or tab (default: detected from the header).")
    String delimiter;

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
        Path out = run.out;
        SeriesModel.Cell cellKind = SeriesModel.Cell.parse(cell);
        SeriesTrainer.Settings settings = new SeriesTrainer.Settings(epochs, lr, batch, seed, patience, clip);
        SeriesSpec spec = new SeriesSpec(targets, features, time, new WindowSpec(window, horizon), trainFraction, valFraction,
                fill == null ? MissingFill.NONE : MissingFill.parse(fill), null);
        SeriesTable table = SeriesCsv.read(data, spec.csvOptions(delimiter == null ? null : SeriesCsv.parseDelimiter(delimiter)));
        SeriesDataset ds = SeriesDataset.fit(table, spec);
        spec = ds.spec();
        if (season != null && season > ds.split().validationEnd())
            throw new IllegalArgumentException("--season " + season + " is longer than the " + ds.split().validationEnd() + " rows before the test range");
        if (table.filled() > 0) System.err.println("filled " + table.filled() + " missing values (" + spec.fill().name().toLowerCase(Locale.ROOT) + ")");

        Sequential model = SeriesModel.build(spec, cellKind, units, layers, seed);
        Durability durability = run.durability(sha256(data), ModelInfo.of(ModelInfo.REGRESSION).withFeatures(Map.of("series", spec.toMap())));
        System.out.printf(Locale.ROOT, "%s: %d rows; %d/%d/%d train/validation/test windows; inputs %s; %s %dx%d (%d weights)%n",
                data.getFileName(), ds.rows(), ds.windows(Part.TRAIN).size(), ds.windows(Part.VALIDATION).size(),
                ds.windows(Part.TEST).size(), spec.inputs(), cellKind.name().toLowerCase(Locale.ROOT), layers, units, model.parameterCount());
        Display display = quiet.display();
        SeriesTrainer.Result result = SeriesTrainer.train(model, ds.windows(Part.TRAIN), ds.windows(Part.VALIDATION), settings,
                display.training(), durability);
        if (result.skipped() > 0) display.println("skipped " + result.skipped() + " batches with a non-finite loss or gradient");
        SeriesEvaluation eval = SeriesEvaluation.of(ds, model, season);

        ModelInfo info = ModelInfo.of(ModelInfo.REGRESSION).withFeatures(Map.of("series", spec.toMap()))
                .withMetadata(metadata(cellKind, result, eval));
        ModelStore.save(out, model, info);
        StringBuilder csv = new StringBuilder("epoch,train_loss,val_loss\n");
        for (SeriesTrainer.Epoch e : result.history())
            csv.append(String.format(Locale.ROOT, "%d,%.6g,%.6g%n", e.epoch(), e.trainLoss(), e.validationLoss()));
        AtomicFiles.writeString(out.resolve("metrics.csv"), csv.toString());
        SeriesCharts.loss(out.resolve("loss.png"), data.getFileName() + ": " + cellKind.name().toLowerCase(Locale.ROOT) + " " + layers + "x" + units,
                result.history().stream().mapToDouble(SeriesTrainer.Epoch::trainLoss).toArray(),
                result.history().stream().mapToDouble(SeriesTrainer.Epoch::validationLoss).toArray());

        System.out.printf(Locale.ROOT, "best epoch %d of %d (validation MSE %.4f, standardised)%s%n", result.bestEpoch(),
                result.history().size(), result.bestValidationLoss(), result.stoppedEarly() ? ", stopped early" : "");
        System.out.print(eval.table("model (" + cellKind.name().toLowerCase(Locale.ROOT) + ")"));
        System.out.println("wrote " + out);
        return ExitCodes.OK;
    }

    private static String sha256(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            byte[] buf = new byte[1 << 16];
            for (int r; (r = in.read(buf)) > 0; ) md.update(buf, 0, r);
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, Object> metadata(SeriesModel.Cell cellKind, SeriesTrainer.Result result, SeriesEvaluation eval) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", data.getFileName().toString());
        m.put("cell", cellKind.name().toLowerCase(Locale.ROOT));
        m.put("units", units);
        m.put("layers", layers);
        m.put("epochs", epochs);
        m.put("lr", lr);
        m.put("batch", batch);
        m.put("seed", seed);
        m.put("patience", patience);
        m.put("clip", clip);
        m.put("best_epoch", result.bestEpoch());
        m.put("epochs_run", result.history().size());
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("windows", eval.windows());
        test.put("model", Map.of("mae", eval.model().mae(), "rmse", eval.model().rmse()));
        test.put("persistence", Map.of("mae", eval.persistence().mae(), "rmse", eval.persistence().rmse()));
        if (eval.seasonal() != null) test.put("seasonal_naive", Map.of("season", season, "mae", eval.seasonal().mae(), "rmse", eval.seasonal().rmse()));
        m.put("test", test);
        return m;
    }
}
