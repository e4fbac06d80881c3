package dev.recur.nn;

import dev.recur.tensor.MemoryBudget;

import java.util.Arrays;
import java.util.Map;

/**
 * The parameter shapes a layer's sizes imply, checked before anything is allocated: every tensor must fit in a
 * Java array (sizes like hidden_size 1e9 overflow an int), and the values with their gradients must fit in the
 * heap ({@link MemoryBudget}). Shapes are longs so the arithmetic cannot overflow on the way. Each layer class
 * gives its shapes from its sizes (one home for its layout); {@link Layers#paramShapes} gives them from a
 * model.json config, so a model file can be checked against its weights file before it is built.
 */
public final class ParamShapes {
    private ParamShapes() {}

    /** Total values of {@code shapes}, or -1 when some tensor cannot exist (see {@link #check}). */
    public static long count(Map<String, long[]> shapes) {
        long n = 0;
        for (long[] s : shapes.values()) {
            long e = elements(s);
            if (e < 0) return -1;
            n += e;
        }
        return n;
    }

    /** Values of one shape, or -1 beyond {@link MemoryBudget#MAX_ARRAY} (or with a negative size). */
    public static long elements(long[] shape) {
        long e = 1;
        for (long d : shape) {
            if (d < 0 || d > MemoryBudget.MAX_ARRAY) return -1;
            e *= d;   // both factors <= 2^31, so no overflow before the check
            if (e > MemoryBudget.MAX_ARRAY) return -1;
        }
        return e;
    }

    /**
     * Refuses shapes that cannot be allocated: IllegalArgumentException "{@code layer}: {@code sizes} make
     * weight_hh_l0 [4000000000, 1000000000], more values than an array holds", or the memory budget's message.
     * {@code sizes} names the config fields ("hidden_size=1000000000, input_size=13").
     */
    public static void check(String layer, String sizes, Map<String, long[]> shapes) {
        for (Map.Entry<String, long[]> e : shapes.entrySet()) {
            if (elements(e.getValue()) < 0) {
                throw new IllegalArgumentException(layer + ": " + sizes + " make " + e.getKey() + " " + Arrays.toString(e.getValue())
                        + ", more values than an array holds");
            }
        }
        long n = count(shapes);
        if (n > 0) MemoryBudget.require(8 * n, layer + " with " + sizes + " (" + n + " parameters, values and gradients)");
    }
}
