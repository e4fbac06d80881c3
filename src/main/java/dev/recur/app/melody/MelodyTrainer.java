package dev.recur.app.melody;

import dev.recur.nn.Param;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.train.Adam;
import dev.recur.train.GradientClipping;
import dev.recur.train.StepLoss;
import dev.recur.train.TruncatedBptt;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
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
        if (train.isEmpty()) throw new IllegalArgumentException("no training sequences");
        if (validation.isEmpty()) throw new IllegalArgumentException("no validation sequences");
        List<Param> params = model.network().params();
        Adam adam = new Adam(params, o.lr());
        TruncatedBptt bptt = new TruncatedBptt(o.bptt(), o.bptt());
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        Random order = new Random(o.seed());
        Random dropout = new Random(o.seed() ^ 0x5DEECE66DL);
        int start = model.encoding().startToken();

        long events = 0;
        for (int[] s : train) events += s.length;
        long batchesPerEpoch = Math.max(1, (events / o.window() + train.size() + o.batch() - 1) / o.batch());
        List<EpochMetrics> history = new ArrayList<>();
        float[][] bestWeights = snapshot(params);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0;
        boolean stoppedEarly = false;
        model.network().zeroGrad();
        try (ProgressBar bar = o.progress() ? new ProgressBarBuilder().setTaskName("Training")
                .setInitialMax(batchesPerEpoch * o.epochs()).setConsumer(new ConsoleProgressBarConsumer(System.err))
                .setUnit(" batches", 1).build() : null) {
            for (int epoch = 1; epoch <= o.epochs(); epoch++) {
                long t0 = System.nanoTime();
                List<TokenBatch.Window> windows = windows(train, o.window(), order);
                Collections.shuffle(windows, order);
                double lossSum = 0;
                long lossCount = 0;
                for (int b = 0; b < windows.size(); b += o.batch()) {
                    TokenBatch batch = TokenBatch.of(windows.subList(b, Math.min(windows.size(), b + o.batch())), start);
                    StepLoss loss = StepLoss.crossEntropy(ce, batch.targets(), batch.steps());
                    TruncatedBptt.Result r = bptt.run(model.network(), batch.input(), loss, dropout, w -> {
                        double norm = GradientClipping.clipGlobalNorm(params, o.clip());
                        if (Double.isFinite(norm)) adam.step();
                        adam.zeroGrad();
                    });
                    long n = r.windows().stream().mapToLong(TruncatedBptt.Window::counted).sum();
                    lossSum += r.meanLoss() * n;
                    lossCount += n;
                    if (bar != null) {
                        bar.step();
                        bar.setExtraMessage(String.format(Locale.ROOT, " epoch %d loss %.3f", epoch, lossSum / Math.max(1, lossCount)));
                    }
                }
                MelodyScore val = MelodyEvaluator.evaluate(model, validation);
                EpochMetrics m = new EpochMetrics(epoch, lossSum / Math.max(1, lossCount), val.crossEntropy(),
                        val.perplexity(), val.accuracy(), (System.nanoTime() - t0) / 1e9);
                history.add(m);
                boolean best = val.crossEntropy() < bestLoss;
                if (best) {
                    bestLoss = val.crossEntropy();
                    bestEpoch = epoch;
                    bestWeights = snapshot(params);
                }
                if (bar != null) {
                    // Keep the ETA honest when the epochs' batch counts differ from the estimate.
                    bar.maxHint(Math.max(bar.getCurrent(), bar.getCurrent() + batchesPerEpoch * (o.epochs() - epoch)));
                }
                if (listener != null) listener.epochDone(m, best, model);
                if (epoch - bestEpoch >= o.patience()) {
                    stoppedEarly = epoch < o.epochs();
                    break;
                }
            }
            if (bar != null) bar.maxHint(bar.getCurrent());
        }
        restore(params, bestWeights);
        return new Result(List.copyOf(history), bestEpoch, stoppedEarly);
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

    private static float[][] snapshot(List<Param> params) {
        float[][] s = new float[params.size()][];
        for (int i = 0; i < s.length; i++) s[i] = params.get(i).value().data().clone();
        return s;
    }

    private static void restore(List<Param> params, float[][] s) {
        for (int i = 0; i < s.length; i++) System.arraycopy(s[i], 0, params.get(i).value().data(), 0, s[i].length);
    }
}
