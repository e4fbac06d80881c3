package dev.recur.nn;

import dev.recur.tensor.Tensor;

/**
 * A trainable tensor and its gradient. {@code name} is the layer-local PyTorch name
 * ({@code weight_ih_l0}, {@code bias}, ...); the model prefixes it with the layer's name when saving.
 */
public final class Param {
    private final String name;
    private final Tensor value;
    private final Tensor grad;

    public Param(String name, Tensor value) {
        this.name = name;
        this.value = value;
        this.grad = Tensor.zeros(value.shape());
    }

    public String name() { return name; }
    public Tensor value() { return value; }
    public Tensor grad() { return grad; }
    public void zeroGrad() { grad.fill(0f); }
}
