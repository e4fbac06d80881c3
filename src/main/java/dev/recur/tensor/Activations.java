package dev.recur.tensor;

/** Scalar activation functions shared by the kernel bodies and the layers. */
public final class Activations {
    private Activations() {}

    public static float sigmoid(float x) {
        // Both branches stay in range for any x: exp never overflows to Inf in the division.
        if (x >= 0f) return (float) (1.0 / (1.0 + Math.exp(-x)));
        double e = Math.exp(x);
        return (float) (e / (1.0 + e));
    }
}
