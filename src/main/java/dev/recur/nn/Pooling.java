package dev.recur.nn;

import dev.recur.tensor.Tensor;

import java.util.Map;

/**
 * A sequence-to-vector layer over the time axis, {@code [batch, steps, D] → [batch, D]}, with no parameters: what
 * {@link LastStep}, {@link MeanPool} and {@link MaxPool} share (the width, the type name, the config, the checks,
 * what the forward pass keeps for the backward one). Each says only how a row of steps becomes one vector
 * ({@link #pool}) and where that vector's gradient goes ({@link #unpool}).
 */
abstract sealed class Pooling implements SequenceToVector permits LastStep, MeanPool, MaxPool {
    private final String type;
    final int size;

    Pooling(String type, int size) {
        this.type = type;
        this.size = Steps.positive(type, "size", size);
    }

    /** The input and what {@link #pool} returned for it. */
    private record Saved(Seq input, int[] index) {}

    /**
     * Writes the pooled {@code [batch, size]} values of {@code x} into {@code y} (zeros for a row of length 0) and
     * returns what {@link #unpool} needs besides the input, or null.
     */
    abstract int[] pool(Seq x, float[] y);

    /** Adds the gradient {@code g} of the pooled {@code [batch, size]} values into {@code dx}, shaped as {@code x}. */
    abstract void unpool(Seq x, int[] index, float[] g, float[] dx);

    @Override public final String type() { return type; }
    @Override public final int inputSize() { return size; }
    @Override public final int outputSize() { return size; }

    @Override
    public final Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(type, x, size);
        float[] y = new float[x.batch() * size];
        int[] index = pool(x, y);
        if (pass.training()) pass.save(this, new Saved(x, index));
        return Seq.full(Tensor.of(y, x.batch(), size));
    }

    @Override
    public final Seq backward(Seq dy, ForwardPass pass) {
        Saved s = pass.saved(this);
        Seq x = s.input();
        float[] dx = new float[x.values().size()];
        unpool(x, s.index(), dy.values().data(), dx);
        return new Seq(Tensor.of(dx, x.values().shape()), x.lengths());
    }

    @Override
    public final Map<String, Object> config() { return Map.of("size", size); }
}
