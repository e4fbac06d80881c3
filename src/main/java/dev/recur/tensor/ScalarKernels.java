package dev.recur.tensor;

/** The reference kernels: the scalar bodies of {@link Kernels}, unchanged. */
public final class ScalarKernels implements Kernels {
    public static final ScalarKernels INSTANCE = new ScalarKernels();

    private ScalarKernels() {}
}
