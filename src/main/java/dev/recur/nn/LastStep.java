package dev.recur.nn;

import dev.recur.tensor.Tensor;

/** Each row's last valid step, [batch, steps, D] → [batch, D]; a row of length 0 gives zeros. */
public final class LastStep extends Pooling {
    public static final String TYPE = "last_step";

    public LastStep(int size) { super(TYPE, size); }

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(TYPE, x, size);
        int batch = x.batch(), steps = x.steps();
        float[] y = new float[batch * size];
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            if (len > 0) System.arraycopy(x.values().data(), (b * steps + len - 1) * size, y, b * size, size);
        }
        if (pass.training()) pass.save(this, x);
        return Seq.full(Tensor.of(y, batch, size));
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Seq x = pass.saved(this);
        int steps = x.steps();
        float[] dx = new float[x.values().size()];
        for (int b = 0; b < x.batch(); b++) {
            int len = x.length(b);
            if (len > 0) System.arraycopy(dy.values().data(), b * size, dx, (b * steps + len - 1) * size, size);
        }
        return new Seq(Tensor.of(dx, x.values().shape()), x.lengths());
    }
}
