package dev.recur.tensor.simd;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorised exp, sigmoid and tanh from polynomials, with float32 accuracy of a few ulp. They do not
 * depend on the Vector API's EXP/TANH lanewise operators, whose speed depends on whether the JDK build
 * has an intrinsic for the running CPU.
 */
final class VectorMath {
    private VectorMath() {}

    static final VectorSpecies<Float> F = Species.F;

    // exp: x = n·ln2 + r with |r| ≤ ln2/2, exp(r) by the Cephes expf polynomial, 2^n built in the exponent.
    private static final float EXP_HI = 88.0f;
    private static final float EXP_LO = -87.33654f;
    private static final float LOG2E = 1.44269504088896341f;
    private static final float LN2_HI = 0.693359375f;
    private static final float LN2_LO = -2.12194440e-4f;
    /** 1.5·2^23: adding it rounds to an integer that sits in the low mantissa bits. */
    private static final float ROUND = 12582912f;
    private static final float P0 = 1.9875691500e-4f, P1 = 1.3981999507e-3f, P2 = 8.3334519073e-3f;
    private static final float P3 = 4.1665795894e-2f, P4 = 1.6666665459e-1f, P5 = 5.0000001201e-1f;

    // Polynomials are written out with fma calls, not through a helper method: every helper call is one more
    // inlining decision, and when a caller's C2 node budget runs out mid-way the vectors get boxed.

    /** e^x, clamped to [e^-87.3, e^88]: below the smallest normal float it is ~1e-38, not 0. */
    static FloatVector exp(FloatVector x) {
        x = x.max(EXP_LO).min(EXP_HI);
        FloatVector t = x.fma(FloatVector.broadcast(F, LOG2E), FloatVector.broadcast(F, ROUND));
        FloatVector n = t.sub(ROUND);
        FloatVector r = n.fma(FloatVector.broadcast(F, -LN2_HI), x);
        r = n.fma(FloatVector.broadcast(F, -LN2_LO), r);
        FloatVector y = r.fma(FloatVector.broadcast(F, P0), FloatVector.broadcast(F, P1));
        y = y.fma(r, FloatVector.broadcast(F, P2));
        y = y.fma(r, FloatVector.broadcast(F, P3));
        y = y.fma(r, FloatVector.broadcast(F, P4));
        y = y.fma(r, FloatVector.broadcast(F, P5));
        y = y.mul(r.mul(r)).add(r).add(1f);
        // t's low mantissa bits hold n (two's complement); shifting them into the exponent field and adding
        // the bias gives the bits of 2^n (the high bits of t shift out).
        IntVector bits = t.reinterpretAsInts().lanewise(VectorOperators.LSHL, 23).add(127 << 23);
        return y.mul(bits.reinterpretAsFloats());
    }

    /** 1 / (1 + e^-x); for x below -88 the result is ~6e-39 instead of smaller, an absolute error under 1e-38. */
    static FloatVector sigmoid(FloatVector x) {
        return FloatVector.broadcast(F, 1f).div(exp(x.neg()).add(1f));
    }

    // tanh: the odd/even rational approximation used by Eigen (generic_fast_tanh_float), clamped where
    // tanh rounds to ±1 in float; below 4e-4 tanh(x) = x to float precision.
    private static final float TANH_CLAMP = 7.90531110763549805f;
    private static final float TANH_TINY = 0.0004f;
    private static final float A1 = 4.89352455891786e-03f, A3 = 6.37261928875436e-04f, A5 = 1.48572235717979e-05f;
    private static final float A7 = 5.12229709037114e-08f, A9 = -8.60467152213735e-11f, A11 = 2.00018790482477e-13f;
    private static final float A13 = -2.76076847742355e-16f;
    private static final float B0 = 4.89352518554385e-03f, B2 = 2.26843463243900e-03f, B4 = 1.18534705686654e-04f;
    private static final float B6 = 1.19825839466702e-06f;

    static FloatVector tanh(FloatVector x) {
        FloatVector xc = x.max(-TANH_CLAMP).min(TANH_CLAMP);
        FloatVector x2 = xc.mul(xc);
        FloatVector p = x2.fma(FloatVector.broadcast(F, A13), FloatVector.broadcast(F, A11));
        p = p.fma(x2, FloatVector.broadcast(F, A9));
        p = p.fma(x2, FloatVector.broadcast(F, A7));
        p = p.fma(x2, FloatVector.broadcast(F, A5));
        p = p.fma(x2, FloatVector.broadcast(F, A3));
        p = p.fma(x2, FloatVector.broadcast(F, A1)).mul(xc);
        FloatVector q = x2.fma(FloatVector.broadcast(F, B6), FloatVector.broadcast(F, B4));
        q = q.fma(x2, FloatVector.broadcast(F, B2));
        q = q.fma(x2, FloatVector.broadcast(F, B0));
        return p.div(q).blend(x, x.abs().lt(TANH_TINY));
    }
}
