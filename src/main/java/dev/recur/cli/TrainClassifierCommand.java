package dev.recur.cli;

import dev.recur.app.genre.ClassifierConfig;
import dev.recur.app.genre.ClassifierTrainer;
import dev.recur.app.genre.GenreDataset;
import dev.recur.app.genre.GenreTraining;
import dev.recur.audio.FeatureSettings;
import dev.recur.train.eval.ClassificationReport;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code recur train-classifier DATASET --out MODEL_DIR}. */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = "Train a recurrent genre classifier on DATASET/<label>/*.wav (MFCC segments, split by track), "
                + "fit the mean+std baseline on the same split, and report both on the held-out test tracks.")
final class TrainClassifierCommand implements Callable<Integer> {
    private static final ClassifierConfig D = ClassifierConfig.defaults();

    @Parameters(index = "0", paramLabel = "DATASET", description = "Folder with one sub-folder of audio files per label.")
    Path dataset;

    @Option(names = "--out", required = true, paramLabel = "MODEL_DIR",
            description = "Output folder: model.safetensors, model.json, metrics.csv, loss.png, test reports.")
    Path out;

    @Mixin GenreDataOptions data;

    @Option(names = "--cell", description = "rnn, lstm or gru (default: ${DEFAULT-VALUE}).") String cell = D.cell();
    @Option(names = "--layers", description = "Recurrent layers (default: ${DEFAULT-VALUE}).") int layers = D.layers();
    @Option(names = "--units", description = "Hidden units per layer and direction (default: ${DEFAULT-VALUE}).") int units = D.units();
    @Option(names = "--bidirectional", negatable = true, description = "Run the layers both ways (default: ${DEFAULT-VALUE}).") boolean bidirectional = D.bidirectional();
    @Option(names = "--pyramid", paramLabel = "N", description = "Halve the time axis before recurrent layers 2..N+1 (default: ${DEFAULT-VALUE}).") int pyramid = D.pyramid();
    @Option(names = "--dropout", description = "Dropout between layers and before the output (default: ${DEFAULT-VALUE}).") double dropout = D.dropout();
    @Option(names = "--pooling", description = "mean, max or last: how the outputs over time become one vector (default: ${DEFAULT-VALUE}).") String pooling = D.pooling();
    @Option(names = "--epochs", description = "Maximum epochs (default: ${DEFAULT-VALUE}).") int epochs = D.epochs();
    @Option(names = "--batch", description = "Segments per step (default: ${DEFAULT-VALUE}).") int batch = D.batch();
    @Option(names = "--lr", description = "Learning rate (AdamW; default: ${DEFAULT-VALUE}).") double lr = D.lr();
    @Option(names = "--weight-decay", description = "Decoupled weight decay (default: ${DEFAULT-VALUE}).") double weightDecay = D.weightDecay();
    @Option(names = "--clip", description = "Gradient-norm clip (default: ${DEFAULT-VALUE}).") double clip = D.clip();
    @Option(names = "--patience", description = "Stop after N epochs without a lower validation loss; 0 = never (default: ${DEFAULT-VALUE}).") int patience = D.patience();
    @Option(names = "--crops", paramLabel = "N", description = "Random training crops per track segment and epoch (default: ${DEFAULT-VALUE}).") int crops = D.cropsPerTrack();
    @Option(names = "--masking", negatable = true, description = "SpecAugment-style time and coefficient masking of training crops (default: ${DEFAULT-VALUE}).") boolean masking = D.masking();
    @Option(names = "--deltas", description = "Append MFCC deltas (26 features per frame).") boolean deltas;

    @Override public Integer call() throws Exception {
        ClassifierConfig config = new ClassifierConfig(cell, layers, units, bidirectional, pyramid, dropout, pooling,
                epochs, batch, lr, weightDecay, clip, patience, crops, masking, data.seed);
        FeatureSettings fs = FeatureSettings.defaults().withDeltas(deltas);
        GenreDataset ds = GenreDataset.load(dataset, fs, data.groupOf(), !data.noProgress);
        for (GenreDataset.Skipped s : ds.skipped()) System.err.println("skipped " + s.reason());
        long t0 = System.nanoTime();
        GenreTraining.Outcome o = GenreTraining.run(ds, fs,
                new GenreTraining.Options(data.segmentSeconds, data.validation, data.test, data.seed, config),
                data.noProgress ? new LineListener(config.epochs()) : new BarListener(config.epochs()));
        double seconds = (System.nanoTime() - t0) / 1e9;
        GenreTraining.write(o, out);

        System.out.printf(Locale.ROOT, "dataset   %d tracks in %d classes (%d skipped); split by %s: train %d, validation %d, test %d tracks%n",
                ds.tracks().size(), ds.labels().size(), ds.skipped().size(), data.group == null ? "file" : "group " + data.group,
                o.split().train().size(), o.split().validation().size(), o.split().test().size());
        System.out.printf(Locale.ROOT, "trained   %d epochs in %.1f s (%.0f training segments/s incl. validation), best epoch %d (validation loss %.3f)%n",
                o.training().history().size(), seconds, o.training().segmentsSeen() / seconds, o.training().bestEpoch(),
                o.training().history().get(o.training().bestEpoch() - 1).valLoss());
        System.out.print(ClassificationReport.compare(o.comparison()));
        String warn = GenreTraining.baselineWarning(o.test(), o.baselineTest());
        if (warn != null) System.err.println(warn);
        System.out.println("wrote " + out);
        return ds.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    /** One line per epoch on stderr (when progress bars are off). */
    record LineListener(int epochs) implements ClassifierTrainer.Listener {
        @Override public void epochDone(ClassifierTrainer.Epoch e, boolean best) {
            System.err.printf(Locale.ROOT, "epoch %d/%d  loss %.3f acc %.1f%% | val %.3f %.1f%%%s%n", e.epoch(), epochs,
                    e.trainLoss(), 100 * e.trainAccuracy(), e.valLoss(), 100 * e.valAccuracy(), best ? " *" : "");
        }
    }

    /** One progress bar per epoch on stderr, with the running loss and accuracy. */
    static final class BarListener implements ClassifierTrainer.Listener {
        private final int epochs;
        private ProgressBar bar;

        BarListener(int epochs) { this.epochs = epochs; }

        @Override public void epochStarted(int epoch, int batches) {
            bar = new ProgressBarBuilder().setTaskName(String.format(Locale.ROOT, "epoch %d/%d", epoch, epochs))
                    .setInitialMax(batches).setConsumer(new ConsoleProgressBarConsumer(System.err, 140)).setUpdateIntervalMillis(250).build();
        }

        @Override public void batchDone(double loss, double accuracy) {
            bar.step();
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f acc %.1f%%", loss, 100 * accuracy));
        }

        @Override public void epochDone(ClassifierTrainer.Epoch e, boolean best) {
            bar.setExtraMessage(String.format(Locale.ROOT, "loss %.3f acc %.1f%% | val %.3f %.1f%%%s",
                    e.trainLoss(), 100 * e.trainAccuracy(), e.valLoss(), 100 * e.valAccuracy(), best ? " *" : ""));
            bar.close();
        }
    }
}
