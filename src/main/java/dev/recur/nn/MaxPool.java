package dev.recur.nn;

import java.util.Arrays;

/**
 * Maximum over each row's valid steps, per feature, [batch, steps, D] → [batch, D]; a row of length 0 gives
 * zeros. The gradient goes to the first step holding the maximum.
 */
public final class MaxPool extends Pooling {
    public static final String TYPE = "max_pool";

    public MaxPool(int size) { super(TYPE, size); }

    /** Returns the flat input index each output value came from (−1 for empty rows). */
    @Override
    int[] pool(Seq x, float[] y) {
        int steps = x.steps();
        float[] v = x.values().data();
        int[] arg = new int[y.length];
        Arrays.fill(arg, -1);
        for (int b = 0; b < x.batch(); b++) {
            int len = x.length(b);
            for (int d = 0; d < size; d++) {
                int best = -1;
                for (int t = 0; t < len; t++) {
                    int i = (b * steps + t) * size + d;
                    if (best < 0 || v[i] > v[best]) best = i;
                }
                if (best >= 0) {
                    y[b * size + d] = v[best];
                    arg[b * size + d] = best;
                }
            }
        }
        return arg;
    }

    @Override
    void unpool(Seq x, int[] index, float[] g, float[] dx) {
        for (int o = 0; o < index.length; o++) if (index[o] >= 0) dx[index[o]] += g[o];
    }
}
