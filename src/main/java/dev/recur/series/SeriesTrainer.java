package dev.recur.series;

import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layer;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.MeanSquaredError;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.GradientClipping;

import java.util.ArrayList;
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
        if (train.size() == 0 || validation.size() == 0) throw new IllegalArgumentException("no training or validation windows");
        List<Param> params = model.params();
        Adam adam = new Adam(params, s.learningRate());
        MeanSquaredError mse = new MeanSquaredError();
        Random random = new Random(s.seed());
        int n = train.size();
        int[] order = new int[n];
        for (int i = 0; i < n; i++) order[i] = i;
        List<Epoch> history = new ArrayList<>();
        float[][] best = snapshot(params);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, sinceBest = 0;
        boolean stopped = false;
        for (int epoch = 1; epoch <= s.epochs(); epoch++) {
            shuffle(order, random);
            double sum = 0;
            for (int from = 0; from < n; from += s.batch()) {
                int[] rows = java.util.Arrays.copyOfRange(order, from, Math.min(n, from + s.batch()));
                ForwardPass pass = ForwardPass.training(random);
                for (Param p : params) p.zeroGrad();
                Seq out = model.forward(Seq.full(rowsOf(train.inputs(), rows)), pass);
                LossResult loss = mse.compute(out, rowsOf(train.targets(), rows));
                model.backward(loss.grad(), pass);
                double norm = GradientClipping.clipGlobalNorm(params, s.clipNorm());
                if (Double.isFinite(norm)) adam.step();
                sum += loss.loss() * rows.length;
            }
            double val = loss(model, validation, s.batch());
            Epoch e = new Epoch(epoch, sum / n, val);
            history.add(e);
            if (onEpoch != null) onEpoch.accept(e);
            if (val < bestLoss) {
                bestLoss = val;
                bestEpoch = epoch;
                sinceBest = 0;
                best = snapshot(params);
            } else if (++sinceBest >= s.patience()) {
                stopped = epoch < s.epochs();
                break;
            }
        }
        for (int i = 0; i < params.size(); i++) System.arraycopy(best[i], 0, params.get(i).value().data(), 0, best[i].length);
        return new Result(List.copyOf(history), bestEpoch, bestLoss, stopped);
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

    private static float[][] snapshot(List<Param> params) {
        float[][] s = new float[params.size()][];
        for (int i = 0; i < s.length; i++) s[i] = params.get(i).value().data().clone();
        return s;
    }
}
