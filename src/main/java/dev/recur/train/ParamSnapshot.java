package dev.recur.train;

import dev.recur.nn.Param;

import java.util.List;

/** Copies of parameter values, for early stopping: keep the best epoch's weights, put them back at the end. */
public final class ParamSnapshot {
    private ParamSnapshot() {}

    /** A copy of every parameter's values, in list order. */
    public static float[][] take(List<Param> params) {
        float[][] s = new float[params.size()][];
        for (int i = 0; i < s.length; i++) s[i] = params.get(i).value().data().clone();
        return s;
    }

    /** Writes a {@link #take} copy back into the same parameters. */
    public static void restore(List<Param> params, float[][] snapshot) {
        for (int i = 0; i < snapshot.length; i++) {
            System.arraycopy(snapshot[i], 0, params.get(i).value().data(), 0, snapshot[i].length);
        }
    }
}
