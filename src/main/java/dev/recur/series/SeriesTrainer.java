package dev.recur.series;

import dev.recur.train.ParamSnapshot;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layer;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.MeanSquaredError;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.GradientClipping;

import dev.recur.train.NonFiniteLossException;
import dev.recur.train.Seeds;
import dev.recur.train.TrainingState;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Trains a sequence-to-vector model on windows with MSE and Adam: mini-batches drawn in a seeded random
 * order from the training windows only (shuffling windows within the training part never mixes time
 * parts), global-norm gradient clipping, and early stopping on the validation loss: after
 * {@code patience} epochs without a new best the run stops and the best weights are put back.
 */
public final class SeriesTrainer {
    private SeriesTrainer() {}

    public record Settings(int epochs, double learningRate, int batch, long seed, int patience, double clipNorm) {
        public Settings {
            if (epochs < 1) throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
            if (!(learningRate > 0)) throw new IllegalArgumentException("--lr must be > 0, got " + learningRate);
            if (batch < 1) throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
            if (patience < 1) throw new IllegalArgumentException("--patience must be at least 1, got " + patience);
            if (!(clipNorm > 0)) throw new IllegalArgumentException("--clip must be > 0, got " + clipNorm);
        }
    }

    public record Epoch(int epoch, double trainLoss, double validationLoss) {}

    /** The loss history; {@code bestEpoch} is the epoch whose weights the model holds now. */
    public record Result(List<Epoch> history, int bestEpoch, double bestValidationLoss, boolean stoppedEarly) {}

