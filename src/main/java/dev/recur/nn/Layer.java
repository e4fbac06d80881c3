package dev.recur.nn;

import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * One stage of a model. Layers are stateless between calls: caches for backward and recurrent states live
 * in the {@link ForwardPass}, gradients accumulate in the {@link Param}s.
 */
public interface Layer {

    /**
     * Returned by {@link #inputSize()} and {@link #outputSize()} of a size-agnostic layer (dropout or an
     * activation built without a size): it takes any feature size and gives back the same one.
     */
    int ANY_SIZE = -1;

    /** Type name used in model.json ("lstm", "dense", ...). */
    String type();

    /** Feature size this layer takes (the last dimension of its input). */
    int inputSize();

    /** Feature size this layer produces. */
    int outputSize();

    Seq forward(Seq x, ForwardPass pass);

    /**
     * Takes d(loss)/d(output), accumulates parameter gradients, returns d(loss)/d(input) (or null if the pass
     * said nothing needs it: {@link ForwardPass#skipInputGradient}).
     */
    Seq backward(Seq dy, ForwardPass pass);

    default List<Param> params() { return List.of(); }

    /** (Re)draws the parameters with PyTorch's default scheme for this layer type, from {@code random}. */
    default void initialize(Random random) {}

    /** Settings that rebuild this layer (besides its weights), written to model.json. */
    Map<String, Object> config();
}
