package dev.recur.app.series;

import dev.recur.files.AtomicFiles;
import dev.recur.files.Sha256;
import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.nn.Sequential;
import dev.recur.plot.SeriesCharts;
import dev.recur.series.ChronoSplit.Part;
import dev.recur.series.SeriesCsv;
import dev.recur.series.SeriesDataset;
import dev.recur.series.SeriesSpec;
import dev.recur.series.SeriesTable;
import dev.recur.train.Durability;
import dev.recur.train.Fit;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The whole {@code train-series} job: read the CSV (through the {@code series} front end: filling, the
 * chronological split, scaling, windows), build the forecaster, train it ({@link SeriesTrainer}), score it on
 * the test range next to the baselines ({@link SeriesEvaluation}) and write the model folder: model.safetensors
 * + model.json, metrics.csv and loss.png.
 */
public final class SeriesTraining {
    private SeriesTraining() {}

    /**
     * @param delimiter the CSV's delimiter, or null to detect it from the header
     * @param season    season length for the seasonal naive baseline, or null
     */
    public record Options(SeriesSpec spec, Character delimiter, SeriesModel.Cell cell, int units, int layers,
                          SeriesTrainer.Settings settings, Integer season) {}

    /** The data and the untrained model, ready to train. */
    public record Prepared(Path csv, SeriesTable table, SeriesDataset data, Sequential model, Options options) {
        /** What the checkpoints and the model folder say about the data: the series settings. */
        public ModelInfo info() { return ModelInfo.of(ModelInfo.REGRESSION).withFeatures(Map.of("series", data.spec().toMap())); }

        /** The CSV's bytes, hashed (a resumed run must read the same file). */
        public String dataSha256() throws IOException { return Sha256.file(csv); }

        /** One line: rows, windows per part, inputs, the network. */
        public String summary() {
            return String.format(Locale.ROOT, "%s: %d rows; %d/%d/%d train/validation/test windows; inputs %s; %s %dx%d (%d weights)",
                    csv.getFileName(), data.rows(), data.windows(Part.TRAIN).size(), data.windows(Part.VALIDATION).size(),
                    data.windows(Part.TEST).size(), data.spec().inputs(), options.cell().name().toLowerCase(Locale.ROOT),
                    options.layers(), options.units(), model.parameterCount());
        }
    }

    /** What a run produced. */
    public record Outcome(SeriesTrainer.Result training, SeriesEvaluation evaluation) {}

    /** Reads and splits the CSV, fits the scaling on the training rows and builds the model. */
    public static Prepared prepare(Path csv, Options o) throws IOException {
        SeriesTable table = SeriesCsv.read(csv, o.spec().csvOptions(o.delimiter()));
        SeriesDataset ds = SeriesDataset.fit(table, o.spec());
        if (o.season() != null && o.season() > ds.split().validationEnd()) {
            throw new IllegalArgumentException("--season " + o.season() + " is longer than the " + ds.split().validationEnd()
                    + " rows before the test range");
        }
        return new Prepared(csv, table, ds, SeriesModel.build(ds.spec(), o.cell(), o.units(), o.layers(), o.settings().seed()), o);
    }

    /** Trains (with checkpoints and resumption through {@code d}), scores and writes the model folder {@code out}. */
    public static Outcome run(Prepared p, Path out, Fit.Listener listener, Durability d) throws IOException {
        SeriesDataset ds = p.data();
        Options o = p.options();
        SeriesTrainer.Result result = SeriesTrainer.train(p.model(), ds.windows(Part.TRAIN), ds.windows(Part.VALIDATION), o.settings(),
                listener, d);
        SeriesEvaluation eval = SeriesEvaluation.of(ds, p.model(), o.season());
        ModelStore.save(out, p.model(), p.info().withMetadata(metadata(p, result, eval)));
        StringBuilder csv = new StringBuilder("epoch,train_loss,val_loss\n");
        for (SeriesTrainer.Epoch e : result.history()) {
            csv.append(String.format(Locale.ROOT, "%d,%.6g,%.6g%n", e.epoch(), e.trainLoss(), e.validationLoss()));
        }
        AtomicFiles.writeString(out.resolve("metrics.csv"), csv.toString());
        SeriesCharts.loss(out.resolve("loss.png"), p.csv().getFileName() + ": " + cellName(o) + " " + o.layers() + "x" + o.units(),
                result.history().stream().mapToDouble(SeriesTrainer.Epoch::trainLoss).toArray(),
                result.history().stream().mapToDouble(SeriesTrainer.Epoch::validationLoss).toArray());
        return new Outcome(result, eval);
    }

    /** The lines printed after training: best epoch, then the test table. */
    public static String report(Prepared p, Outcome r) {
        SeriesTrainer.Result t = r.training();
        return String.format(Locale.ROOT, "best epoch %d of %d (validation MSE %.4f, standardised)%s%n", t.bestEpoch(), t.history().size(),
                t.bestValidationLoss(), t.stoppedEarly() ? ", stopped early" : "")
                + r.evaluation().table("model (" + cellName(p.options()) + ")");
    }

    private static String cellName(Options o) { return o.cell().name().toLowerCase(Locale.ROOT); }

    private static Map<String, Object> metadata(Prepared p, SeriesTrainer.Result result, SeriesEvaluation eval) {
        Options o = p.options();
        SeriesTrainer.Settings s = o.settings();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("source", p.csv().getFileName().toString());
        m.put("cell", cellName(o));
        m.put("units", o.units());
        m.put("layers", o.layers());
        m.put("epochs", s.epochs());
        m.put("lr", s.learningRate());
        m.put("batch", s.batch());
        m.put("seed", s.seed());
        m.put("patience", s.patience());
        m.put("clip", s.clipNorm());
        m.put("best_epoch", result.bestEpoch());
        m.put("epochs_run", result.history().size());
        Map<String, Object> test = new LinkedHashMap<>();
        test.put("windows", eval.windows());
        test.put("model", score(eval.model().mae(), eval.model().rmse()));
        test.put("persistence", score(eval.persistence().mae(), eval.persistence().rmse()));
        if (eval.seasonal() != null) {
            Map<String, Object> seasonal = new LinkedHashMap<>();
            seasonal.put("season", o.season());
            seasonal.putAll(score(eval.seasonal().mae(), eval.seasonal().rmse()));
            test.put("seasonal_naive", seasonal);
        }
        m.put("test", test);
        return m;
    }

    /** MAE and RMSE in this order (a Map.of would change its order from run to run, and with it model.json's bytes). */
    private static Map<String, Object> score(double mae, double rmse) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("mae", mae);
        m.put("rmse", rmse);
        return m;
    }
}
