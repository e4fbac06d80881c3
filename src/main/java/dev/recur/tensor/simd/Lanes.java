package dev.recur.tensor.simd;

import jdk.incubator.vector.FloatVector;

/**
 * Lane sums in one fixed order. {@code reduceLanes(ADD)} may add lanes in any order, and HotSpot does:
 * the interpreter and C1 add them one by one, C2's intrinsic pairwise, so the same call gave results a few
 * ulps apart before and after warm-up (a model's output changed after ~20 calls). Summing the stored lanes
 * left to right makes every tier round alike.
 */
final class Lanes {
    private Lanes() {}

    static float sum(FloatVector v) {
        float[] lanes = new float[v.length()];
        v.intoArray(lanes, 0);
        float s = lanes[0];
        for (int i = 1; i < lanes.length; i++) s += lanes[i];
        return s;
    }
}
