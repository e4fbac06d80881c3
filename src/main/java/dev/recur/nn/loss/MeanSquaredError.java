package dev.recur.nn.loss;

import dev.recur.nn.Seq;
import dev.recur.tensor.Tensor;

/**
 * Mean squared error like PyTorch's MSELoss (mean over every counted value): predictions [B, D] or
 * [B, T, D] against targets of the same shape; on sequences only valid steps count. When nothing counts
 * the loss is 0 with a zero gradient.
 */
public final class MeanSquaredError {

    public LossResult compute(Seq prediction, Tensor target) {
        if (!prediction.values().sameShape(target)) {
            throw new IllegalArgumentException("mean squared error: prediction " + prediction.values().shapeString()
                    + " and target " + target.shapeString() + " differ in shape");
        }
        int dims = prediction.dims();
        int rows = prediction.values().size() / dims;
        int steps = prediction.isSequence() ? prediction.steps() : 1;
        float[] p = prediction.values().data(), t = target.data();
        long counted = 0;
        for (int r = 0; r < rows; r++) if (Rows.valid(prediction, r, steps)) counted += dims;
        float[] g = new float[p.length];
        double sum = 0;
        if (counted > 0) {
            double scale = 2.0 / counted;
            for (int r = 0; r < rows; r++) {
                if (!Rows.valid(prediction, r, steps)) continue;
                for (int i = r * dims; i < (r + 1) * dims; i++) {
                    double d = (double) p[i] - t[i];
                    sum += d * d;
                    g[i] = (float) (scale * d);
                }
            }
        }
        return new LossResult(counted == 0 ? 0 : sum / counted, new Seq(Tensor.of(g, prediction.values().shape()), prediction.lengths()));
    }
}
