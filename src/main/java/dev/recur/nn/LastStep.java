package dev.recur.nn;

/** Each row's last valid step, [batch, steps, D] → [batch, D]; a row of length 0 gives zeros. */
public final class LastStep extends Pooling {
    public static final String TYPE = "last_step";

    public LastStep(int size) { super(TYPE, size); }

    @Override
    int[] pool(Seq x, float[] y) {
        float[] v = x.values().data();
        for (int b = 0; b < x.batch(); b++) {
            int len = x.length(b);
            if (len > 0) System.arraycopy(v, (b * x.steps() + len - 1) * size, y, b * size, size);
        }
        return null;
    }

    @Override
    void unpool(Seq x, int[] index, float[] g, float[] dx) {
        for (int b = 0; b < x.batch(); b++) {
            int len = x.length(b);
            if (len > 0) System.arraycopy(g, b * size, dx, (b * x.steps() + len - 1) * size, size);
        }
    }
}
