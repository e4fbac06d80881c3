package dev.recur.train;

import dev.recur.nn.Param;
import dev.recur.tensor.Tensor;

import java.util.List;
import java.util.Map;

/**
 * Updates a fixed list of parameters from their accumulated gradients, with PyTorch's {@code torch.optim}
 * semantics. The state (step count, moment buffers) exports as tensors keyed like PyTorch's optimizer
 * state_dict, by parameter index: {@code "step"}, {@code "0.exp_avg"}, {@code "3.momentum_buffer"}, ...,
 * so a checkpoint can store it in a safetensors file next to the weights.
 */
public interface Optimizer {

    /** The parameters this optimizer updates, in index order. */
    List<Param> params();

    /** One update from the current gradients (which are left as they are). */
    void step();

    /** Steps taken so far (also restored by {@link #loadState}). */
    long steps();

    double learningRate();

    /** For schedules: the rate used by the next {@link #step()}. */
    void setLearningRate(double lr);

    default void zeroGrad() {
        for (Param p : params()) p.zeroGrad();
    }

    /** A snapshot (copies) of the optimizer state. */
    Map<String, Tensor> state();

    /** Restores a {@link #state()} snapshot taken from an optimizer of the same kind over same-shaped params. */
    void loadState(Map<String, Tensor> state);
}
