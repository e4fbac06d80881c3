package dev.recur.cli;

import dev.recur.app.genre.ClassifierConfig;
import dev.recur.data.AudioDataset;
import dev.recur.app.genre.GenreTraining;
import dev.recur.audio.FeatureSettings;
import dev.recur.io.ModelInfo;
import dev.recur.train.Durability;
import dev.recur.eval.ClassificationReport;
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

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATASET", description = "Folder with one sub-folder of audio files per label.")
    Path dataset;

    @Mixin CheckpointOptions run;

    @Mixin QuietOption quiet;

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
        run.resume();
        run.require("DATASET");
        ClassifierConfig config = new ClassifierConfig(cell, layers, units, bidirectional, pyramid, dropout, pooling,
                epochs, batch, lr, weightDecay, clip, patience, crops, masking, data.seed);
        FeatureSettings fs = FeatureSettings.defaults().withDeltas(deltas);
        Display display = quiet.display();
        AudioDataset ds = AudioDataset.load(dataset, fs, data.groupOf(), display.task(), data.featureCache());
        for (AudioDataset.Skipped s : ds.skipped()) display.println("skipped " + s.reason());
        Durability durability = run.durability(ds.sha256(), ModelInfo.of(ModelInfo.CLASSIFICATION).withLabels(ds.labels()));
        long t0 = System.nanoTime();
        GenreTraining.Outcome o = GenreTraining.run(ds, fs,
                new GenreTraining.Options(data.segmentSeconds, data.validation, data.test, data.seed, config), display.training(), durability);
        double seconds = (System.nanoTime() - t0) / 1e9;
        GenreTraining.write(o, run.out);
        if (o.training().skipped() > 0) display.println("skipped " + o.training().skipped() + " batches with a non-finite loss or gradient");

        System.out.printf(Locale.ROOT, "dataset   %d tracks in %d classes (%d skipped); split by %s: train %d, validation %d, test %d tracks%n",
                ds.tracks().size(), ds.labels().size(), ds.skipped().size(), data.group == null ? "file" : "group " + data.group,
                o.split().train().size(), o.split().validation().size(), o.split().test().size());
        System.out.printf(Locale.ROOT, "trained   %d epochs in %.1f s (%.0f training segments/s incl. validation), best epoch %d (validation loss %.3f)%n",
                o.training().history().size(), seconds, o.training().segmentsSeen() / seconds, o.training().bestEpoch(),
                o.training().history().get(o.training().bestEpoch() - 1).valLoss());
        System.out.print(ClassificationReport.compare(o.comparison()));
        String warn = GenreTraining.baselineWarning(o.test(), o.baselineTest());
        if (warn != null) System.err.println(warn);
        System.out.println("wrote " + run.out);
        return ds.skipped().isEmpty() ? ExitCodes.OK : ExitCodes.PARTIAL;
    }
}
