package dev.recur.tensor;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static dev.recur.tensor.KernelCheck.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The fused LSTM step: vector against scalar, and the scalar backward against finite differences. */
class LstmPointwiseTest {
    static final Kernels S = Kernels.scalar();
    static final Kernels V = Kernels.active();

    /** Operands of one step for {@code batch} rows with padded leading dimensions and offsets. */
    record Step(int batch, int hidden, float[] gates, float[] cPrev, float[] c, float[] h, float[] dh, float[] dc, float[] dGates) {
        static final int OFF = 3;
        int ldg() { return 4 * hidden + 2; }
        int ld() { return hidden + 1; }

        static Step random(Random rnd, int batch, int hidden) {
            int ldg = 4 * hidden + 2, ld = hidden + 1;
            return new Step(batch, hidden, KernelCheck.random(rnd, OFF + batch * ldg, 3f), KernelCheck.random(rnd, OFF + batch * ld, 1f),
                    new float[OFF + batch * ld], new float[OFF + batch * ld], KernelCheck.random(rnd, OFF + batch * ld, 1f),
                    KernelCheck.random(rnd, OFF + batch * ld, 1f), new float[OFF + batch * ldg]);
        }

        Step copy() {
            return new Step(batch, hidden, gates.clone(), cPrev.clone(), c.clone(), h.clone(), dh.clone(), dc.clone(), dGates.clone());
        }

        void forward(Kernels k) {
            k.lstmPointwise(batch, hidden, gates, OFF, ldg(), cPrev, OFF, ld(), c, OFF, ld(), h, OFF, ld());
        }

        void backward(Kernels k) {
            k.lstmPointwiseBackward(batch, hidden, gates, OFF, ldg(), cPrev, OFF, ld(), c, OFF, ld(),
                    dh, OFF, ld(), dc, OFF, ld(), dGates, OFF, ldg());
        }
    }

    @Test
    void vectorMatchesScalar() {
        Random rnd = new Random(11);
        for (int batch : new int[] {1, 3}) for (int hidden : new int[] {1, 7, 13, 37, 129}) {
            Step s = Step.random(rnd, batch, hidden), v = s.copy();
            s.forward(S);
            v.forward(V);
            String what = " batch=" + batch + " hidden=" + hidden;
            assertClose("gates" + what, s.gates(), v.gates());
            assertClose("c" + what, s.c(), v.c());
            assertClose("h" + what, s.h(), v.h());
            s.backward(S);
            v.backward(V);
            assertClose("dGates" + what, s.dGates(), v.dGates());
            assertClose("dcPrev" + what, s.dc(), v.dc());
        }
    }

    /** L = Σ h⊙dh + Σ c⊙dc (dh, dc fixed), so the backward must give dL/dpre-activations and dL/dcPrev. */
    @Test
    void backwardMatchesFiniteDifferences() {
        Random rnd = new Random(12);
        Step base = Step.random(rnd, 2, 5);
        float[] pre = base.gates().clone();
        Step run = base.copy();
        run.forward(S);
        run.backward(S);
        double eps = 1e-2;
        for (int b = 0; b < 2; b++) {
            for (int j = 0; j < 20; j++) {
                int i = Step.OFF + b * base.ldg() + j;
                double num = (loss(base, pre, i, eps, -1) - loss(base, pre, i, -eps, -1)) / (2 * eps);
                assertEquals(num, run.dGates()[i], 2e-3 + 1e-2 * Math.abs(num), "dGates b=" + b + " j=" + j);
            }
            for (int j = 0; j < 5; j++) {
                int i = Step.OFF + b * base.ld() + j;
                double num = (loss(base, pre, -1, eps, i) - loss(base, pre, -1, -eps, i)) / (2 * eps);
                assertEquals(num, run.dc()[i], 2e-3 + 1e-2 * Math.abs(num), "dcPrev b=" + b + " j=" + j);
            }
        }
    }

    private static double loss(Step base, float[] pre, int gateIndex, double d, int cPrevIndex) {
        Step s = base.copy();
        System.arraycopy(pre, 0, s.gates(), 0, pre.length);
        if (gateIndex >= 0) s.gates()[gateIndex] += (float) d;
        if (cPrevIndex >= 0) s.cPrev()[cPrevIndex] += (float) d;
        s.forward(S);
        double l = 0;
        for (int b = 0; b < s.batch(); b++) {
            for (int j = 0; j < s.hidden(); j++) {
                int i = Step.OFF + b * s.ld() + j;
                l += (double) s.h()[i] * base.dh()[i] + (double) s.c()[i] * base.dc()[i];
            }
        }
        return l;
    }
}
