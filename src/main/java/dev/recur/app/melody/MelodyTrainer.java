package dev.recur.app.melody;

import dev.recur.train.ParamSnapshot;
import dev.recur.nn.Param;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.Durability;
import dev.recur.train.NonFiniteLossException;
import dev.recur.train.Seeds;
import dev.recur.train.TrainingState;
import dev.recur.train.GradientClipping;
import dev.recur.train.StepLoss;
import dev.recur.train.TruncatedBptt;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Random;

/**
 * Trains a {@link MelodyModel} on token sequences: each epoch cuts the training sequences into windows (at
 * a random phase), shuffles them into batches, and runs truncated BPTT over each batch with Adam and global
 * norm clipping after every BPTT chunk. After each epoch the model is scored on the validation sequences;
 * the best epoch's weights are kept and restored at the end, and training stops after {@code patience}
 * epochs without improvement.
 */
public final class MelodyTrainer {

    /** Called after every epoch; {@code best} says whether this epoch set a new best validation loss. */
    @FunctionalInterface
    public interface Listener {
        void epochDone(EpochMetrics metrics, boolean best, MelodyModel model) throws IOException;
    }

    public record Result(List<EpochMetrics> history, int bestEpoch, boolean stoppedEarly) {
        public EpochMetrics best() { return history.get(bestEpoch - 1); }
    }

    private MelodyTrainer() {}

    public static Result train(MelodyModel model, List<int[]> train, List<int[]> validation, TrainOptions o,
                               Listener listener) throws IOException {
        return train(model, train, validation, o, listener, Durability.NONE);
    }

    private static final String BEST = "best.", BEST_LOSS = "best_loss", BEST_EPOCH = "best_epoch", HISTORY = "history",
            STOPPED = "stopped_early", SKIPPED = "skipped_windows";

