package dev.recur.app.genre;

import dev.recur.data.AudioDataset;
import dev.recur.data.Segments;
import dev.recur.data.Track;
import dev.recur.data.TrackSplit;
import dev.recur.audio.FeatureSettings;
import dev.recur.files.AtomicFiles;
import dev.recur.io.Normalization;
import dev.recur.plot.LossPlot;
import dev.recur.train.Durability;
import dev.recur.train.Fit;
import dev.recur.eval.Standardizer;
import dev.recur.eval.BootstrapInterval;
import dev.recur.eval.ClassificationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The whole {@code train-classifier} job on a loaded dataset: split by track (or group), MFCC standardisation
 * with training statistics, the mean+std baseline and the recurrent classifier on the same split, and both
 * judged on the held-out test tracks.
 */
public final class GenreTraining {
    private GenreTraining() {}

    /**
     * @param segmentHop frames between the starts of the test segments each track's vote averages (and of the
     *                   segments {@code classify} cuts); 0: consecutive segments, as in training's validation
     * @param start      the trained classifier every network starts from ({@code --start-from}), or null
     * @param moreAudio  audio beyond the training tracks for the masked pretraining ({@code --pretrain-data}), or null
     * @param extra      labelled tracks that are only trained on ({@code --train-extra}), or null
     */
    public record Options(double segmentSeconds, double validation, double test, long splitSeed, ClassifierConfig config, int segmentHop,
                          Start start, MoreAudio moreAudio, Extra extra) {
        public Options(double segmentSeconds, double validation, double test, long splitSeed, ClassifierConfig config, int segmentHop) {
            this(segmentSeconds, validation, test, splitSeed, config, segmentHop, null, null, null);
        }

        public Options(double segmentSeconds, double validation, double test, long splitSeed, ClassifierConfig config) {
            this(segmentSeconds, validation, test, splitSeed, config, 0);
        }

        public Options startingFrom(Start s) { return new Options(segmentSeconds, validation, test, splitSeed, config, segmentHop, s, moreAudio, extra); }

        public Options pretrainingOnMore(MoreAudio m) { return new Options(segmentSeconds, validation, test, splitSeed, config, segmentHop, start, m, extra); }

        public Options trainingAlsoOn(Extra e) { return new Options(segmentSeconds, validation, test, splitSeed, config, segmentHop, start, moreAudio, e); }
    }

    /**
     * Labelled tracks beyond the dataset that both models are trained on and never tested on (more clips of the
     * same classes, another collection): those whose group is on the split's test or validation side are left
     * out, so no test track is heard in training through its other clips. {@code baselineData}: the same files
     * with the baseline's MFCCs ({@code data} itself when the model reads MFCCs); {@code sha256}: of the folder.
     */
    public record Extra(AudioDataset data, AudioDataset baselineData, String folder, String sha256) {
        public Extra {
            if (data.tracks().size() != baselineData.tracks().size()) {
                throw new IllegalArgumentException("the extra baseline data holds " + baselineData.tracks().size() + " tracks, the model's " + data.tracks().size());
            }
        }

        /** Refuses extra audio with a label the dataset does not have (one line naming the folder and the label). */
        public void requireLabels(List<String> labels) {
            for (String label : data.labels()) {
                if (!labels.contains(label)) {
                    throw new IllegalArgumentException(folder + ": label '" + label + "' is not one of the dataset's (" + String.join(", ", labels) + ")");
                }
            }
        }

        /** The tracks trained on beside {@code split}'s training side: all but those of a tested or validated group. */
        public List<Track> kept(TrackSplit split) {
            java.util.Set<String> heldOut = new java.util.HashSet<>();
            for (Track t : split.test()) heldOut.add(t.group());
            for (Track t : split.validation()) heldOut.add(t.group());
            return data.tracks().stream().filter(t -> !heldOut.contains(t.group())).toList();
        }

