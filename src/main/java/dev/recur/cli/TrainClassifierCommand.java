package dev.recur.cli;

import dev.recur.app.genre.ClassifierConfig;
import dev.recur.app.genre.ClassifierTrainer;
import dev.recur.app.genre.GenreClassifier;
import dev.recur.data.AudioDataset;
import dev.recur.app.genre.GenreTraining;
import dev.recur.app.genre.MaskedPretraining;
import dev.recur.app.genre.ReportFiles;
import dev.recur.app.genre.ClassifierNetwork;
import dev.recur.app.genre.StartingWeights;
import dev.recur.files.Sha256;
import dev.recur.io.ModelStore;
import dev.recur.data.Track;
import dev.recur.data.TrackSplit;
import dev.recur.audio.FeatureSettings;
import dev.recur.io.ModelInfo;
import dev.recur.train.Durability;
import dev.recur.files.AtomicFiles;
import dev.recur.eval.BootstrapInterval;
import dev.recur.eval.ClassificationReport;
import dev.recur.eval.SeedSweep;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.function.IntFunction;

/** {@code recur train-classifier DATASET --out MODEL_DIR}. */
@Command(name = "train-classifier", mixinStandardHelpOptions = true,
        description = "Train a recurrent genre classifier on DATASET/<label>/*.wav (log-mel or MFCC segments, split by track), "
                + "fit the mean+std baseline on the same split, and report both on the held-out test tracks.")
final class TrainClassifierCommand implements Callable<Integer> {
    private static final ClassifierConfig D = ClassifierConfig.defaults();

    @Parameters(index = "0", arity = "0..1", paramLabel = "DATASET", description = "Folder with one sub-folder of audio files per label.")
    Path dataset;

    @Mixin CheckpointOptions run;

    @Mixin QuietOption quiet;

    @Mixin GenreDataOptions data;

    @Spec CommandSpec spec;