    /**
     * As above, with checkpoints, resumption and a policy for non-finite losses. Every random draw of epoch e
     * (window phases, batch order, dropout) comes from {@link Seeds#forEpoch}(seed, e), so a run resumed from
     * the checkpoint of epoch e ends with exactly the weights and history of the run never interrupted. The
     * listener is called for the epochs run here only; {@link #history(TrainingState)} gives the earlier ones.
     */
    public static Result train(MelodyModel model, List<int[]> train, List<int[]> validation, TrainOptions o,
                               Listener listener, Durability d) throws IOException {
        if (train.isEmpty()) throw new IllegalArgumentException("no training sequences");
        if (validation.isEmpty()) throw new IllegalArgumentException("no validation sequences");
        List<Param> params = model.network().params();
        Adam adam = new Adam(params, o.lr());
        TruncatedBptt bptt = new TruncatedBptt(o.bptt(), o.bptt());
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        int start = model.encoding().startToken();

        long events = 0;
        for (int[] s : train) events += s.length;
        long batchesPerEpoch = Math.max(1, (events / o.window() + train.size() + o.batch() - 1) / o.batch());
        List<EpochMetrics> history = new ArrayList<>();
        float[][] bestWeights = ParamSnapshot.take(params);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, first = 1;
        long[] skipped = {0};
        boolean stoppedEarly = false;
        if (d.resumeFrom() != null) {
            TrainingState r = d.resumeFrom().state();
            if (r.seed() != o.seed()) throw new IllegalArgumentException("the checkpoint was trained with seed " + r.seed() + ", not " + o.seed());
            d.restoreWeights(model.network());
            r.restore(adam);
            for (int i = 0; i < bestWeights.length; i++) {
                Tensor t = r.tensors().get(BEST + i);
                if (t == null || t.size() != bestWeights[i].length) throw new IllegalArgumentException("the checkpoint lacks the best weights of parameter " + i);
                bestWeights[i] = t.data().clone();
            }
            Map<String, Object> p = r.progress();
            bestLoss = Durability.number(p.get(BEST_LOSS));
            bestEpoch = ((Number) p.get(BEST_EPOCH)).intValue();
            skipped[0] = ((Number) p.getOrDefault(SKIPPED, 0)).longValue();
            stoppedEarly = Boolean.TRUE.equals(p.get(STOPPED));
            history.addAll(history(r));
            first = Math.toIntExact(r.epoch()) + 1;
        }
        boolean stopped = stoppedEarly;
        model.network().zeroGrad();
        try (ProgressBar bar = o.progress() ? new ProgressBarBuilder().setTaskName("Training")
                .setInitialMax(batchesPerEpoch * Math.max(1, o.epochs() - first + 1)).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" batches", 1).build() : null) {
            for (int epoch = first; epoch <= o.epochs() && !stopped; epoch++) {
                long t0 = System.nanoTime();
                Random order = Seeds.forEpoch(o.seed(), epoch), dropout = Seeds.forEpoch(o.seed(), epoch, 1);
                List<TokenBatch.Window> windows = windows(train, o.window(), order);
                Collections.shuffle(windows, order);
                double[] lossSum = {0};
                long[] lossCount = {0};
                int ep = epoch;
                for (int b = 0; b < windows.size(); b += o.batch()) {
                    TokenBatch batch = TokenBatch.of(windows.subList(b, Math.min(windows.size(), b + o.batch())), start);
                    StepLoss loss = StepLoss.crossEntropy(ce, batch.targets(), batch.steps());
                    bptt.run(model.network(), batch.input(), loss, dropout, w -> {
                        double norm = GradientClipping.clipGlobalNorm(params, o.clip());
                        boolean lossBad = !Double.isFinite(w.loss());
                        if (lossBad || !Double.isFinite(norm)) {
                            // no update from this window: the weights stay those of the last good step
                            if (!d.skipNonFinite()) {
                                throw lossBad ? new NonFiniteLossException("the training loss", w.loss(), ep, adam.steps() + 1)
                                        : new NonFiniteLossException("the gradient norm", norm, ep, adam.steps() + 1);
                            }
                            skipped[0]++;
                        } else {
                            adam.step();
                            lossSum[0] += w.loss() * w.counted();
                            lossCount[0] += w.counted();
                        }
                        adam.zeroGrad();
                    });
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d loss %.3f", epoch, lossSum[0] / Math.max(1, lossCount[0])));
                    }
                }
                MelodyScore val = MelodyEvaluator.evaluate(model, validation);
                if (!Double.isFinite(val.crossEntropy()) && !d.skipNonFinite()) {
                    throw new NonFiniteLossException("the validation loss", val.crossEntropy(), epoch, adam.steps());
                }
                EpochMetrics m = new EpochMetrics(epoch, lossCount[0] == 0 ? Double.NaN : lossSum[0] / lossCount[0], val.crossEntropy(),
                        val.perplexity(), val.accuracy(), (System.nanoTime() - t0) / 1e9);
                history.add(m);
                boolean best = val.crossEntropy() < bestLoss;
                if (best) {
                    bestLoss = val.crossEntropy();
                    bestEpoch = epoch;
                    bestWeights = ParamSnapshot.take(params);
                }
                if (bar != null) {
                    // Keep the ETA honest when the epochs' batch counts differ from the estimate.
                    bar.maxHint(Math.max(bar.getCurrent(), bar.getCurrent() + batchesPerEpoch * (o.epochs() - epoch)));
                }
                if (listener != null) listener.epochDone(m, best, model);
                if (epoch - bestEpoch >= o.patience()) {
                    stoppedEarly = epoch < o.epochs();
                    stopped = true;
                }
                long e = epoch, sk = skipped[0];
                double bl = bestLoss;
                int be = bestEpoch;
                boolean st = stoppedEarly;
                float[][] bw = bestWeights;
                d.checkpoint(model.network(), epoch, stopped || epoch == o.epochs(),
                        () -> state(e, o.seed(), adam, bw, bl, be, st, sk, history));
            }
            if (bar != null) bar.maxHint(bar.getCurrent());
        }
        if (skipped[0] > 0) System.err.println("skipped " + skipped[0] + " BPTT windows with a non-finite loss or gradient");
        ParamSnapshot.restore(params, bestWeights);
        return new Result(List.copyOf(history), bestEpoch, stoppedEarly);
    }

    /** The per-epoch figures recorded in a checkpoint of this trainer. */
    public static List<EpochMetrics> history(TrainingState state) {
        List<EpochMetrics> out = new ArrayList<>();
        for (double[] e : Durability.rows(state.progress().get(HISTORY))) out.add(new EpochMetrics((int) e[0], e[1], e[2], e[3], e[4], e[5]));
        return out;
    }

    private static TrainingState state(long epoch, long seed, Adam adam, float[][] best, double bestLoss, int bestEpoch,
                                       boolean stopped, long skipped, List<EpochMetrics> history) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (int i = 0; i < best.length; i++) tensors.put(BEST + i, Tensor.of(best[i].clone(), best[i].length));
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(BEST_LOSS, Durability.json(bestLoss));
        p.put(BEST_EPOCH, bestEpoch);
        p.put(STOPPED, stopped);
        p.put(SKIPPED, skipped);
        List<List<Object>> h = new ArrayList<>();
        for (EpochMetrics m : history) h.add(List.of(m.epoch(), Durability.json(m.trainLoss()), Durability.json(m.valLoss()),
                Durability.json(m.valPerplexity()), Durability.json(m.valAccuracy()), Durability.json(m.seconds())));
        p.put(HISTORY, h);
        return TrainingState.of(epoch, seed, adam, tensors, p);
    }

    /** Windows of {@code length} steps over every sequence, the grid shifted by a random phase per sequence. */
    static List<TokenBatch.Window> windows(List<int[]> sequences, int length, Random random) {
        List<TokenBatch.Window> out = new ArrayList<>();
        for (int[] s : sequences) {
            if (s.length == 0) continue;
            int phase = s.length > length ? random.nextInt(length) : 0;
            if (phase > 0) out.add(new TokenBatch.Window(s, 0, phase));
            for (int from = phase; from < s.length; from += length) {
                out.add(new TokenBatch.Window(s, from, Math.min(s.length, from + length)));
            }
        }
        return out;
    }
}
