package dev.recur.nn;

import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.Collections;

/**
 * Everything one forward call needs beyond its input: whether it trains (dropout on, caches kept for
 * backward), its random source, the caches each layer leaves for its backward pass, and recurrent states
 * carried in and out (stateful inference, truncated BPTT). Layers keep no per-call state in their own
 * fields, so one model can serve many threads at once, each with its own pass.
 */
public final class ForwardPass {
    private final boolean training;
    private final Random random;
    private final Map<Layer, Object> caches = new IdentityHashMap<>();
    private final Map<Layer, float[][]> initialStates = new IdentityHashMap<>();
    private final Map<Layer, float[][]> finalStates = new IdentityHashMap<>();
    private final Map<Layer, float[][]> finalStateGrads = new IdentityHashMap<>();
    private final Map<Layer, float[][]> initialStateGrads = new IdentityHashMap<>();
    private final Set<Layer> noInputGradient = Collections.newSetFromMap(new IdentityHashMap<>());

    private ForwardPass(boolean training, Random random) {
        this.training = training;
        this.random = random;
    }

    public static ForwardPass inference() { return new ForwardPass(false, new Random(0)); }

    public static ForwardPass training(Random random) { return new ForwardPass(true, random); }

    public boolean training() { return training; }
    public Random random() { return random; }

    public void save(Layer layer, Object cache) { caches.put(layer, cache); }

    @SuppressWarnings("unchecked")
    public <T> T saved(Layer layer) {
        Object c = caches.get(layer);
        if (c == null) throw new IllegalStateException(layer.type() + ": backward without a training forward pass");
        return (T) c;
    }

    /** Recurrent state a layer starts from (e.g. {h, c} per direction and layer, each [batch×units]); null = zeros. */
    public float[][] initialState(Layer layer) { return initialStates.get(layer); }
    public void setInitialState(Layer layer, float[][] state) { initialStates.put(layer, state); }

    /** State a recurrent layer ended in, for carrying into the next call. */
    public float[][] finalState(Layer layer) { return finalStates.get(layer); }
    public void setFinalState(Layer layer, float[][] state) { finalStates.put(layer, state); }

    /**
     * Gradient of the loss with respect to a recurrent layer's final state (same layout as
     * {@link #finalState}), given before {@code backward}; null = the final state is not used by the loss.
     * An encoder whose final state starts a decoder gets the decoder's {@link #initialStateGrad} here.
     */
    public float[][] finalStateGrad(Layer layer) { return finalStateGrads.get(layer); }
    public void setFinalStateGrad(Layer layer, float[][] grad) { finalStateGrads.put(layer, grad); }

    /**
     * After {@code backward}: gradient of the loss with respect to the initial state the layer started from
     * (same layout as {@link #initialState}); set only when the pass had an initial state for the layer.
     */
    public float[][] initialStateGrad(Layer layer) { return initialStateGrads.get(layer); }
    public void setInitialStateGrad(Layer layer, float[][] grad) { initialStateGrads.put(layer, grad); }

    /**
     * Tells {@code layer}'s backward that nothing needs the gradient with respect to its input (the input is the
     * model's data, as a PyTorch tensor without requires_grad): it may skip computing it and return null. A
     * {@link Sequential} passes this on to its first layer; a recurrent layer then skips its first layer's
     * dX product. Returns this pass.
     */
    public ForwardPass skipInputGradient(Layer layer) {
        noInputGradient.add(layer);
        return this;
    }

    public boolean inputGradientSkipped(Layer layer) { return noInputGradient.contains(layer); }

    /** Moves every final state to be the next call's initial state (stateful inference, truncated BPTT). */
    public Map<Layer, float[][]> finalStates() { return finalStates; }
}