    @Option(names = "--cell", description = "rnn, lstm or gru (default: ${DEFAULT-VALUE}).") String cell = D.cell();
    @Option(names = "--layers", description = "Recurrent layers (default: ${DEFAULT-VALUE}).") int layers = D.layers();
    @Option(names = "--units", description = "Hidden units per layer and direction (default: ${DEFAULT-VALUE}).") int units = D.units();
    // Booleans that default to true take it from defaultValue: with a true field initializer picocli would let
    // --bidirectional toggle the value to false. TrainClassifierCommandTest checks these against ClassifierConfig.
    @Option(names = "--bidirectional", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Run the layers both ways (default: ${DEFAULT-VALUE}).") boolean bidirectional;
    @Option(names = "--pyramid", paramLabel = "N", description = "Halve the time axis before recurrent layers 2..N+1 (default: ${DEFAULT-VALUE}).") int pyramid = D.pyramid();
    @Option(names = "--dropout", description = "Dropout between layers and before the output (default: ${DEFAULT-VALUE}).") double dropout = D.dropout();
    @Option(names = "--pooling", description = "mean, max, last, attention (learned weighted mean) or attention-stats (learned weighted mean and standard deviation): how the outputs over time become one vector (default: ${DEFAULT-VALUE}).") String pooling = D.pooling();
    @Option(names = "--epochs", description = "Maximum epochs (default: ${DEFAULT-VALUE}).") int epochs = D.epochs();
    @Option(names = "--batch", description = "Segments per step (default: ${DEFAULT-VALUE}).") int batch = D.batch();
    @Option(names = "--lr", description = "Learning rate (AdamW; default: ${DEFAULT-VALUE}).") double lr = D.lr();
    @Option(names = "--lr-schedule", paramLabel = "KIND", description = "constant, or cosine: the learning rate falls along half a cosine from --lr in the first epoch towards 0 after the last (default: ${DEFAULT-VALUE}).") String lrSchedule = D.lrSchedule();
    @Option(names = "--weight-decay", description = "Decoupled weight decay (default: ${DEFAULT-VALUE}).") double weightDecay = D.weightDecay();
    @Option(names = "--clip", description = "Gradient-norm clip (default: ${DEFAULT-VALUE}).") double clip = D.clip();
    @Option(names = "--patience", description = "Stop after N epochs without a lower validation loss; 0 = never (default: ${DEFAULT-VALUE}).") int patience = D.patience();
    @Option(names = "--crops", paramLabel = "N", description = "Random training crops per track segment and epoch (default: ${DEFAULT-VALUE}).") int crops = D.cropsPerTrack();
    @Option(names = "--balance-classes", description = "Give every class as many training crops per epoch as the largest "
            + "(more crops from the tracks of smaller classes), for libraries whose classes differ much in size.") boolean balanceClasses = D.balanceClasses();
    @Option(names = "--masking", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "SpecAugment-style masking of training crops: one time span and one band of values (default: ${DEFAULT-VALUE}).") boolean masking;
    @Option(names = "--deltas", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = "Append deltas: twice the values per frame (default: ${DEFAULT-VALUE}).") boolean deltas;
    @Option(names = "--frames", paramLabel = "KIND", description = "What a frame holds: mfcc (13 coefficients) or logmel (--mel-bands log-mel energies) (default: ${DEFAULT-VALUE}).") String featureKind = FeatureSettings.LOGMEL;
    @Option(names = "--mel-bands", paramLabel = "N", description = "Bands of the log-mel frames (default: ${DEFAULT-VALUE}).") int melBands = 64;
    @Option(names = "--conv-layers", paramLabel = "N", description = "1-D convolutions over time before the recurrent layers, each with a ReLU (default: ${DEFAULT-VALUE}).") int convLayers = D.convLayers();
    @Option(names = "--conv-channels", paramLabel = "N", description = "Channels of each convolution (default: ${DEFAULT-VALUE}).") int convChannels = D.convChannels();
    @Option(names = "--conv-kernel", paramLabel = "K", description = "Kernel size of each convolution, odd (default: ${DEFAULT-VALUE}).") int convKernel = D.convKernel();
    @Option(names = "--conv-stride", paramLabel = "S", description = "Stride of each convolution: time shrinks by S per convolution (default: ${DEFAULT-VALUE}).") int convStride = D.convStride();
    @Option(names = "--mixup", paramLabel = "ALPHA", description = "Mix training batches with lambda ~ Beta(ALPHA, ALPHA); 0 = off (default: ${DEFAULT-VALUE}).") double mixup = D.mixup();
    @Option(names = "--ensemble", paramLabel = "N", description = "Train N networks (seeds seed..seed+N-1) on the same split and average their probabilities; "
            + "networks 2..N keep their checkpoints in MODEL_DIR/member-<k> (default: ${DEFAULT-VALUE}).") int ensemble = D.ensemble();
    @Option(names = "--pretrain-epochs", paramLabel = "N", description = "Epochs of self-supervised pretraining of the encoder (convolutions and recurrent layers) "
            + "on the training clips, labels unused: masked spans of frames reconstructed; then the supervised training starts from it; 0 = none (default: ${DEFAULT-VALUE}).")
    int pretrainEpochs = D.pretrainEpochs();
    @Option(names = "--average-epochs", paramLabel = "N", description = "Keep the mean of the weights after each of the last N epochs "
            + "(stochastic weight averaging) instead of the last epoch's; needs --patience 0; 0 = off (default: ${DEFAULT-VALUE}).")
    int averageEpochs = D.averageEpochs();
    @Option(names = "--overlap", paramLabel = "F", description = "Overlap of the segments a track's vote averages at test time (and in classify), 0 <= F < 1 (default: ${DEFAULT-VALUE}).") double overlap = DEFAULT_OVERLAP;
    @Option(names = "--seeds", paramLabel = "N", description = "Train N times with seeds --seed, --seed+1, ... (each its own split) into MODEL_DIR/seed-<s>, "
            + "and report the mean +- sd over seeds and how often recur was told apart from the baseline (default: ${DEFAULT-VALUE}).") int seeds = 1;

    @Option(names = "--folds", paramLabel = "K", description = "Cross-validate by track instead: K models, each tested on a K-th of the tracks (or groups) and trained on the rest, "
            + "into MODEL_DIR/fold-<k>; then both models' scores over every track, with intervals; with --seeds, once per seed into MODEL_DIR/seed-<s>/fold-<k> "
            + "and the sweep's table over the seeds' cross-validations (0 = off; default: ${DEFAULT-VALUE}).") int folds = 0;

    @Option(names = "--start-from", paramLabel = "MODEL_DIR", description = "Fine-tune: every network starts from this trained classifier's weights "
            + "(an ensemble's member by member) for all but its output layer; it must have been trained with the same frames and network options.")
    Path startFrom;
    @Option(names = "--pretrain-data", paramLabel = "DIR", description = "More audio for --pretrain-epochs besides the training tracks: "
            + "every audio file under this folder, at any depth, labels not needed.")
    Path pretrainData;
    @Option(names = "--train-extra", paramLabel = "DIR", description = "More labelled audio to train on, never to test on: DIR/<label>/*, "
            + "the dataset's labels; files whose group (--group) is on the test or validation side are left out, so no test track is heard in training. "
            + "The baseline trains on it too.")
    Path trainExtra;

    private GenreTraining.Start start;
    private GenreTraining.MoreAudio moreAudio;
    private GenreTraining.Extra extra;

    static final double DEFAULT_OVERLAP = 0;

    /** The network and training settings the options give, with {@code seed}. */
    ClassifierConfig config(long seed) {
        return new ClassifierConfig(cell, layers, units, bidirectional, pyramid, dropout, pooling,
                epochs, batch, lr, weightDecay, clip, patience, crops, masking, seed, convLayers, convChannels, convKernel,
                convStride, mixup, ensemble, lrSchedule, pretrainEpochs, averageEpochs, balanceClasses);
    }

    @Override public Integer call() throws Exception {
        run.resume();
        run.require("DATASET");
        try {
            config(data.seed);   // settings that contradict each other: a usage error before any audio is read
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        if (seeds > 1 && run.resume != null) throw new ParameterException(spec.commandLine(), "--resume continues one run; it cannot be combined with --seeds");
        if (folds > 0 && (run.resume != null || data.validation > 0)) {
            throw new ParameterException(spec.commandLine(), "--folds trains one model per fold without validation tracks; it cannot be combined with --resume or --validation");
        }
        if (pretrainData != null && pretrainEpochs == 0) throw new ParameterException(spec.commandLine(), "--pretrain-data is audio for --pretrain-epochs; give both");
        FeatureSettings fs = features();
        start = startingNetwork(fs);
        Display display = quiet.display();
        Labelled read = readLabelled(dataset, fs, display);
        AudioDataset ds = read.frames(), baseDs = read.mfcc();
        if (pretrainData != null) {
            AudioDataset more = AudioDataset.loadUnlabelled(pretrainData, fs, display.task(), data.featureCache());
            for (AudioDataset.Skipped s : more.skipped()) display.println("skipped " + s.reason());
            moreAudio = new GenreTraining.MoreAudio(more.tracks().stream().map(Track::frames).toList(), pretrainData.toString(), more.sha256());
            display.println("pretraining also on " + more.tracks().size() + " files from " + pretrainData);
        }
        String sha = ds.sha256();
        if (trainExtra != null) {
            extra = extraTracks(ds, fs, display);
            sha = sha + " " + extra.sha256();   // a resumed run must find the same extra audio too
        }
        if (seeds == 1) {
            if (folds > 0) crossValidate(ds, baseDs, fs, sha, display, data.seed, null);
            else report(ds, trainOne(ds, baseDs, fs, data.seed, run.out, null, sha, display, null), run.out, display, true);
        } else {
            List<SeedSweep.Run> runs = new ArrayList<>();
            String name = null;
            for (long seed = data.seed; seed < data.seed + seeds; seed++) {
                Path dir = run.out.resolve("seed-" + seed);
                System.out.println("== seed " + seed + " (" + (seed - data.seed + 1) + " of " + seeds + ") -> " + dir);
                Map<String, ClassificationReport> comparison;
                java.util.function.Function<String, String> clusterOf;
                if (folds > 0) {
                    comparison = crossValidate(ds, baseDs, fs, sha, display, seed, "seed-" + seed);
                    clusterOf = groupOf(ds);
                } else {
                    GenreTraining.Outcome o = trainOne(ds, baseDs, fs, seed, dir, "seed-" + seed, sha, display, null);
                    report(ds, o, dir, display, false);
                    comparison = o.comparison();
                    clusterOf = o.clusterOf();
                }
                List<ClassificationReport> two = List.copyOf(comparison.values());
                runs.add(new SeedSweep.Run(seed, BootstrapInterval.compare(two.get(0), two.get(1), clusterOf)));
                name = comparison.keySet().iterator().next();
            }
            SeedSweep sweep = new SeedSweep(runs);
            String text = sweep.toText(name, "mean+std baseline");
            System.out.println("== " + seeds + " seeds " + (folds > 0
                    ? "(each seed deals its own " + folds + " folds; intervals by the bootstrap over every track, each tested once)"
                    : "(each seed draws its own split; intervals by the bootstrap over test tracks)"));
            System.out.print(text);
            AtomicFiles.writeString(run.out.resolve("sweep.txt"), text);
            AtomicFiles.writeString(run.out.resolve("sweep.csv"), sweep.toCsv());
            System.out.println("wrote " + run.out.resolve("sweep.txt") + " and sweep.csv; one " + (folds > 0 ? "cross-validation" : "model") + " folder per seed");
        }
        boolean skipped = !ds.skipped().isEmpty() || extra != null && !extra.data().skipped().isEmpty();
        return skipped ? ExitCodes.PARTIAL : ExitCodes.OK;
    }

    /** Each track's group: the unit the bootstrap resamples when every track is tested. */
    private static java.util.function.Function<String, String> groupOf(AudioDataset ds) {
        Map<String, String> groupOf = new HashMap<>();
        for (Track t : ds.tracks()) groupOf.put(t.id(), t.group());
        return groupOf::get;
    }

    /**
     * {@code --folds K}: one training per fold of {@link TrackSplit#folds} into {@code fold-<k>}, each reported as a
     * single run is, then the folds' test reports pooled (every track tested once) with intervals over all tracks,
     * printed and written to {@code cv.txt} and {@code cv_*} report files, in {@code --out} or its sub-folder
     * {@code sub} (a sweep's seed). Returns the pooled reports, recur's first.
     */
    private Map<String, ClassificationReport> crossValidate(AudioDataset ds, AudioDataset baseDs, FeatureSettings fs, String sha,
                                                            Display display, long seed, String sub) throws Exception {
        Path out = sub == null ? run.out : run.out.resolve(sub);
        List<TrackSplit> splits = TrackSplit.folds(ds.tracks(), folds, seed);
        List<Map<String, ClassificationReport>> byFold = new ArrayList<>();
        for (int f = 0; f < folds; f++) {
            String fold = "fold-" + (f + 1);
            Path dir = out.resolve(fold);
            System.out.println("== fold " + (f + 1) + " of " + folds + " -> " + dir);
            GenreTraining.Outcome o = trainOne(ds, baseDs, fs, seed, dir, sub == null ? fold : sub + "/" + fold, sha, display, splits.get(f));
            report(ds, o, dir, display, false);
            byFold.add(o.comparison());
        }
        Map<String, ClassificationReport> pooled = new LinkedHashMap<>();   // recur, then the baseline
        for (String model : byFold.getFirst().keySet()) pooled.put(model, ClassificationReport.pool(byFold.stream().map(c -> c.get(model)).toList()));
        String text = ClassificationReport.compare(pooled) + BootstrapInterval.describe(pooled, groupOf(ds));
        System.out.println("== " + folds + "-fold cross-validation by " + (data.group == null ? "file" : "group") + ": every track tested once, by the model that did not train on it");
        System.out.print(text);
        AtomicFiles.writeString(out.resolve("cv.txt"), text);
        List<String> models = List.copyOf(pooled.keySet());
        ReportFiles.write(pooled.get(models.get(0)), out, "cv_", models.get(0) + ", " + folds + "-fold cross-validation");
        ReportFiles.write(pooled.get(models.get(1)), out, "cv_baseline_", models.get(1) + ", " + folds + "-fold cross-validation");
        System.out.println("wrote " + out.resolve("cv.txt") + " and the pooled reports cv_*; one model folder per fold");
        return pooled;
    }

    /**
     * One training with {@code seed} (split and everything random) written to {@code dir}, which is {@code
     * --out} itself or its sub-folder {@code sub} (a sweep's seed or a fold); an ensemble's networks 2..N keep their
     * checkpoints in {@code member-<k>} below it. {@code split}: a fold's, or null to draw one from the seed.
     */
    private GenreTraining.Outcome trainOne(AudioDataset ds, AudioDataset baseDs, FeatureSettings fs, long seed, Path dir, String sub,
                                           String sha, Display display, TrackSplit split) throws Exception {
        ClassifierConfig config = config(seed);
        ModelInfo info = ModelInfo.of(ModelInfo.CLASSIFICATION).withLabels(ds.labels());
        IntFunction<Durability> durability = k -> {
            String member = k == 0 ? null : "member-" + (k + 1);
            String where = sub == null ? member : member == null ? sub : sub + "/" + member;
            try {
                return where == null ? run.durability(sha, info) : run.durability(sha, info, where);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        long t0 = System.nanoTime();
        int frames = fs.frames((int) Math.round(data.segmentSeconds * fs.sampleRate()));
        int hop = Math.max(1, (int) Math.round(frames * (1 - overlap)));
        GenreTraining.Outcome o;
        try {
            GenreTraining.Options options = new GenreTraining.Options(data.segmentSeconds, data.validation,
                    split == null ? data.test : 1.0 / folds, seed, config, hop).startingFrom(start).pretrainingOnMore(moreAudio).trainingAlsoOn(extra);
            o = split == null ? GenreTraining.run(ds, baseDs, fs, options, display.training(), durability)
                    : GenreTraining.run(ds, baseDs, fs, split, options, display.training(), durability);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        trainingSeconds = (System.nanoTime() - t0) / 1e9;
        GenreTraining.write(o, dir);
        long skipped = o.members().stream().mapToLong(ClassifierTrainer.Result::skipped).sum();
        if (skipped > 0) display.println("skipped " + skipped + " batches with a non-finite loss or gradient");
        return o;
    }

    private double trainingSeconds;

    /** What a run prints: the split, the training, both models' scores, their intervals and the verdict. */
    private void report(AudioDataset ds, GenreTraining.Outcome o, Path dir, Display display, boolean warn) {
        double seconds = trainingSeconds;
        double pretrainSeconds = o.members().stream().mapToDouble(r -> r.pretraining() == null ? 0 : r.pretraining().seconds()).sum();
        long seen = o.members().stream().mapToLong(ClassifierTrainer.Result::segmentsSeen).sum();
        System.out.printf(Locale.ROOT, "dataset   %d tracks in %d classes (%d skipped); split by %s: train %d, validation %d, test %d tracks%n",
                ds.tracks().size(), ds.labels().size(), ds.skipped().size(), data.group == null ? "file" : "group " + data.group,
                o.split().train().size(), o.split().validation().size(), o.split().test().size());
        if (extra != null) {
            System.out.printf(Locale.ROOT, "extra     trained on %d of the %d tracks of %s (the others are clips of test or validation groups)%n",
                    o.extraTracksTrained(), extra.data().tracks().size(), trainExtra);
        }
        String members = o.members().size() == 1 ? ""
                : " (" + o.members().size() + " networks, kept epochs " + o.members().stream().map(r -> String.valueOf(r.bestEpoch())).toList() + ")";
        ClassifierTrainer.Epoch best = o.training().history().get(o.training().bestEpoch() - 1);
        String kept = Double.isNaN(best.valLoss()) ? String.format(Locale.ROOT, "training loss %.3f", best.trainLoss())
                : String.format(Locale.ROOT, "validation loss %.3f", best.valLoss());
        MaskedPretraining.Result pre = o.training().pretraining();
        if (pre != null) {
            System.out.printf(Locale.ROOT, "pretrained %d epochs in %.1f s%s: masked-frame MSE %.4f -> %.4f (predicting the mean: %.4f), kept epoch %d%n",
                    pre.history().size(), pretrainSeconds,
                    o.members().size() == 1 ? "" : " (all networks; figures of the first)", pre.history().getFirst().loss(), pre.best().loss(),
                    pre.best().meanLoss(), pre.bestEpoch());
        }
        double supervised = seconds - pretrainSeconds;
        int ran = o.training().history().size(), averaged = o.averagedEpochs();
        String keptWhat = averaged == 0 ? String.format(Locale.ROOT, "kept epoch %d (%s)%s", o.training().bestEpoch(), kept, members)
                : String.format(Locale.ROOT, "kept the mean of the weights of epochs %d-%d%s", ran - averaged + 1, ran,
                        o.members().size() == 1 ? "" : " (each of " + o.members().size() + " networks)");
        System.out.printf(Locale.ROOT, "trained   %d epochs in %.1f s (%.0f training segments/s incl. validation), %s%n",
                o.members().stream().mapToInt(r -> r.history().size()).sum(), supervised, seen / supervised, keptWhat);
        System.out.print(ClassificationReport.compare(o.comparison()));
        System.out.print(o.intervals());
        String w = GenreTraining.baselineWarning(o.test(), o.baselineTest());
        if (w != null && warn) System.err.println(w);
        System.out.println("wrote " + dir);
    }

    /** A labelled folder read with the network's frames and the baseline's MFCCs (the same dataset when the frames are MFCCs). */
    private record Labelled(AudioDataset frames, AudioDataset mfcc) {}

    /** {@code dir} read as {@link Labelled}, its skipped files named. */
    private Labelled readLabelled(Path dir, FeatureSettings fs, Display display) throws IOException {
        AudioDataset d = AudioDataset.load(dir, fs, data.groupOf(), display.task(), data.featureCache());
        for (AudioDataset.Skipped s : d.skipped()) display.println("skipped " + s.reason());
        return new Labelled(d, fs.computesMfcc() ? d
                : AudioDataset.load(dir, GenreClassifier.baselineFeatures(fs), data.groupOf(), display.task(), data.featureCache()));
    }

    /** {@code --train-extra}'s tracks, read like the dataset, their labels checked against the dataset's. */
    private GenreTraining.Extra extraTracks(AudioDataset ds, FeatureSettings fs, Display display) throws IOException {
        Labelled x = readLabelled(trainExtra, fs, display);
        GenreTraining.Extra e = new GenreTraining.Extra(x.frames(), x.mfcc(), trainExtra.toString(), x.frames().sha256());
        e.requireLabels(ds.labels());
        display.println("training also on the " + x.frames().tracks().size() + " files of " + trainExtra + " whose groups are not tested");
        return e;
    }

    /** {@code --start-from}'s network, checked against this run's frames and network before any audio is read; null without it. */
    private GenreTraining.Start startingNetwork(FeatureSettings fs) throws IOException {
        if (startFrom == null) return null;
        GenreClassifier from = GenreClassifier.load(startFrom);
        if (!from.features().equals(fs)) {
            throw new ParameterException(spec.commandLine(), "--start-from " + startFrom + ": its frames are " + frames(from.features())
                    + ", this run's " + frames(fs) + " (give the same --frames, --mel-bands and --deltas)");
        }
        dev.recur.nn.Sequential probe = ClassifierNetwork.build(config(data.seed), fs.dims(), 2);
        try {
            StartingWeights.copyAllButOutput(StartingWeights.forMember(from.network(), 0), probe);
        } catch (IllegalArgumentException e) {
            throw new ParameterException(spec.commandLine(), "--start-from " + startFrom + ": " + e.getMessage());
        }
        return new GenreTraining.Start(from.network(), startFrom.toString(), Sha256.file(startFrom.resolve(ModelStore.WEIGHTS_FILE)));
    }

    private static String frames(FeatureSettings f) {
        return (FeatureSettings.LOGMEL.equals(f.kind()) ? f.melBands() + " log-mel bands" : f.coefficients() + " MFCCs")
                + (f.deltas() ? " with deltas" : "") + " at " + f.sampleRate() + " Hz, hop " + f.hopSize();
    }

    /** The frames the network reads: MFCCs or log-mel energies, with or without deltas. */
    FeatureSettings features() {
        return switch (featureKind.toLowerCase(Locale.ROOT)) {
            case FeatureSettings.MFCC -> FeatureSettings.defaults().withDeltas(deltas);
            case FeatureSettings.LOGMEL -> FeatureSettings.logMel(melBands).withDeltas(deltas);
            default -> throw new ParameterException(spec.commandLine(), "--frames must be mfcc or logmel, got " + featureKind);
        };
    }
}
