package dev.recur.train;

import dev.recur.nn.Param;
import dev.recur.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Copies of parameter values, for early stopping and weight averaging: keep the best epoch's weights (or the
 * running mean of the last epochs'), put them back at the end, and carry them through a checkpoint ({@link TrainingState#tensors()} {@code best.0}, {@code best.1}, ...).
 */
public final class ParamSnapshot {
    private ParamSnapshot() {}

    private static final String CHECKPOINT_PREFIX = "best.";

    /** A copy of every parameter's values, in list order. */
    public static float[][] take(List<Param> params) {
        float[][] s = new float[params.size()][];
        for (int i = 0; i < s.length; i++) s[i] = params.get(i).value().data().clone();
        return s;
    }

    /**
     * Makes {@code mean}, the mean of {@code n - 1} earlier copies, the mean of those and the parameters' current
     * values ({@code n} = 1: a plain copy): the running mean of weight averaging.
     */
    public static void addToMean(float[][] mean, List<Param> params, int n) {
        if (n < 1) throw new IllegalArgumentException("n must be >= 1, got " + n);
        for (int i = 0; i < mean.length; i++) {
            float[] m = mean[i], w = params.get(i).value().data();
            if (n == 1) System.arraycopy(w, 0, m, 0, m.length);
            else for (int j = 0; j < m.length; j++) m[j] += (w[j] - m[j]) / n;
        }
    }

    /** Writes a {@link #take} copy back into the same parameters. */
    public static void restore(List<Param> params, float[][] snapshot) {
        for (int i = 0; i < snapshot.length; i++) {
            System.arraycopy(snapshot[i], 0, params.get(i).value().data(), 0, snapshot[i].length);
        }
    }

    /** Adds a {@link #take} copy to a checkpoint's tensors (copied again: training goes on). */
    public static void saveTo(Map<String, Tensor> tensors, float[][] snapshot) {
        for (int i = 0; i < snapshot.length; i++) tensors.put(CHECKPOINT_PREFIX + i, Tensor.of(snapshot[i].clone(), snapshot[i].length));
    }

    /** The copy {@link #saveTo} put into a checkpoint's tensors, checked against the sizes of {@code params}. */
    public static float[][] loadFrom(Map<String, Tensor> tensors, List<Param> params) {
        float[][] s = new float[params.size()][];
        for (int i = 0; i < s.length; i++) {
            Tensor t = tensors.get(CHECKPOINT_PREFIX + i);
            if (t == null || t.size() != params.get(i).value().size()) {
                throw new IllegalArgumentException("the checkpoint lacks the best weights of parameter " + i);
            }
            s[i] = t.data().clone();
        }
        return s;
    }
}
