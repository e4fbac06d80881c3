package dev.recur.nn;

/** Mean over each row's valid steps, [batch, steps, D] → [batch, D]; a row of length 0 gives zeros. */
public final class MeanPool extends Pooling {
    public static final String TYPE = "mean_pool";

    public MeanPool(int size) { super(TYPE, size); }

    @Override
    int[] pool(Seq x, float[] y) {
        int steps = x.steps();
        float[] v = x.values().data();
        for (int b = 0; b < x.batch(); b++) {
            int len = x.length(b);
            if (len == 0) continue;
            double[] sum = new double[size];
            for (int t = 0; t < len; t++) {
                int o = (b * steps + t) * size;
                for (int d = 0; d < size; d++) sum[d] += v[o + d];
            }
            for (int d = 0; d < size; d++) y[b * size + d] = (float) (sum[d] / len);
        }
        return null;
    }

    @Override
    void unpool(Seq x, int[] index, float[] g, float[] dx) {
        int steps = x.steps();
        for (int b = 0; b < x.batch(); b++) {
            int len = x.length(b);
            if (len == 0) continue;
            float inv = 1f / len;
            for (int t = 0; t < len; t++) {
                int o = (b * steps + t) * size;
                for (int d = 0; d < size; d++) dx[o + d] = g[b * size + d] * inv;
            }
        }
    }
}
