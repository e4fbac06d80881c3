package dev.recur.train;

import dev.recur.nn.Seq;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.MeanSquaredError;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.tensor.Tensor;

/**
 * A loss over a window of steps of a longer sequence, for {@link TruncatedBptt}: {@code output} holds the
 * model outputs of steps {@code [from, to)} ([batch, to−from, dims], with the window's lengths), and the loss
 * compares them with the targets of those steps. The gradient has the shape of {@code output}.
 */
@FunctionalInterface
public interface StepLoss {

    LossResult compute(Seq output, int from, int to);

    /** Cross-entropy against class targets of the whole sequence, {@code targets[b·steps + t]}. */
    static StepLoss crossEntropy(SoftmaxCrossEntropy loss, int[] targets, int steps) {
        return (out, from, to) -> {
            int batch = out.batch(), w = to - from;
            if (targets.length != batch * steps) {
                throw new IllegalArgumentException("expected " + batch * steps + " targets (batch " + batch
                        + " × steps " + steps + "), got " + targets.length);
            }
            int[] window = new int[batch * w];
            for (int b = 0; b < batch; b++) System.arraycopy(targets, b * steps + from, window, b * w, w);
            return loss.compute(out, window);
        };
    }

    /** Mean squared error against targets [batch, steps, dims] of the whole sequence. */
    static StepLoss meanSquared(MeanSquaredError loss, Tensor targets) {
        return (out, from, to) -> loss.compute(out, SeqWindows.steps(targets, from, to));
    }
}
