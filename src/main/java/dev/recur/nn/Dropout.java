package dev.recur.nn;

import dev.recur.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

/**
 * Inverted dropout: in a training pass each value is zeroed with probability p and the rest scaled by
 * 1/(1−p), drawing from {@link ForwardPass#random()}; at inference it is the identity. Built without a size
 * it takes any feature size ({@link Layer#ANY_SIZE}).
 */
public final class Dropout implements Layer {
    public static final String TYPE = "dropout";

    private final int size;
    private final float p;

    public Dropout(float p) { this(ANY_SIZE, p); }

    public Dropout(int size, float p) {
        if (size != ANY_SIZE) Steps.positive(TYPE, "size", size);
        if (!(p >= 0f && p <= 1f)) throw new IllegalArgumentException(TYPE + ": p must be in [0, 1], got " + p);
        this.size = size;
        this.p = p;
    }

    @Override public String type() { return TYPE; }
    @Override public int inputSize() { return size; }
    @Override public int outputSize() { return size; }
    public float p() { return p; }

    /** The scale each value was multiplied by (0 or 1/(1−p)); null when nothing was dropped. */
    private record Mask(float[] scale) {}

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireDims(TYPE, x, size);
        if (!pass.training() || p == 0f) {
            if (pass.training()) pass.save(this, new Mask(null));
            return x;
        }
        float keep = p == 1f ? 0f : 1f / (1f - p);
        Random random = pass.random();
        float[] v = x.values().data();
        float[] scale = new float[v.length];
        float[] y = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            scale[i] = random.nextFloat() < p ? 0f : keep;
            y[i] = v[i] * scale[i];
        }
        pass.save(this, new Mask(scale));
        return new Seq(Tensor.of(y, x.values().shape()), x.lengths());
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Mask m = pass.saved(this);
        if (m.scale() == null) return dy;
        float[] g = dy.values().data();
        float[] dx = new float[g.length];
        for (int i = 0; i < g.length; i++) dx[i] = g[i] * m.scale()[i];
        return new Seq(Tensor.of(dx, dy.values().shape()), dy.lengths());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        if (size != ANY_SIZE) c.put("size", size);
        c.put("p", p);
        return c;
    }
}
