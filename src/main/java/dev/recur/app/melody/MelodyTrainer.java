package dev.recur.app.melody;

import dev.recur.nn.Layer;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.train.Adam;
import dev.recur.train.Durability;
import dev.recur.train.Fit;
import dev.recur.train.Seeds;
import dev.recur.train.StepLoss;
import dev.recur.train.TruncatedBptt;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The melody model's part of a {@link Fit} run: each epoch cuts the training sequences into windows (at a
 * random phase) and shuffles them into batches; a batch runs through truncated BPTT with one optimiser
 * update per BPTT chunk; after each epoch the model is scored on the validation sequences.
 */
public final class MelodyTrainer {

    /** Called after every epoch (the last of {@code history}); {@code best}: it set a new best validation loss. */
    @FunctionalInterface
    public interface EpochHook {
        void epochDone(List<EpochMetrics> history, boolean best, MelodyModel model) throws IOException;
    }

    public record Result(List<EpochMetrics> history, int bestEpoch, boolean stoppedEarly, long skipped) {
        public EpochMetrics best() { return history.get(bestEpoch - 1); }
    }

    private MelodyTrainer() {}

    public static Result train(MelodyModel model, List<int[]> train, List<int[]> validation, TrainOptions o,
                               EpochHook hook) throws IOException {
        return train(model, train, validation, o, hook, Fit.Listener.NONE, Durability.NONE);
    }

    /**
     * As above, with progress, checkpoints, resumption and a policy for non-finite losses ({@link Fit}). The
     * hook is called for the epochs run here only; {@link Result#history()} holds the earlier ones too.
     */
    public static Result train(MelodyModel model, List<int[]> train, List<int[]> validation, TrainOptions o,
                               EpochHook hook, Fit.Listener listener, Durability d) throws IOException {
        if (train.isEmpty()) throw new IllegalArgumentException("no training sequences");
        if (validation.isEmpty()) throw new IllegalArgumentException("no validation sequences");
        Adam adam = new Adam(model.network().params(), o.lr());
        Job job = new Job(model, train, validation, o, hook);
        Fit.Result<EpochMetrics> r = Fit.run(model.network(), model.network().params(), adam,
                new Fit.Settings(o.epochs(), o.patience(), o.clip(), o.seed()), job, listener, d);
        return new Result(r.history(), r.bestEpoch(), r.stoppedEarly(), r.skipped());
    }

    /** A batch of windows and the states its layers start from (the lookback's, from the data before each window). */
    private record Batch(TokenBatch tokens, Map<Layer, float[][]> initial) {}

    private static final class Job implements Fit.Job<Batch, EpochMetrics> {
        private final MelodyModel model;
        private final List<int[]> train, validation;
        private final TrainOptions o;
        private final EpochHook hook;
        private final TruncatedBptt bptt;
        private final SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        private Random dropout;
        private long t0;

        Job(MelodyModel model, List<int[]> train, List<int[]> validation, TrainOptions o, EpochHook hook) {
            this.model = model;
            this.train = train;
            this.validation = validation;
            this.o = o;
            this.hook = hook;
            this.bptt = new TruncatedBptt(o.bptt(), o.bptt());
        }

        @Override public List<Batch> batches(int epoch, Random order) {
            t0 = System.nanoTime();
            dropout = Seeds.forEpoch(o.seed(), epoch, 1);
            List<TokenBatch.Window> windows = windows(train, o.window(), order);
            Collections.shuffle(windows, order);
            List<Batch> out = new ArrayList<>();
            int start = model.encoding().startToken();
            for (int b = 0; b < windows.size(); b += o.batch()) {
                List<TokenBatch.Window> part = windows.subList(b, Math.min(windows.size(), b + o.batch()));
                Map<Layer, float[][]> initial = model.lookback() == null ? Map.of()
                        : Map.of(model.lookback(), TokenBatch.lookbackState(part, start, model.lookback().memory()));
                out.add(new Batch(TokenBatch.of(part, start), initial));
            }
            return out;
        }

        @Override public void step(Batch batch, Fit.Update update, Random random) {
            TokenBatch t = batch.tokens();
            StepLoss loss = StepLoss.crossEntropy(ce, t.targets(), t.steps());
            bptt.run(model.network(), t.input(), batch.initial(), loss, dropout, w -> update.apply(w.loss() * w.counted(), w.counted()));
        }

        @Override public EpochMetrics score(int epoch, double trainLoss) {
            MelodyScore val = MelodyEvaluator.evaluate(model, validation);
            return new EpochMetrics(epoch, trainLoss, val.crossEntropy(), val.perplexity(), val.accuracy(), (System.nanoTime() - t0) / 1e9);
        }

        @Override public EpochMetrics fromRow(double[] r) { return EpochMetrics.of(r); }

        @Override public void epochDone(List<EpochMetrics> history, boolean best) throws IOException {
            if (hook != null) hook.epochDone(history, best, model);
        }
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
