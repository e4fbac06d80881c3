package dev.recur.app.melody;

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

    private static final String SKIPPED = "skipped_windows";

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
        TrainingProgress progress = new TrainingProgress(params, o.epochs(), o.patience());
        int first = 1;
        long[] skipped = {0};
        if (d.resumeFrom() != null) {
            TrainingState r = d.resumeFrom().state();
            first = progress.resume(r, o.seed());
            d.restoreWeights(model.network());
            r.restore(adam);
            skipped[0] = ((Number) r.progress().getOrDefault(SKIPPED, 0)).longValue();
        }
        model.network().zeroGrad();
        try (ProgressBar bar = o.progress() ? new ProgressBarBuilder().setTaskName("Training")
                .setInitialMax(batchesPerEpoch * Math.max(1, o.epochs() - first + 1)).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" batches", 1).build() : null) {
            for (int epoch = first; epoch <= o.epochs() && !progress.stopped(); epoch++) {
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
                boolean best = progress.record(m);
                if (bar != null) {
                    // Keep the ETA honest when the epochs' batch counts differ from the estimate.
                    bar.maxHint(Math.max(bar.getCurrent(), bar.getCurrent() + batchesPerEpoch * (o.epochs() - epoch)));
                }
                if (listener != null) listener.epochDone(m, best, model);
                long e = epoch, sk = skipped[0];
                d.checkpoint(model.network(), epoch, progress.last(epoch), () -> {
                    Map<String, Tensor> tensors = new LinkedHashMap<>();
                    Map<String, Object> p = new LinkedHashMap<>();
                    progress.saveTo(tensors, p);
                    p.put(SKIPPED, sk);
                    return TrainingState.of(e, o.seed(), adam, tensors, p);
                });
            }
            if (bar != null) bar.maxHint(bar.getCurrent());
        }
        if (skipped[0] > 0) System.err.println("skipped " + skipped[0] + " BPTT windows with a non-finite loss or gradient");
        progress.restoreBest();
        return new Result(List.copyOf(progress.history()), progress.bestEpoch(), progress.stoppedEarly());
    }

    /** The per-epoch figures recorded in a checkpoint of this trainer. */
    public static List<EpochMetrics> history(TrainingState state) { return TrainingProgress.history(state); }

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
