package dev.recur.app.genre;

import dev.recur.data.Segments;
import dev.recur.nn.Sequential;
import dev.recur.train.Adam;
import dev.recur.train.Durability;
import dev.recur.train.Fit;
import dev.recur.train.Mixup;
import dev.recur.eval.ClassificationReport;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.function.UnaryOperator;

/**
 * The classifier's part of a {@link Fit} run: random crops of the training tracks (a new crop position for
 * every track each epoch: many more distinct segments than fixed cutting gives), optionally masked, in
 * shuffled batches, optionally mixed ({@link Mixup}, soft targets); each batch runs through {@link ParallelStep}; after each epoch the validation segments
 * are scored. AdamW; early stopping on the validation loss (the training loss without validation tracks).
 * With {@code pretrainEpochs > 0} the encoder is first pretrained on the same kind of crops without labels
 * ({@link MaskedPretraining}; of more files too, when given) and the supervised training starts from it; a resumed
 * supervised phase does not pretrain again (its checkpoint holds the weights). A network may also start from
 * another classifier's weights ({@link StartingWeights}).
 *
 * <p>The chunking depends only on the batch and every random draw on the seed, so the same seed gives the
 * same training on any machine and core count.
 */
public final class ClassifierTrainer {
    private ClassifierTrainer() {}

    /** Scores after one epoch; validation values are NaN when there is no validation set. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy) implements Fit.EpochRecord {
        @Override public double monitored() { return Double.isNaN(valLoss) && Double.isNaN(valAccuracy) ? trainLoss : valLoss; }

        @Override public double[] toRow() { return new double[] {epoch, trainLoss, trainAccuracy, valLoss, valAccuracy}; }

        @Override public String summary() {
            String train = String.format(Locale.ROOT, "loss %.3f acc %.1f%%", trainLoss, 100 * trainAccuracy);
            return Double.isNaN(valAccuracy) ? train : train + String.format(Locale.ROOT, " | val %.3f %.1f%%", valLoss, 100 * valAccuracy);
        }

        static Epoch of(double[] r) { return new Epoch((int) r[0], r[1], r[2], r[3], r[4]); }
    }

    /**
     * The trained model (best epoch's weights), per-epoch scores, and how many training segments were processed;
     * {@code pretraining}: the masked-frame pretraining that ran first, or null (none asked for, or a resumed
     * supervised phase, whose checkpoint holds the pretrained encoder's descendants).
     */
    public record Result(Sequential model, List<Epoch> history, int bestEpoch, long segmentsSeen, long skipped,
                         MaskedPretraining.Result pretraining) {}

