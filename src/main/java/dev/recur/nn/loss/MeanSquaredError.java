package dev.recur.nn.loss;

import dev.recur.nn.Seq;
import dev.recur.tensor.Tensor;

/**
 * Mean squared error like PyTorch's MSELoss (mean over every counted value): predictions [B, D] or
 * [B, T, D] against targets of the same shape; on sequences only valid steps count, and with a row mask only
 * the rows ([B·T] steps or [B] vectors) it marks (a masked-frame objective scores the masked steps alone).
 * When nothing counts the loss is 0 with a zero gradient.
 */
public final class MeanSquaredError {

    public LossResult compute(Seq prediction, Tensor target) { return compute(prediction, target, null); }

    /**
     * As {@link #compute(Seq, Tensor)}, counting only the rows {@code counted} marks (one flag per step of
     * every sequence, row-major [B·T], or per vector); null counts every valid row.
     */
    public LossResult compute(Seq prediction, Tensor target, boolean[] counted) {
        if (!prediction.values().sameShape(target)) {
            throw new IllegalArgumentException("mean squared error: prediction " + prediction.values().shapeString()
                    + " and target " + target.shapeString() + " differ in shape");
        }
        int dims = prediction.dims();
        int rows = prediction.values().size() / dims;
        int steps = prediction.isSequence() ? prediction.steps() : 1;
        if (counted != null && counted.length != rows) {
            throw new IllegalArgumentException("mean squared error: " + counted.length + " row flags for " + rows + " rows");
        }
        float[] p = prediction.values().data(), t = target.data();
        long values = 0;
        for (int r = 0; r < rows; r++) if (counts(prediction, counted, r, steps)) values += dims;
        float[] g = new float[p.length];
        double sum = 0;
        if (values > 0) {
            double scale = 2.0 / values;
            for (int r = 0; r < rows; r++) {
                if (!counts(prediction, counted, r, steps)) continue;
                for (int i = r * dims; i < (r + 1) * dims; i++) {
                    double d = (double) p[i] - t[i];
                    sum += d * d;
                    g[i] = (float) (scale * d);
                }
            }
        }
        return new LossResult(values == 0 ? 0 : sum / values, new Seq(Tensor.of(g, prediction.values().shape()), prediction.lengths()));
    }

    private static boolean counts(Seq prediction, boolean[] counted, int row, int steps) {
        return Rows.valid(prediction, row, steps) && (counted == null || counted[row]);
    }
}
