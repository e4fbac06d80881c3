package dev.recur.app.genre;

import dev.recur.nn.Param;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.eval.ClassificationReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Trains the classifier network on random crops of the training tracks (a new crop position for every track
 * each epoch: many more distinct segments than fixed cutting gives), with AdamW, gradient-norm clipping, and
 * early stopping on the validation loss (the best epoch's weights are kept).
 *
 * <p>Each step runs in parallel chunks ({@link ParallelStep}); the chunking depends only on the batch and every
 * random draw on the seed, so the same seed gives the same training on any machine and core count.
 */
public final class ClassifierTrainer {
    private ClassifierTrainer() {}

    /** Scores after one epoch; validation values are NaN when there is no validation set. */
    public record Epoch(int epoch, double trainLoss, double trainAccuracy, double valLoss, double valAccuracy) {}

    /** Progress callbacks (the CLI draws a progress bar from them). */
    public interface Listener {
        default void epochStarted(int epoch, int batches) {}
        default void batchDone(double runningLoss, double runningAccuracy) {}
        default void epochDone(Epoch e, boolean best) {}
    }

    /** The trained model (best epoch's weights), per-epoch scores, and how many training segments were processed. */
    public record Result(Sequential model, List<Epoch> history, int bestEpoch, long segmentsSeen) {}

    /**
     * @param tracks     normalised MFCC matrices of the training tracks
     * @param labels     class index of each training track
     * @param validation normalised validation segments (may be empty)
     */
    public static Result train(ClassifierConfig c, List<float[][]> tracks, int[] labels, Segments validation,
                               int classes, int segmentFrames, Listener listener) {
        int dims = tracks.getFirst()[0].length;
        Sequential model = ClassifierNetwork.build(c, dims, classes);
        List<Param> params = model.params();
        Adam adam = Adam.adamW(params, c.lr(), 0.9, 0.999, 1e-8, c.weightDecay());
        ParallelStep step = new ParallelStep(model, adam, c.batch(), c.clip());
        Random random = new Random(c.seed() ^ 0x5DEECE66DL);

        List<Epoch> history = new ArrayList<>();
        float[][] best = snapshot(params);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, sinceBest = 0;
        long segmentsSeen = 0;
        for (int epoch = 1; epoch <= c.epochs(); epoch++) {
            List<float[][]> crops = new ArrayList<>();
            List<Integer> cropLabels = new ArrayList<>();
            for (int i = 0; i < tracks.size(); i++) {
                float[][] t = tracks.get(i);
                int n = c.cropsPerTrack() * Math.max(1, t.length / segmentFrames);
                for (int k = 0; k < n; k++) {
                    int off = t.length <= segmentFrames ? 0 : random.nextInt(t.length - segmentFrames + 1);
                    float[][] crop = Arrays.copyOfRange(t, off, Math.min(t.length, off + segmentFrames));
                    crops.add(c.masking() ? mask(crop, random) : crop);
                    cropLabels.add(labels[i]);
                }
            }
            Integer[] order = new Integer[crops.size()];
            for (int i = 0; i < order.length; i++) order[i] = i;
            Collections.shuffle(Arrays.asList(order), random);
            int batches = (order.length + c.batch() - 1) / c.batch();
            listener.epochStarted(epoch, batches);
            double lossSum = 0;
            long right = 0, seen = 0;
            for (int bi = 0; bi < batches; bi++) {
                int from = bi * c.batch(), to = Math.min(order.length, from + c.batch()), rows = to - from;
                List<float[][]> xs = new ArrayList<>(rows);
                int[] ys = new int[rows];
                for (int i = from; i < to; i++) {
                    xs.add(crops.get(order[i]));
                    ys[i - from] = cropLabels.get(order[i]);
                }
                ParallelStep.Outcome so = step.run(xs, ys, random.nextLong());
                lossSum += so.lossSum();
                right += so.right();
                seen += rows;
                segmentsSeen += rows;
                listener.batchDone(lossSum / seen, (double) right / seen);
            }
            double valLoss = Double.NaN, valAcc = Double.NaN;
            if (validation.size() > 0) {
                ClassificationReport r = ClassificationReport.of(List.of(classNames(classes)), validation.labels(),
                        Batches.probabilities(model, validation.segments()), validation.trackIds());
                valLoss = r.logLoss();
                valAcc = r.segmentAccuracy();
            }
            Epoch e = new Epoch(epoch, lossSum / seen, (double) right / seen, valLoss, valAcc);
            history.add(e);
            double monitored = validation.size() > 0 ? valLoss : e.trainLoss();
            boolean improved = monitored < bestLoss;
            if (improved) {
                bestLoss = monitored;
                bestEpoch = epoch;
                best = snapshot(params);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            listener.epochDone(e, improved);
            if (c.patience() > 0 && sinceBest >= c.patience()) break;
        }
        restore(params, best);
        return new Result(model, history, bestEpoch, segmentsSeen);
    }

    private static String[] classNames(int classes) {
        String[] s = new String[classes];
        for (int i = 0; i < classes; i++) s[i] = String.valueOf(i);
        return s;
    }

    /** A copy of the crop with one time span (up to 15 % of it) and one band of up to 3 coefficients zeroed. */
    static float[][] mask(float[][] crop, Random random) {
        int t = crop.length, d = crop[0].length;
        float[][] out = new float[t][];
        for (int i = 0; i < t; i++) out[i] = crop[i].clone();
        int w = random.nextInt(Math.max(1, (int) (0.15 * t)) + 1), t0 = random.nextInt(t - Math.min(w, t) + 1);
        for (int i = t0; i < Math.min(t, t0 + w); i++) Arrays.fill(out[i], 0f);
        int f = random.nextInt(4), f0 = random.nextInt(d - Math.min(f, d) + 1);
        for (float[] row : out) for (int j = f0; j < Math.min(d, f0 + f); j++) row[j] = 0f;
        return out;
    }

    private static float[][] snapshot(List<Param> params) {
        float[][] s = new float[params.size()][];
        for (int i = 0; i < s.length; i++) s[i] = params.get(i).value().data().clone();
        return s;
    }

    private static void restore(List<Param> params, float[][] s) {
        for (int i = 0; i < s.length; i++) {
            Tensor v = params.get(i).value();
            System.arraycopy(s[i], 0, v.data(), 0, s[i].length);
        }
    }
}
