package dev.recur.cli;

import dev.recur.app.genre.ClassifierConfig;
import dev.recur.app.genre.ClassifierTrainer;
import dev.recur.app.genre.GenreDataset;
import dev.recur.app.genre.GenreTraining;
import dev.recur.app.genre.Track;
import dev.recur.audio.FeatureSettings;
import dev.recur.io.ModelInfo;
import dev.recur.train.Durability;
import dev.recur.train.eval.ClassificationReport;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
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

    @Option(names = "--out", paramLabel = "MODEL_DIR",
            description = "Output folder: model.safetensors, model.json, metrics.csv, loss.png, test reports (default with --resume: the resumed folder).")
    Path out;

    @Option(names = "--checkpoint-every", paramLabel = "N",
            description = "Write a checkpoint to MODEL_DIR/checkpoints every N epochs and at the end; 0: only at the end (default: ${DEFAULT-VALUE}).")
    int checkpointEvery = 1;

    @Option(names = "--resume", paramLabel = "MODEL_DIR",
            description = "Continue the training in MODEL_DIR from its last checkpoint (same data and options; --epochs may grow).")
    Path resume;

    @Option(names = "--skip-nonfinite", description = "Skip batches whose loss or gradient is NaN/Inf instead of stopping.")
    boolean skipNonFinite;

    @Spec CommandSpec spec;

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
    @Option(names = "--deltas", negatable = true, description = "Append MFCC deltas: 26 features per frame (default: ${DEFAULT-VALUE}).") boolean deltas = true;

    @Override public Integer call() throws Exception {
        if (out == null && resume == null) throw new ParameterException(spec.commandLine(), "Missing required option: '--out=MODEL_DIR'");
        if (out == null) out = resume;
        ClassifierConfig config = new ClassifierConfig(cell, layers, units, bidirectional, pyramid, dropout, pooling,
                epochs, batch, lr, weightDecay, clip, patience, crops, masking, data.seed);
        FeatureSettings fs = FeatureSettings.defaults().withDeltas(deltas);
        GenreDataset ds = GenreDataset.load(dataset, fs, data.groupOf(), !data.noProgress, data.featureCache());
        for (GenreDataset.Skipped s : ds.skipped()) System.err.println("skipped " + s.reason());
        Durability durability = Resumption.durability(out, resume, runSettings(config, ds),
                ModelInfo.of(ModelInfo.CLASSIFICATION).withLabels(ds.labels()), checkpointEvery, skipNonFinite);
        long t0 = System.nanoTime();
        GenreTraining.Outcome o = GenreTraining.run(ds, fs,
                new GenreTraining.Options(data.segmentSeconds, data.validation, data.test, data.seed, config),
                data.noProgress ? new LineListener(config.epochs()) : new BarListener(config.epochs()), durability);
        double seconds = (System.nanoTime() - t0) / 1e9;
        GenreTraining.write(o, out);

        System.out.printf(Locale.ROOT, "dataset   %d tracks in %d classes (%d skipped); split by %s: train %d, validation %d, test %d tracks%n",
                ds.tracks().size(), ds.labels().size(), ds.skipped().size(), data.group == null ? "file" : "group " + data.group,
                o.split().train().size(), o.split().validation().size(), o.split().test().size());
        System.out.printf(Locale.ROOT, "trained   %d epochs in %.1f s (%.0f training segments/s incl. validation), best epoch %d (validation loss %.3f)%n",
                o.training().history().size(), seconds, o.training().segmentsSeen() / seconds, o.training().bestEpoch(),
                o.training().history().get(o.training().bestEpoch() - 1).valLoss());
        System.out.print(ClassificationReport.compare(o.comparison()));
        System.out.print(o.intervals());
        String warn = GenreTraining.baselineWarning(o.test(), o.baselineTest());
        if (warn != null) System.err.println(warn);
        System.out.println("wrote " + out);
        return ds.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }

    /**
     * What must be equal for a run to continue another: the data (by content of the features), the split and
     * every training option except --epochs. Values as strings so a JSON round trip compares equal.
     */
    private Map<String, Object> runSettings(ClassifierConfig config, GenreDataset ds) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("data_sha256", fingerprint(ds));
        Map<String, Object> c = new LinkedHashMap<>(config.toMap());
        c.remove("epochs");
        c.forEach((k, v) -> m.put(k, String.valueOf(v)));
        m.put("segment_seconds", String.valueOf(data.segmentSeconds));
        m.put("validation", String.valueOf(data.validation));
        m.put("test", String.valueOf(data.test));
        m.put("group", String.valueOf(data.group));
        m.put("deltas", String.valueOf(deltas));
        m.put("skip_nonfinite", String.valueOf(skipNonFinite));
        return m;
    }

    /** SHA-256 over every track's id, label, group and MFCC values. */
    private static String fingerprint(GenreDataset ds) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            ByteBuffer b = ByteBuffer.allocate(4096);
            for (Track t : ds.tracks()) {
                md.update((t.id() + "\u0000" + t.label() + "\u0000" + t.group() + "\u0000").getBytes(StandardCharsets.UTF_8));
                for (float[] row : t.frames()) {
                    for (float v : row) {
                        if (b.remaining() < 4) {
                            md.update(b.flip());
                            b.clear();
                        }
                        b.putFloat(v);
                    }
                }
                md.update(b.flip());
                b.clear();
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
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
