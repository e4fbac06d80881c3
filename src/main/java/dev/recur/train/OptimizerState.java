package dev.recur.train;

import dev.recur.nn.Param;
import dev.recur.tensor.Tensor;

import java.util.List;
import java.util.Map;
import java.util.Set;

/** Shared bookkeeping for exporting and importing optimizer buffers. */
final class OptimizerState {
    private OptimizerState() {}

    static final String STEP = "step";

    static Tensor stepTensor(long steps) {
        // float32 counts exactly up to 2^24 steps, far beyond any run this library is meant for
        return Tensor.of(new float[] {steps}, 1);
    }

    static long readStep(Map<String, Tensor> state) {
        Tensor t = state.get(STEP);
        if (t == null || t.size() != 1) throw new IllegalArgumentException("optimizer state: missing 'step'");
        float v = t.data()[0];
        if (!(v >= 0) || v != Math.rint(v)) throw new IllegalArgumentException("optimizer state: bad step " + v);
        return (long) v;
    }

    /** Copies state[i + "." + buffer] into a fresh tensor shaped like params[i], or null when absent. */
    static float[] readBuffer(Map<String, Tensor> state, List<Param> params, int i, String buffer) {
        String key = i + "." + buffer;
        Tensor t = state.get(key);
        if (t == null) return null;
        if (!t.sameShape(params.get(i).value())) {
            throw new IllegalArgumentException("optimizer state: '" + key + "' has shape " + t.shapeString()
                    + " but parameter " + i + " (" + params.get(i).name() + ") has " + params.get(i).value().shapeString());
        }
        return t.data().clone();
    }

    /** Rejects keys this optimizer would not understand (e.g. a state saved for another model). */
    static void checkKeys(Map<String, Tensor> state, int params, Set<String> buffers) {
        for (String k : state.keySet()) {
            if (k.equals(STEP)) continue;
            int dot = k.indexOf('.');
            boolean ok = dot > 0 && buffers.contains(k.substring(dot + 1));
            if (ok) {
                try {
                    int i = Integer.parseInt(k.substring(0, dot));
                    ok = i >= 0 && i < params;
                } catch (NumberFormatException e) {
                    ok = false;
                }
            }
            if (!ok) throw new IllegalArgumentException("optimizer state: unexpected entry '" + k + "'");
        }
    }
}