        Map<String, Object> provenance(int kept) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("folder", folder);
            m.put("files", data.tracks().size());
            m.put("trainedOn", kept);
            m.put("sha256", sha256);
            return m;
        }
    }

    /**
     * A trained classifier's network that each network of the run starts from ({@link StartingWeights}: all but
     * the output layer; an ensemble's member by member), with where it came from for model.json.
     */
    public record Start(dev.recur.nn.Sequential network, String model, String sha256) {
        Map<String, Object> provenance() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("model", model);
            m.put("weightsSha256", sha256);
            return m;
        }
    }

    /**
     * Raw frames of more files (their labels unused) that the masked pretraining reads besides the training
     * tracks; standardised with the training tracks' statistics like them. {@code sha256}: of the folder.
     */
    public record MoreAudio(List<float[][]> frames, String folder, String sha256) {
        Map<String, Object> provenance() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("folder", folder);
            m.put("files", frames.size());
            m.put("sha256", sha256);
            return m;
        }
    }

    /**
     * @param training the first (or only) network's training; {@code members} holds every ensemble member's
     */
    public record Outcome(GenreClassifier classifier, TrackSplit split, ClassifierTrainer.Result training,
                          ClassificationReport test, ClassificationReport baselineTest, double baselineL2,
                          List<ClassifierTrainer.Result> members) {

        /** The group of every test track: the unit the bootstrap intervals resample. */
        public java.util.function.Function<String, String> clusterOf() {
            Map<String, String> g = new java.util.HashMap<>();
            for (Track t : split.test()) g.put(t.id(), t.group());
            return id -> g.getOrDefault(id, id);
        }

        /** The last epochs whose weights each network's kept weights are the mean of (0: one epoch's), as model.json records it. */
        public int averagedEpochs() {
            return classifier.metadata().get("config") instanceof Map<?, ?> m && m.get("averageEpochs") instanceof Number n ? n.intValue() : 0;
        }

        /** How many extra tracks ({@link Extra}) were trained on beside the split's training side, as model.json records it. */
        public int extraTracksTrained() {
            return classifier.metadata().get("trainExtra") instanceof Map<?, ?> m && m.get("trainedOn") instanceof Number n ? n.intValue() : 0;
        }

        /** The accuracy table's 95 % intervals and the verdict of recur against the baseline. */
        public String intervals() { return BootstrapInterval.describe(comparison(), clusterOf()); }

        /** Model name → test report, for side-by-side tables. */
        public Map<String, ClassificationReport> comparison() {
            Map<String, ClassificationReport> m = new LinkedHashMap<>();
            m.put("recur " + describe(classifier), test);
            m.put("mean+std baseline", baselineTest);
            return m;
        }
    }

    /** {@code conv2x64 bi-gru 1x64 attention-pool x3}: the network in a few words. */
    static String describe(GenreClassifier c) {
        Object cfg = c.metadata().get("config");
        if (!(cfg instanceof Map<?, ?> m)) return "rnn";
        Object conv = m.get("convLayers"), ens = m.get("ensemble");
        String front = conv instanceof Number n && n.intValue() > 0 ? "conv" + n + "x" + m.get("convChannels") + " " : "";
        String members = ens instanceof Number e && e.intValue() > 1 ? " x" + e : "";
        return String.format(Locale.ROOT, "%s%s%s %sx%s %s-pool%s", front, Boolean.TRUE.equals(m.get("bidirectional")) ? "bi-" : "",
                m.get("cell"), m.get("layers"), m.get("units"), m.get("pooling"), members);
    }

    public static Outcome run(AudioDataset ds, FeatureSettings features, Options o, Fit.Listener listener) {
        try {
            return run(ds, ds, features, o, listener, k -> Durability.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // unreachable: no checkpoints are written without a sink
        }
    }

    /** As above, with checkpoints and resumption of the recurrent model's training ({@link ClassifierTrainer}). */
    public static Outcome run(AudioDataset ds, FeatureSettings features, Options o, Fit.Listener listener,
                              Durability durability) throws IOException {
        return run(ds, ds, features, o, listener, k -> durability);
    }

    /**
     * The whole job. {@code baselineData} holds the same files as {@code ds} with the MFCCs the baseline reads
     * ({@link GenreClassifier#baselineFeatures}); it is {@code ds} itself when the model's features are MFCCs.
     * With {@code config.ensemble() = E > 1}, E networks are trained one after another with seeds seed, seed+1,
     * …, seed+E−1 on the same split, each with {@code durability.apply(k)}, and stored as one {@link dev.recur.nn.Ensemble}.
     */
    public static Outcome run(AudioDataset ds, AudioDataset baselineData, FeatureSettings features, Options o,
                              Fit.Listener listener, java.util.function.IntFunction<Durability> durability) throws IOException {
        return run(ds, baselineData, features, TrackSplit.of(ds.tracks(), o.validation(), o.test(), o.splitSeed()), o, listener, durability);
    }

    /**
     * The whole job on a given split (a fold of {@link TrackSplit#folds}); {@code o}'s validation and test
     * fractions are not used.
     */
    public static Outcome run(AudioDataset ds, AudioDataset baselineData, FeatureSettings features, TrackSplit split, Options o,
                              Fit.Listener listener, java.util.function.IntFunction<Durability> durability) throws IOException {
        int frames = features.frames((int) Math.round(o.segmentSeconds() * features.sampleRate()));
        int hop = o.segmentHop() == 0 ? frames : o.segmentHop();
        List<String> labels = ds.labels();

        // baseline on raw MFCCs without deltas: the obvious 2 × 13 numbers (it standardises them itself)
        FeatureSettings baseFeatures = GenreClassifier.baselineFeatures(features);
        if (baselineData != ds && baselineData.tracks().size() != ds.tracks().size()) {
            throw new IllegalArgumentException("the baseline's data holds " + baselineData.tracks().size() + " tracks, the model's " + ds.tracks().size());
        }
        if (baselineData == ds && !features.computesMfcc()) throw new IllegalArgumentException("log-mel features: the baseline needs the MFCCs of the same files");
        Map<String, Track> baseTracks = byId(baselineData);
        if (o.extra() != null) o.extra().requireLabels(labels);
        List<Track> extra = o.extra() == null ? List.of() : o.extra().kept(split);
        List<Track> train = new ArrayList<>(split.train());
        train.addAll(extra);
        List<Track> trainBaseTracks = same(split.train(), baseTracks);
        if (o.extra() != null) trainBaseTracks.addAll(same(extra, byId(o.extra().baselineData())));
        Segments trainBase = Segments.cut(trainBaseTracks, labels, frames);
        Segments valBase = Segments.cut(same(split.validation(), baseTracks), labels, frames);
        Segments testBase = Segments.cut(same(split.test(), baseTracks), labels, frames, hop);
        BaselineFit.Result base = BaselineFit.fit(trainBase, valBase, labels, baseFeatures.coefficients());
        ClassificationReport baselineTest = ClassificationReport.of(labels, testBase.labels(),
                base.model().predictProba(testBase.segments()), testBase.trackIds());

        Normalization norm = normalization(train);
        GenreClassifier proto = new GenreClassifier(ClassifierNetwork.build(o.config(), features.dims(), labels.size()),
                labels, features, o.segmentSeconds(), norm, base.model(), Map.of(), hop);
        List<float[][]> trainTracks = new ArrayList<>();
        int[] trainLabels = new int[train.size()];
        for (int i = 0; i < train.size(); i++) {
            Track t = train.get(i);
            trainTracks.add(proto.normalize(t.frames()));
            trainLabels[i] = ds.labelIndex(t.label());
        }
        Segments val = normalized(proto, Segments.cut(split.validation(), labels, frames));
        List<float[][]> more = new ArrayList<>();
        if (o.moreAudio() != null) for (float[][] f : o.moreAudio().frames()) more.add(proto.normalize(f));
        List<ClassifierTrainer.Result> members = new ArrayList<>();
        for (int k = 0; k < o.config().ensemble(); k++) {
            members.add(ClassifierTrainer.train(o.config().withSeed(o.config().seed() + k), trainTracks, trainLabels, val,
                    labels.size(), frames, listener, durability.apply(k), o.start() == null ? null : StartingWeights.forMember(o.start().network(), k), more));
        }
        dev.recur.nn.Sequential network = members.size() == 1 ? members.getFirst().model()
                : dev.recur.nn.Sequential.builder().add("ensemble", new dev.recur.nn.Ensemble(
                        members.stream().map(ClassifierTrainer.Result::model).toList())).build();

        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("config", o.config().toMap());
        Map<String, Object> splitMeta = new LinkedHashMap<>();   // ordered: model.json's bytes do not depend on the JVM run
        splitMeta.put("validation", o.validation());
        splitMeta.put("test", o.test());
        splitMeta.put("seed", o.splitSeed());
        splitMeta.put("trainTracks", split.train().size());
        splitMeta.put("validationTracks", split.validation().size());
        splitMeta.put("testTracks", split.test().size());
        meta.put("split", splitMeta);
        meta.put("bestEpoch", members.getFirst().bestEpoch());
        if (members.size() > 1) meta.put("memberBestEpochs", members.stream().map(ClassifierTrainer.Result::bestEpoch).toList());
        meta.put("baselineL2", base.l2());
        if (o.start() != null) meta.put("startFrom", o.start().provenance());
        if (o.moreAudio() != null) meta.put("pretrainData", o.moreAudio().provenance());
        if (o.extra() != null) meta.put("trainExtra", o.extra().provenance(extra.size()));
        GenreClassifier classifier = new GenreClassifier(network, labels, features, o.segmentSeconds(), norm, base.model(), meta, hop);
        Segments testRaw = Segments.cut(split.test(), labels, frames, hop);
        ClassificationReport test = ClassificationReport.of(labels, testRaw.labels(),
                classifier.segmentProbabilities(testRaw.segments()), testRaw.trackIds());
        return new Outcome(classifier, split, members.getFirst(), test, baselineTest, base.l2(), List.copyOf(members));
    }

    /** The dataset's tracks by id. */
    private static Map<String, Track> byId(AudioDataset data) {
        Map<String, Track> m = new java.util.HashMap<>();
        for (Track t : data.tracks()) m.put(t.id(), t);
        return m;
    }

    /** The baseline's version of each track (same id). */
    private static List<Track> same(List<Track> tracks, Map<String, Track> byId) {
        List<Track> out = new ArrayList<>(tracks.size());
        for (Track t : tracks) {
            Track b = byId.get(t.id());
            if (b == null) throw new IllegalArgumentException(t.id() + ": not in the baseline's data");
            out.add(b);
        }
        return out;
    }

    /** Per-coefficient mean and standard deviation over every frame of the training tracks. */
    static Normalization normalization(List<Track> train) {
        List<float[]> rows = new ArrayList<>();
        for (Track t : train) for (float[] f : t.frames()) rows.add(f);
        Standardizer s = Standardizer.fit(rows.toArray(float[][]::new));
        return new Normalization(s.mean(), s.std());
    }

    static Segments normalized(GenreClassifier c, Segments raw) {
        List<float[][]> out = new ArrayList<>(raw.size());
        for (float[][] s : raw.segments()) out.add(c.normalize(s));
        return new Segments(out, raw.labels(), raw.trackIds());
    }

    /** model.safetensors + model.json, metrics.csv, loss.png, split.csv, test reports of both models, comparison.csv, test_intervals.txt. */
    public static void write(Outcome o, Path dir) throws IOException {
        o.classifier().save(dir);
        AtomicFiles.writeString(dir.resolve("metrics.csv"), metricsCsv(o.training().history()));
        List<ClassifierTrainer.Epoch> h = o.training().history();
        Map<String, double[]> curves = new LinkedHashMap<>();
        curves.put("train loss", h.stream().mapToDouble(ClassifierTrainer.Epoch::trainLoss).toArray());
        curves.put("validation loss", h.stream().mapToDouble(ClassifierTrainer.Epoch::valLoss).toArray());
        int averaged = o.averagedEpochs();
        String kept = averaged == 0 ? "best epoch " + o.training().bestEpoch() : "weights: mean of epochs " + (h.size() - averaged + 1) + "-" + h.size();
        LossPlot.writePng(dir.resolve("loss.png"), "cross-entropy (" + kept + ")", "loss", curves);
        o.split().writeCsv(dir.resolve("split.csv"));
        ReportFiles.write(o.test(), dir, "test_", "recur " + describe(o.classifier()) + ", test");
        ReportFiles.write(o.baselineTest(), dir, "baseline_test_", "mean+std baseline, test");
        AtomicFiles.writeString(dir.resolve("comparison.csv"), ClassificationReport.compareCsv(o.comparison()));
        AtomicFiles.writeString(dir.resolve("test_intervals.txt"), o.intervals());
    }

    /** {@code epoch,train_loss,train_accuracy,val_loss,val_accuracy}; no timings, so a seed reproduces it exactly. */
    public static String metricsCsv(List<ClassifierTrainer.Epoch> history) {
        StringBuilder sb = new StringBuilder("epoch,train_loss,train_accuracy,val_loss,val_accuracy\n");
        for (ClassifierTrainer.Epoch e : history) {
            sb.append(String.format(Locale.ROOT, "%d,%.6f,%.6f,%.6f,%.6f%n", e.epoch(), e.trainLoss(), e.trainAccuracy(), e.valLoss(), e.valAccuracy()));
        }
        return sb.toString();
    }

    /** One warning line when the baseline beats the recurrent model on held-out tracks, else null. */
    public static String baselineWarning(ClassificationReport model, ClassificationReport baseline) {
        boolean segWorse = model.segmentAccuracy() < baseline.segmentAccuracy();
        boolean trackWorse = model.trackAccuracy() < baseline.trackAccuracy();
        if (!segWorse && !trackWorse) return null;
        return String.format(Locale.ROOT, "warning: the mean+std baseline beats this model on the test tracks "
                + "(segments %.1f%% vs %.1f%%, tracks %.1f%% vs %.1f%%); try more data, --epochs, or the baseline itself",
                100 * baseline.segmentAccuracy(), 100 * model.segmentAccuracy(), 100 * baseline.trackAccuracy(), 100 * model.trackAccuracy());
    }
}
