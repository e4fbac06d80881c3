package dev.recur.nn;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A sequence-to-vector layer over the time axis, {@code [batch, steps, D] → [batch, D]}, with no parameters: what
 * {@link LastStep}, {@link MeanPool} and {@link MaxPool} share (the width, the type name, the config).
 */
abstract sealed class Pooling implements SequenceToVector permits LastStep, MeanPool, MaxPool {
    private final String type;
    final int size;

    Pooling(String type, int size) {
        this.type = type;
        this.size = Steps.positive(type, "size", size);
    }

    @Override public final String type() { return type; }
    @Override public final int inputSize() { return size; }
    @Override public final int outputSize() { return size; }

    @Override
    public final Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("size", size);
        return c;
    }
}