    /**
     * @param tracks     normalised MFCC matrices of the training tracks
     * @param labels     class index of each training track
     * @param validation normalised validation segments (may be empty)
     */
    public static Result train(ClassifierConfig c, List<float[][]> tracks, int[] labels, Segments validation,
                               int classes, int segmentFrames, Fit.Listener listener) {
        try {
            return train(c, tracks, labels, validation, classes, segmentFrames, listener, Durability.NONE);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);   // unreachable: no checkpoints are written without a sink
        }
    }

    /** As above, with checkpoints, resumption and a policy for non-finite losses ({@link Fit}). */
    public static Result train(ClassifierConfig c, List<float[][]> tracks, int[] labels, Segments validation,
                               int classes, int segmentFrames, Fit.Listener listener, Durability d) throws IOException {
        return train(c, tracks, labels, validation, classes, segmentFrames, listener, d, null, List.of());
    }

    /**
     * As above, starting from {@code start}'s weights for every layer but the output layer
     * ({@link StartingWeights}) when it is not null (a resumed run takes its weights from the checkpoint), and
     * pretraining (when the configuration asks for it) on {@code moreAudio}, normalised frames of other files, as
     * well as on the training tracks.
     */
    public static Result train(ClassifierConfig c, List<float[][]> tracks, int[] labels, Segments validation,
                               int classes, int segmentFrames, Fit.Listener listener, Durability d, Sequential start,
                               List<float[][]> moreAudio) throws IOException {
        int dims = tracks.getFirst()[0].length;
        Sequential model = ClassifierNetwork.build(c, dims, classes);
        if (start != null) StartingWeights.copyAllButOutput(start, model);
        MaskedPretraining.Result pre = null;
        if (c.pretrainEpochs() > 0 && d.resumeFrom() == null) {
            List<float[][]> all = tracks;
            if (!moreAudio.isEmpty()) {
                all = new ArrayList<>(tracks);
                all.addAll(moreAudio);
            }
            pre = MaskedPretraining.run(c, model, all, segmentFrames, listener, d.skipNonFinite());
        }
        return supervised(c, model, tracks, labels, validation, classes, segmentFrames, listener, d, pre);
    }

    /**
     * The supervised phase on {@code model} as it is (freshly built, or with a pretrained encoder): pooling
     * and dense layers keep their initial weights from {@link ClassifierNetwork#build}.
     */
    static Result supervised(ClassifierConfig c, Sequential model, List<float[][]> tracks, int[] labels, Segments validation,
                             int classes, int segmentFrames, Fit.Listener listener, Durability d,
                             MaskedPretraining.Result pre) throws IOException {
        Adam adam = Adam.adamW(model.params(), c.lr(), 0.9, 0.999, 1e-8, c.weightDecay());
        Job job = new Job(c, tracks, labels, validation, classes, segmentFrames, new ParallelStep(model, c.batch()), model, new long[2]);
        Fit.Result<Epoch> r = Fit.run(model, model.params(), adam, c.fitSettings(), job, listener, d);
        return new Result(model, r.history(), r.bestEpoch(), r.counted(), r.skipped(), pre);
    }

    /** A batch: crops, their labels, and (with mixup) the mixed crops' soft targets, else null. */
    record Batch(List<float[][]> xs, int[] ys, float[][] soft) {}

    /** {@code tally}: right answers and rows of the updates applied this epoch (for the training accuracy). */
    private record Job(ClassifierConfig c, List<float[][]> tracks, int[] labels, Segments validation, int classes, int segmentFrames,
                       ParallelStep step, Sequential model, long[] tally) implements Fit.Job<Batch, Epoch> {

        @Override public List<Batch> batches(int epoch, Random random) {
            tally[0] = 0;
            tally[1] = 0;
            UnaryOperator<float[][]> then = crop -> c.masking() ? mask(crop, random) : crop;
            List<Crop> crops = crops(c, tracks, segmentFrames, random, then);
            if (c.balanceClasses()) crops.addAll(balancingCrops(crops, labels, classes, tracks, segmentFrames, random, then));
            Integer[] order = shuffled(crops.size(), random);
            List<Batch> out = new ArrayList<>();
            for (int from = 0; from < order.length; from += c.batch()) {
                int to = Math.min(order.length, from + c.batch());
                List<float[][]> xs = new ArrayList<>(to - from);
                int[] ys = new int[to - from];
                for (int i = from; i < to; i++) {
                    Crop crop = crops.get(order[i]);
                    xs.add(crop.x());
                    ys[i - from] = labels[crop.track()];
                }
                float[][] soft = null;
                if (c.mixup() > 0) {
                    Mixup.Batch m = Mixup.mix(xs, ys, classes, c.mixup(), random);
                    xs = m.xs();
                    soft = m.targets();
                }
                out.add(new Batch(xs, ys, soft));
            }
            return out;
        }

        @Override public void step(Batch b, Fit.Update update, Random random) {
            ParallelStep.Outcome o = step.run(b.xs(), b.ys(), b.soft(), random.nextLong());
            if (update.apply(o.lossSum(), b.ys().length)) {
                tally[0] += o.right();
                tally[1] += b.ys().length;
            }
        }

        @Override public Epoch score(int epoch, double trainLoss) {
            double valLoss = Double.NaN, valAcc = Double.NaN;
            if (validation.size() > 0) {
                ClassificationReport r = ClassificationReport.of(classNames(classes), validation.labels(),
                        Batches.probabilities(model, validation.segments()), validation.trackIds());
                valLoss = r.logLoss();
                valAcc = r.segmentAccuracy();
            }
            return new Epoch(epoch, trainLoss, tally[1] == 0 ? Double.NaN : (double) tally[0] / tally[1], valLoss, valAcc);
        }

        @Override public Epoch fromRow(double[] row) { return Epoch.of(row); }
    }

    /** A training crop and the index of the track it was cut from. */
    record Crop(float[][] x, int track) {}

    /**
     * An epoch's random crops, track by track: {@code c.cropsPerTrack()} per segment the track holds (at least
     * one), each at a random offset and passed through {@code then} (which may draw from {@code random} too)
     * before the next offset is drawn. Supervised training and {@link MaskedPretraining} cut alike.
     */
    static List<Crop> crops(ClassifierConfig c, List<float[][]> tracks, int segmentFrames, Random random, UnaryOperator<float[][]> then) {
        List<Crop> crops = new ArrayList<>();
        for (int i = 0; i < tracks.size(); i++) {
            float[][] t = tracks.get(i);
            int n = c.cropsPerTrack() * Math.max(1, t.length / segmentFrames);
            for (int k = 0; k < n; k++) crops.add(randomCrop(tracks, i, segmentFrames, random, then));
        }
        return crops;
    }

    /** One crop of track {@code i} at a random offset (the whole track when it is shorter), passed through {@code then}. */
    private static Crop randomCrop(List<float[][]> tracks, int i, int segmentFrames, Random random, UnaryOperator<float[][]> then) {
        float[][] t = tracks.get(i);
        int off = t.length <= segmentFrames ? 0 : random.nextInt(t.length - segmentFrames + 1);
        return new Crop(then.apply(Arrays.copyOfRange(t, off, Math.min(t.length, off + segmentFrames))), i);
    }

    /**
     * The crops that bring every class up to the crop count of the class with the most: for each class short of
     * it, that many more, each from a track of the class drawn at random, at a random offset, passed through
     * {@code then}. Classes without tracks get none.
     */
    static List<Crop> balancingCrops(List<Crop> crops, int[] labels, int classes, List<float[][]> tracks, int segmentFrames,
                                     Random random, UnaryOperator<float[][]> then) {
        int[] count = new int[classes];
        for (Crop crop : crops) count[labels[crop.track()]]++;
        int most = Arrays.stream(count).max().orElse(0);
        List<List<Integer>> tracksOf = new ArrayList<>();
        for (int k = 0; k < classes; k++) tracksOf.add(new ArrayList<>());
        for (int i = 0; i < tracks.size(); i++) tracksOf.get(labels[i]).add(i);
        List<Crop> more = new ArrayList<>();
        for (int k = 0; k < classes; k++) {
            List<Integer> of = tracksOf.get(k);
            for (int n = count[k]; n < most && !of.isEmpty(); n++) {
                more.add(randomCrop(tracks, of.get(random.nextInt(of.size())), segmentFrames, random, then));
            }
        }
        return more;
    }

    /** 0..n-1 in a random order. */
    static Integer[] shuffled(int n, Random random) {
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) order[i] = i;
        Collections.shuffle(Arrays.asList(order), random);
        return order;
    }

    private static List<String> classNames(int classes) {
        List<String> s = new ArrayList<>(classes);
        for (int i = 0; i < classes; i++) s.add(String.valueOf(i));
        return s;
    }

    /**
     * A copy of the crop with one time span (up to 15 % of it) and one band of up to max(3, dims / 8) values
     * (3 of 26 MFCCs with deltas, 8 of 64 log-mel bands) set to 0, the training mean.
     */
    static float[][] mask(float[][] crop, Random random) {
        int t = crop.length, d = crop[0].length;
        float[][] out = new float[t][];
        for (int i = 0; i < t; i++) out[i] = crop[i].clone();
        int w = random.nextInt(Math.max(1, (int) (0.15 * t)) + 1), t0 = random.nextInt(t - Math.min(w, t) + 1);
        for (int i = t0; i < Math.min(t, t0 + w); i++) Arrays.fill(out[i], 0f);
        int f = random.nextInt(Math.max(3, d / 8) + 1), f0 = random.nextInt(d - Math.min(f, d) + 1);
        for (float[] row : out) for (int j = f0; j < Math.min(d, f0 + f); j++) row[j] = 0f;
        return out;
    }
}
