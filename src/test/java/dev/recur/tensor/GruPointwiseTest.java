package dev.recur.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.recur.tensor.KernelCheck.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fused GRU step: vector against scalar, and the scalar backward against finite differences. */
class GruPointwiseTest {
    static final Kernels S = Kernels.scalar();
    static final Kernels V = Kernels.active();
    static final int OFF = 2;

    /** One step's operands; rows of gx/gh are 3·hidden + 1 apart, of the hidden-sized arrays hidden + 2. */
    record Step(int batch, int hidden, float[] gx, float[] gh, float[] hPrev, float[] h, float[] dh,
                float[] dGx, float[] dGh, float[] dhPrev) {
        int ldg() { return 3 * hidden + 1; }
        int ld() { return hidden + 2; }

        static Step random(Random rnd, int batch, int hidden) {
            int ldg = 3 * hidden + 1, ld = hidden + 2;
            return new Step(batch, hidden, KernelCheck.random(rnd, OFF + batch * ldg, 3f), KernelCheck.random(rnd, OFF + batch * ldg, 3f),
                    KernelCheck.random(rnd, OFF + batch * ld, 1f), new float[OFF + batch * ld], KernelCheck.random(rnd, OFF + batch * ld, 1f),
                    new float[OFF + batch * ldg], new float[OFF + batch * ldg], new float[OFF + batch * ld]);
        }

        Step copy() {
            return new Step(batch, hidden, gx.clone(), gh.clone(), hPrev.clone(), h.clone(), dh.clone(), dGx.clone(), dGh.clone(), dhPrev.clone());
        }

        void forward(Kernels k) {
            k.gruPointwise(batch, hidden, gx, OFF, ldg(), gh, OFF, ldg(), hPrev, OFF, ld(), h, OFF, ld());
        }

        void backward(Kernels k) {
            k.gruPointwiseBackward(batch, hidden, gx, OFF, ldg(), gh, OFF, ldg(), hPrev, OFF, ld(), dh, OFF, ld(),
                    dGx, OFF, ldg(), dGh, OFF, ldg(), dhPrev, OFF, ld());
        }
    }

    @Test
    void vectorMatchesScalar() {
        Random rnd = new Random(21);
        for (int batch : new int[] {1, 3}) for (int hidden : new int[] {1, 7, 13, 37, 129}) {
            Step s = Step.random(rnd, batch, hidden), v = s.copy();
            s.forward(S);
            v.forward(V);
            String what = " batch=" + batch + " hidden=" + hidden;
            assertClose("gx" + what, s.gx(), v.gx());
            assertClose("h" + what, s.h(), v.h());
            s.backward(S);
            v.backward(V);
            assertClose("dGx" + what, s.dGx(), v.dGx());
            assertClose("dGh" + what, s.dGh(), v.dGh());
            assertClose("dhPrev" + what, s.dhPrev(), v.dhPrev());
        }
    }

    /** L = Σ h⊙dh: the pre-activation gradients and the direct dhPrev part against central differences. */
    @Test
    void backwardMatchesFiniteDifferences() {
        Random rnd = new Random(22);
        Step base = Step.random(rnd, 2, 4);
        Step run = base.copy();
        run.forward(S);
        run.backward(S);
        double eps = 1e-2;
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 12; j++) {
                int i = OFF + b * base.ldg() + j;
                assertEquals(numeric(base, 0, i, eps), run.dGx()[i], 2e-3 + 1e-2 * Math.abs(run.dGx()[i]), "dGx b=" + b + " j=" + j);
                if (j >= 8) {
                    assertEquals(numeric(base, 1, i, eps), run.dGh()[i], 2e-3 + 1e-2 * Math.abs(run.dGh()[i]), "dGh b=" + b + " j=" + j);
                } else {
                    // r's and z's hidden products were summed into gx: their gradient is gx's.
                    assertEquals(run.dGx()[i], run.dGh()[i], "dGh b=" + b + " j=" + j);
                }
            }
            for (int j = 0; j < 4; j++) {
                int i = OFF + b * base.ld() + j;
                assertEquals(numeric(base, 2, i, eps), run.dhPrev()[i], 2e-3 + 1e-2 * Math.abs(run.dhPrev()[i]), "dhPrev b=" + b + " j=" + j);
            }
        }
    }

    /** dL/d(which[i]) by central differences, which = 0 gx, 1 gh, 2 hPrev (hPrev only through the z⊙hPrev term). */
    private static double numeric(Step base, int which, int i, double eps) {
        return (loss(base, which, i, eps) - loss(base, which, i, -eps)) / (2 * eps);
    }

    private static double loss(Step base, int which, int i, double d) {
        Step s = base.copy();
        (which == 0 ? s.gx() : which == 1 ? s.gh() : s.hPrev())[i] += (float) d;
        s.forward(S);
        double l = 0;
        for (int b = 0; b < s.batch(); b++) {
            for (int j = 0; j < s.hidden(); j++) l += (double) s.h()[OFF + b * s.ld() + j] * base.dh()[OFF + b * s.ld() + j];
        }
        return l;
    }
}
