package dev.recur.tensor.simd;

import dev.recur.tensor.Kernels;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * SIMD kernels on the Vector API. The only package that touches jdk.incubator.vector; loaded
 * reflectively by the kernel selector so the rest of Recur runs without the module.
 */
public final class VectorKernels implements Kernels {
    public static final VectorKernels INSTANCE = new VectorKernels();
    static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED;

    private VectorKernels() {}

    @Override public String name() { return "vector"; }
    @Override public int floatLanes() { return F.length(); }

    @Override
    public void axpy(int n, float a, float[] x, int xOff, float[] y, int yOff) {
        int i = 0;
        int upper = F.loopBound(n);
        FloatVector va = FloatVector.broadcast(F, a);
        for (; i < upper; i += F.length()) {
            FloatVector.fromArray(F, x, xOff + i).fma(va, FloatVector.fromArray(F, y, yOff + i)).intoArray(y, yOff + i);
        }
        for (; i < n; i++) y[yOff + i] += a * x[xOff + i];
    }
}
