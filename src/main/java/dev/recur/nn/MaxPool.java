package dev.recur.nn;

import dev.recur.tensor.Tensor;

/**
 * Maximum over each row's valid steps, per feature, [batch, steps, D] → [batch, D]; a row of length 0 gives
 * zeros. The gradient goes to the first step holding the maximum.
 */
public final class MaxPool extends Pooling {
    public static final String TYPE = "max_pool";

    public MaxPool(int size) { super(TYPE, size); }

    /** The flat input index each output value came from (−1 for empty rows), and the input's shape. */
    private record Argmax(int[] index, Seq input) {}

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(TYPE, x, size);
        int batch = x.batch(), steps = x.steps();
        float[] v = x.values().data();
        float[] y = new float[batch * size];
        int[] arg = new int[batch * size];
        java.util.Arrays.fill(arg, -1);
        for (int b = 0; b < batch; b++) {
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
        if (pass.training()) pass.save(this, new Argmax(arg, x));
        return Seq.full(Tensor.of(y, batch, size));
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Argmax a = pass.saved(this);
        float[] g = dy.values().data();
        float[] dx = new float[a.input().values().size()];
        for (int o = 0; o < a.index().length; o++) if (a.index()[o] >= 0) dx[a.index()[o]] += g[o];
        return new Seq(Tensor.of(dx, a.input().values().shape()), a.input().lengths());
    }
}
