package dev.recur.app.series;

import dev.recur.series.WindowSet;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layer;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.MeanSquaredError;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.Durability;
import dev.recur.train.Fit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

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

    public record Epoch(int epoch, double trainLoss, double validationLoss) implements Fit.EpochRecord {
        @Override public double monitored() { return validationLoss; }

        @Override public double[] toRow() { return new double[] {epoch, trainLoss, validationLoss}; }

        @Override public String summary() { return String.format(Locale.ROOT, "loss %.4f val %.4f", trainLoss, validationLoss); }
    }

    /** The loss history; {@code bestEpoch} is the epoch whose weights the model holds now. */
    public record Result(List<Epoch> history, int bestEpoch, double bestValidationLoss, boolean stoppedEarly, long skipped) {}

    public static Result train(Sequential model, WindowSet train, WindowSet validation, Settings s, Fit.Listener listener) {
        try {
            return train(model, train, validation, s, listener, Durability.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // unreachable: no checkpoints are written without a sink
        }
    }

    /** As above, with checkpoints, resumption and a policy for non-finite losses ({@link Fit}). */
    public static Result train(Sequential model, WindowSet train, WindowSet validation, Settings s, Fit.Listener listener,
                               Durability d) throws IOException {
        if (train.size() == 0 || validation.size() == 0) throw new IllegalArgumentException("no training or validation windows");
        Adam adam = new Adam(model.params(), s.learningRate());
        Fit.Result<Epoch> r = Fit.run(model, model.params(), adam, new Fit.Settings(s.epochs(), s.patience(), s.clipNorm(), s.seed()),
                new Job(model, train, validation, s.batch()), listener == null ? Fit.Listener.NONE : listener, d);
        return new Result(r.history(), r.bestEpoch(), r.bestMonitored(), r.stoppedEarly(), r.skipped());
    }

    /** Mini-batches of window indices in a seeded random order. */
    private record Job(Layer model, WindowSet train, WindowSet validation, int batch) implements Fit.Job<int[], Epoch> {
        @Override public List<int[]> batches(int epoch, Random random) {
            int n = train.size();
            int[] order = new int[n];
            for (int i = 0; i < n; i++) order[i] = i;
            shuffle(order, random);
            List<int[]> out = new ArrayList<>();
            for (int from = 0; from < n; from += batch) out.add(Arrays.copyOfRange(order, from, Math.min(n, from + batch)));
            return out;
        }

        @Override public void step(int[] rows, Fit.Update update, Random random) {
            ForwardPass pass = ForwardPass.training(random);
            Seq out = model.forward(Seq.full(rowsOf(train.inputs(), rows)), pass);
            LossResult loss = MSE.compute(out, rowsOf(train.targets(), rows));
            if (Double.isFinite(loss.loss())) model.backward(loss.grad(), pass.skipInputGradient(model));
            update.apply(loss.loss() * rows.length, rows.length);
        }

        @Override public Epoch score(int epoch, double trainLoss) { return new Epoch(epoch, trainLoss, loss(model, validation, batch)); }

        @Override public Epoch fromRow(double[] r) { return new Epoch((int) r[0], r[1], r[2]); }
    }

    private static final MeanSquaredError MSE = new MeanSquaredError();

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
