package dev.recur.nn;

import dev.recur.tensor.Tensor;

/** Mean over each row's valid steps, [batch, steps, D] → [batch, D]; a row of length 0 gives zeros. */
public final class MeanPool extends Pooling {
    public static final String TYPE = "mean_pool";

    public MeanPool(int size) { super(TYPE, size); }

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(TYPE, x, size);
        int batch = x.batch(), steps = x.steps();
        float[] v = x.values().data();
        float[] y = new float[batch * size];
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            if (len == 0) continue;
            double[] sum = new double[size];
            for (int t = 0; t < len; t++) {
                int o = (b * steps + t) * size;
                for (int d = 0; d < size; d++) sum[d] += v[o + d];
            }
            for (int d = 0; d < size; d++) y[b * size + d] = (float) (sum[d] / len);
        }
        if (pass.training()) pass.save(this, x);
        return Seq.full(Tensor.of(y, batch, size));
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Seq x = pass.saved(this);
        int steps = x.steps();
        float[] g = dy.values().data();
        float[] dx = new float[x.values().size()];
        for (int b = 0; b < x.batch(); b++) {
            int len = x.length(b);
            if (len == 0) continue;
            float inv = 1f / len;
            for (int t = 0; t < len; t++) {
                int o = (b * steps + t) * size;
                for (int d = 0; d < size; d++) dx[o + d] = g[b * size + d] * inv;
            }
        }
        return new Seq(Tensor.of(dx, x.values().shape()), x.lengths());
    }
}
