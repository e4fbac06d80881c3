package dev.recur.nn;

import dev.recur.tensor.Tensor;

import java.util.Map;

/**
 * Halves the time axis as in a pyramidal RNN encoder (Listen, Attend and Spell): steps 2i and 2i+1 are
 * concatenated into one step of 2·D features. T becomes ⌈T/2⌉ and each length ⌈len/2⌉; a row's odd last
 * frame is paired with zeros (never with a padded frame).
 */
public final class Pyramid implements Layer {
    public static final String TYPE = "pyramid";

    private final int size;

    public Pyramid(int inputSize) { this.size = Steps.positive(TYPE, "input_size", inputSize); }

    @Override public String type() { return TYPE; }
    @Override public int inputSize() { return size; }
    @Override public int outputSize() { return 2 * size; }

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(TYPE, x, size);
        int batch = x.batch(), steps = x.steps(), outSteps = (steps + 1) / 2;
        float[] v = x.values().data();
        float[] y = new float[batch * outSteps * 2 * size];
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            // Frame t of row b lands at output step t/2, half t%2: the same offset as in a flat copy.
            for (int t = 0; t < len; t++) {
                System.arraycopy(v, (b * steps + t) * size, y, (b * outSteps * 2 + t) * size, size);
            }
        }
        if (pass.training()) pass.save(this, x);
        return new Seq(Tensor.of(y, batch, outSteps, 2 * size), halve(x.lengths()));
    }

    static int[] halve(int[] lengths) {
        if (lengths == null) return null;
        int[] h = new int[lengths.length];
        for (int i = 0; i < h.length; i++) h[i] = (lengths[i] + 1) / 2;
        return h;
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Seq x = pass.saved(this);
        int batch = x.batch(), steps = x.steps(), outSteps = dy.steps();
        float[] g = dy.values().data();
        float[] dx = new float[x.values().size()];
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            for (int t = 0; t < len; t++) {
                System.arraycopy(g, (b * outSteps * 2 + t) * size, dx, (b * steps + t) * size, size);
            }
        }
        return new Seq(Tensor.of(dx, x.values().shape()), x.lengths());
    }

    @Override
    public Map<String, Object> config() { return Map.of("input_size", size); }
}