    public static Result train(Layer model, WindowSet train, WindowSet validation, Settings s, Consumer<Epoch> onEpoch) {
        try {
            return train(model, train, validation, s, onEpoch, Durability.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // unreachable: no checkpoints are written without a sink
        }
    }

    /** Receives the loop's state to write as a checkpoint, together with the model's current weights. */
    @FunctionalInterface
    public interface CheckpointSink {
        void save(TrainingState state) throws IOException;
    }

    /**
     * Crash safety of a run. {@code resumeFrom}: a state saved by an earlier run of the same settings (the
     * model must already hold that checkpoint's weights); {@code checkpointEvery}: epochs between checkpoints
     * (0: only at the end); {@code skipNonFinite}: skip a batch whose loss or gradient is NaN/Inf instead of
     * stopping with a {@link NonFiniteLossException}.
     */
    public record Durability(TrainingState resumeFrom, int checkpointEvery, CheckpointSink sink, boolean skipNonFinite) {
        public static final Durability NONE = new Durability(null, 0, null, false);

        public Durability {
            if (checkpointEvery < 0) throw new IllegalArgumentException("--checkpoint-every must be >= 0, got " + checkpointEvery);
        }
    }

    private static final String BEST_LOSS = "best_loss", BEST_EPOCH = "best_epoch", SINCE_BEST = "since_best",
            HISTORY = "history", STOPPED = "stopped_early", SKIPPED = "skipped_batches";

    /**
     * As {@link #train(Layer, WindowSet, WindowSet, Settings, Consumer)}, with checkpoints and resumption. Every
     * random draw of epoch e comes from {@link Seeds#forEpoch}(seed, e), so a run resumed from the checkpoint
     * of epoch e ends with exactly the weights of the run that was never interrupted.
     */
    public static Result train(Layer model, WindowSet train, WindowSet validation, Settings s, Consumer<Epoch> onEpoch,
                               Durability d) throws IOException {
        if (train.size() == 0 || validation.size() == 0) throw new IllegalArgumentException("no training or validation windows");
        List<Param> params = model.params();
        Adam adam = new Adam(params, s.learningRate());
        MeanSquaredError mse = new MeanSquaredError();
        int n = train.size();
        int[] order = new int[n];
        List<Epoch> history = new ArrayList<>();
        float[][] best = ParamSnapshot.take(params);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, sinceBest = 0, first = 1;
        long skipped = 0;
        boolean stopped = false;
        if (d.resumeFrom() != null) {
            TrainingState r = d.resumeFrom();
            r.requireSeed(s.seed());
            r.restore(adam);
            best = ParamSnapshot.loadFrom(r.tensors(), params);
            Map<String, Object> p = r.progress();
            bestLoss = ((Number) p.get(BEST_LOSS)).doubleValue();
            bestEpoch = ((Number) p.get(BEST_EPOCH)).intValue();
            sinceBest = ((Number) p.get(SINCE_BEST)).intValue();
            stopped = Boolean.TRUE.equals(p.get(STOPPED));
            skipped = ((Number) p.getOrDefault(SKIPPED, 0)).longValue();
            for (Object row : (List<?>) p.get(HISTORY)) {
                List<?> e = (List<?>) row;
                history.add(new Epoch(((Number) e.get(0)).intValue(), ((Number) e.get(1)).doubleValue(), ((Number) e.get(2)).doubleValue()));
            }
            first = Math.toIntExact(r.epoch()) + 1;
        }
        for (int epoch = first; epoch <= s.epochs() && !stopped; epoch++) {
            Random random = Seeds.forEpoch(s.seed(), epoch);
            for (int i = 0; i < n; i++) order[i] = i;
            shuffle(order, random);
            double sum = 0;
            int used = 0;
            for (int from = 0; from < n; from += s.batch()) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + s.batch()));
                ForwardPass pass = ForwardPass.training(random);
                for (Param p : params) p.zeroGrad();
                Seq out = model.forward(Seq.full(rowsOf(train.inputs(), rows)), pass);
                LossResult loss = mse.compute(out, rowsOf(train.targets(), rows));
                if (!Double.isFinite(loss.loss())) {
                    if (!d.skipNonFinite()) throw new NonFiniteLossException("the training loss", loss.loss(), epoch, adam.steps() + 1);
                    skipped++;
                    continue;
                }
                model.backward(loss.grad(), pass.skipInputGradient(model));
                double norm = GradientClipping.clipGlobalNorm(params, s.clipNorm());
                if (!Double.isFinite(norm)) {
                    if (!d.skipNonFinite()) throw new NonFiniteLossException("the gradient norm", norm, epoch, adam.steps() + 1);
                    skipped++;
                    continue;
                }
                adam.step();
                sum += loss.loss() * rows.length;
                used += rows.length;
            }
            double val = loss(model, validation, s.batch());
            if (!Double.isFinite(val) && !d.skipNonFinite()) throw new NonFiniteLossException("the validation loss", val, epoch, adam.steps());
            Epoch e = new Epoch(epoch, used == 0 ? Double.NaN : sum / used, val);
            history.add(e);
            if (onEpoch != null) onEpoch.accept(e);
            if (val < bestLoss) {
                bestLoss = val;
                bestEpoch = epoch;
                sinceBest = 0;
                best = ParamSnapshot.take(params);
            } else if (++sinceBest >= s.patience()) {
                stopped = epoch < s.epochs();
            }
            boolean last = stopped || epoch == s.epochs();
            if (d.sink() != null && (last || (d.checkpointEvery() > 0 && epoch % d.checkpointEvery() == 0))) {
                d.sink().save(state(epoch, s.seed(), adam, best, bestLoss, bestEpoch, sinceBest, stopped, skipped, history));
            }
        }
        if (skipped > 0) System.err.println("skipped " + skipped + " batches with a non-finite loss or gradient");
        ParamSnapshot.restore(params, best);
        return new Result(List.copyOf(history), bestEpoch, bestLoss, stopped);
    }

    private static TrainingState state(int epoch, long seed, Adam adam, float[][] best, double bestLoss, int bestEpoch, int sinceBest,
                                       boolean stopped, long skipped, List<Epoch> history) {
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        ParamSnapshot.saveTo(tensors, best);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put(BEST_LOSS, bestLoss);
        p.put(BEST_EPOCH, bestEpoch);
        p.put(SINCE_BEST, sinceBest);
        p.put(STOPPED, stopped);
        p.put(SKIPPED, skipped);
        List<List<Object>> h = new ArrayList<>();
        for (Epoch e : history) h.add(List.of(e.epoch(), e.trainLoss(), e.validationLoss()));
        p.put(HISTORY, h);
        return TrainingState.of(epoch, seed, adam, tensors, p);
    }

    /** Mean squared error of the model on a window set, in standardised units. */
    public static double loss(Layer model, WindowSet set, int batch) {
        Tensor pred = predict(model, set.inputs(), batch);
        return new MeanSquaredError().compute(Seq.full(pred), set.targets()).loss();
    }

    /** Inference over {@code inputs [n, W, D]} in batches: outputs {@code [n, out]}. */
    public static Tensor predict(Layer model, Tensor inputs, int batch) {
        int n = inputs.dim(0), out = model.outputSize();
        float[] all = new float[n * out];
        for (int from = 0; from < n; from += batch) {
            int[] rows = new int[Math.min(n, from + batch) - from];
            for (int i = 0; i < rows.length; i++) rows[i] = from + i;
            Seq y = model.forward(Seq.full(rowsOf(inputs, rows)), ForwardPass.inference());
            System.arraycopy(y.values().data(), 0, all, from * out, rows.length * out);
        }
        return Tensor.of(all, n, out);
    }

    /** Rows of the first dimension, copied into a new tensor. */
    static Tensor rowsOf(Tensor t, int[] rows) {
        int[] shape = t.shape();
        int row = t.size() / shape[0];
        float[] out = new float[rows.length * row];
        for (int i = 0; i < rows.length; i++) System.arraycopy(t.data(), rows[i] * row, out, i * row, row);
        shape[0] = rows.length;
        return Tensor.of(out, shape);
    }

    private static void shuffle(int[] a, Random r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1), t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
