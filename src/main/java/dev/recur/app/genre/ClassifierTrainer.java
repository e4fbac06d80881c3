package dev.recur.app.genre;

import dev.recur.train.ParamSnapshot;
import dev.recur.nn.Param;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.Durability;
import dev.recur.train.Mixup;
import dev.recur.train.NonFiniteLossException;
import dev.recur.train.Seeds;
import dev.recur.train.TrainingState;
import dev.recur.train.eval.ClassificationReport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
        try {
            return train(c, tracks, labels, validation, classes, segmentFrames, listener, Durability.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // unreachable: no checkpoints are written without a sink
        }
    }

    private static final String BEST_LOSS = "best_loss", BEST_EPOCH = "best_epoch", SINCE_BEST = "since_best",
            SEEN = "segments_seen", HISTORY = "history", STOPPED = "stopped_early", SKIPPED = "skipped_batches";

    /**
     * As above, with checkpoints, resumption and a policy for non-finite losses. Every random draw of epoch e
     * (crop offsets, masks, batch order, dropout) comes from {@link Seeds#forEpoch}(seed, e), so a run resumed
     * from the checkpoint of epoch e ends with exactly the weights and history of the run never interrupted.
     */
    public static Result train(ClassifierConfig c, List<float[][]> tracks, int[] labels, Segments validation,
                               int classes, int segmentFrames, Listener listener, Durability d) throws IOException {
        int dims = tracks.getFirst()[0].length;
        Sequential model = ClassifierNetwork.build(c, dims, classes);
        List<Param> params = model.params();
        Adam adam = Adam.adamW(params, c.lr(), 0.9, 0.999, 1e-8, c.weightDecay());
        ParallelStep step = new ParallelStep(model, adam, c.batch(), c.clip());

        List<Epoch> history = new ArrayList<>();
        float[][] best = ParamSnapshot.take(params);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, sinceBest = 0, first = 1;
        long segmentsSeen = 0, skipped = 0;
        boolean stopped = false;
        if (d.resumeFrom() != null) {
            TrainingState r = d.resumeFrom().state();
            r.requireSeed(c.seed());
            d.restoreWeights(model);
            r.restore(adam);
            best = ParamSnapshot.loadFrom(r.tensors(), params);
            Map<String, Object> p = r.progress();
            bestLoss = Durability.number(p.get(BEST_LOSS));
            bestEpoch = ((Number) p.get(BEST_EPOCH)).intValue();
            sinceBest = ((Number) p.get(SINCE_BEST)).intValue();
            segmentsSeen = ((Number) p.get(SEEN)).longValue();
            skipped = ((Number) p.getOrDefault(SKIPPED, 0)).longValue();
            stopped = Boolean.TRUE.equals(p.get(STOPPED));
            for (double[] e : Durability.rows(p.get(HISTORY))) history.add(new Epoch((int) e[0], e[1], e[2], e[3], e[4]));
            first = Math.toIntExact(r.epoch()) + 1;
        }
        for (int epoch = first; epoch <= c.epochs() && !stopped; epoch++) {
            Random random = Seeds.forEpoch(c.seed(), epoch);
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
                long stepNo = adam.steps() + 1;
                float[][] soft = null;
                if (c.mixup() > 0) {
                    Mixup.Batch m = Mixup.mix(xs, ys, classes, c.mixup(), random);
                    xs = m.xs();
                    soft = m.targets();
                }
                ParallelStep.Outcome so = step.run(xs, ys, soft, random.nextLong());
                // ParallelStep applies no update when the gradient is not finite, so the weights are still good here
                boolean lossBad = !Double.isFinite(so.lossSum()), gradBad = !Double.isFinite(so.gradientNorm());
                if (lossBad || gradBad) {
                    if (!d.skipNonFinite()) {
                        throw lossBad ? new NonFiniteLossException("the training loss", so.lossSum() / rows, epoch, stepNo)
                                : new NonFiniteLossException("the gradient norm", so.gradientNorm(), epoch, stepNo);
                    }
                    skipped++;
                    continue;
                }
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
                if (!Double.isFinite(valLoss) && !d.skipNonFinite()) throw new NonFiniteLossException("the validation loss", valLoss, epoch, adam.steps());
            }
            Epoch e = new Epoch(epoch, seen == 0 ? Double.NaN : lossSum / seen, seen == 0 ? Double.NaN : (double) right / seen, valLoss, valAcc);
            history.add(e);
            double monitored = validation.size() > 0 ? valLoss : e.trainLoss();
            boolean improved = monitored < bestLoss;
            if (improved) {
                bestLoss = monitored;
                bestEpoch = epoch;
                best = ParamSnapshot.take(params);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            listener.epochDone(e, improved);
            stopped = c.patience() > 0 && sinceBest >= c.patience();
            long ep = epoch, seenNow = segmentsSeen, skippedNow = skipped;
            double bl = bestLoss;
            int be = bestEpoch, sb = sinceBest;
            boolean st = stopped;
            float[][] bw = best;
            d.checkpoint(model, epoch, stopped || epoch == c.epochs(),
                    () -> state(ep, c.seed(), adam, bw, bl, be, sb, st, seenNow, skippedNow, history));
        }
        if (skipped > 0) System.err.println("skipped " + skipped + " batches with a non-finite loss or gradient");
        ParamSnapshot.restore(params, best);
        return new Result(model, List.copyOf(history), bestEpoch, segmentsSeen);
    }

    private static TrainingState state(long epoch, long seed, Adam adam, float[][] best, double bestLoss, int bestEpoch, int sinceBest,
                                       boolean stopped, long seen, long skipped, List<Epoch> history) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ParamSnapshot.saveTo(tensors, best);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(BEST_LOSS, Durability.json(bestLoss));
        p.put(BEST_EPOCH, bestEpoch);
        p.put(SINCE_BEST, sinceBest);
        p.put(STOPPED, stopped);
        p.put(SEEN, seen);
        p.put(SKIPPED, skipped);
        List<List<Object>> h = new ArrayList<>();
        for (Epoch e : history) h.add(List.of(e.epoch(), Durability.json(e.trainLoss()), Durability.json(e.trainAccuracy()),
                Durability.json(e.valLoss()), Durability.json(e.valAccuracy())));
        p.put(HISTORY, h);
        return TrainingState.of(epoch, seed, adam, tensors, p);
    }

    private static String[] classNames(int classes) {
        String[] s = new String[classes];
        for (int i = 0; i < classes; i++) s[i] = String.valueOf(i);
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
