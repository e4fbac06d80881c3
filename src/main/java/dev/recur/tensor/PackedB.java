package dev.recur.tensor;

/**
 * The B operand of {@link Kernels#gemmPackedB}: op(B) [k×n] as given (B stored n×k when transB) and, for a
 * kernel path that packs B, its packed panels ({@code packed}; null on the scalar path, or when a caller
 * multiplies only a few rows and builds the record itself: then every product reads B as it is). Made once by
 * {@link Kernels#packB} for many products with the same B (a recurrent step loop multiplies by W_hh at
 * every step); B must not change while this is in use.
 */
public record PackedB(boolean transB, int k, int n, float[] b, int bOff, int ldb, float[] packed) {}
