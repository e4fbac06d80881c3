package dev.recur.train;

import dev.recur.io.Fixtures;
import dev.recur.io.SafeTensors;
import dev.recur.nn.Param;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.*;

class OptimizerTest {

    private static Param param(float... v) { return new Param("w", Tensor.of(v.clone(), v.length)); }

    private static void setGrad(Param p, float... g) { System.arraycopy(g, 0, p.grad().data(), 0, g.length); }

    @Test void sgdMomentumByHand() {
        Param p = param(1f, -2f);
        Sgd sgd = new Sgd(List.of(p), 0.1, 0.5, 0.0);
        setGrad(p, 2f, 4f);
        sgd.step();  // buf = g = (2, 4); p = (1 - 0.2, -2 - 0.4)
        assertArrayEquals(new float[] {0.8f, -2.4f}, p.value().data(), 1e-6f);
        setGrad(p, 1f, 0f);
        sgd.step();  // buf = 0.5·(2,4) + (1,0) = (2, 2); p -= 0.1·buf
        assertArrayEquals(new float[] {0.6f, -2.6f}, p.value().data(), 1e-6f);
        assertEquals(2, sgd.steps());
    }

    @Test void sgdWeightDecayAddsToGradient() {
        Param p = param(2f);
        Sgd sgd = new Sgd(List.of(p), 0.5, 0, 0.1);
        setGrad(p, 1f);
        sgd.step();  // g = 1 + 0.1·2 = 1.2; p = 2 - 0.6
        assertEquals(1.4f, p.value().data()[0], 1e-6f);
    }

    @Test void adamFirstStepMovesByLearningRate() {
        // After bias correction, step 1 is p − lr·g/(|g| + eps).
        Param p = param(1f, 1f, 1f);
        Adam adam = new Adam(List.of(p), 0.01);
        setGrad(p, 3f, -0.5f, 0f);
        adam.step();
        assertArrayEquals(new float[] {0.99f, 1.01f, 1f}, p.value().data(), 1e-6f);
    }

    @Test void adamWeightDecayCoupledAndDecoupled() {
        // zero gradient: Adam's L2 decay still moves by ~lr·sign(p); AdamW shrinks by lr·wd·p only.
        Param a = param(2f), w = param(2f);
        new Adam(List.of(a), 0.1, 0.9, 0.999, 1e-8, 0.5).step();
        Adam.adamW(List.of(w), 0.1, 0.9, 0.999, 1e-8, 0.5).step();
        assertEquals(1.9f, a.value().data()[0], 1e-6f);
        assertEquals(2f * (1 - 0.1f * 0.5f), w.value().data()[0], 1e-6f);
    }

    @Test void matchesPyTorchOptimizers() throws IOException {
        Map<String, Tensor> f = SafeTensors.read(Fixtures.path("optimizers.safetensors")).tensors();
        Map<String, Function<List<Param>, Optimizer>> kinds = Map.of(
                "adam", ps -> new Adam(ps, 0.01, 0.9, 0.999, 1e-8, 0),
                "adam_wd", ps -> new Adam(ps, 0.01, 0.8, 0.99, 1e-6, 0.1),
                "adamw", ps -> Adam.adamW(ps, 0.01, 0.9, 0.999, 1e-8, 0.1),
                "sgd_momentum", ps -> new Sgd(ps, 0.1, 0.9, 0.01),
                "sgd_nesterov", ps -> new Sgd(ps, 0.1, 0.9, 0.01, true),
                "sgd_plain", ps -> new Sgd(ps, 0.1));
        for (var kind : kinds.entrySet()) {
            String key = kind.getKey();
            Param p = new Param("p", f.get("p0").copy());
            Optimizer opt = kind.getValue().apply(List.of(p));
            for (int i = 0; i < 5; i++) {
                System.arraycopy(f.get("g" + i).data(), 0, p.grad().data(), 0, p.grad().size());
                opt.step();
                assertClose(f.get(key + ".p" + (i + 1)).data(), p.value().data(), 1e-5, key + " step " + (i + 1));
            }
            Map<String, Tensor> state = opt.state();
            for (String buf : List.of("exp_avg", "exp_avg_sq", "momentum_buffer")) {
                Tensor want = f.get(key + "." + buf);
                if (want != null) assertClose(want.data(), state.get("0." + buf).data(), 1e-5, key + " " + buf);
                else assertNull(state.get("0." + buf), key + " has no " + buf);
            }
            assertEquals(5f, state.get("step").data()[0]);
        }
    }

    @Test void stateExportImportContinuesIdentically() {
        for (int kind = 0; kind < 2; kind++) {
            Param a = new Param("a", Tensor.of(new float[] {0.5f, -1f, 2f, 0f}, 2, 2));
            Param b = new Param("b", Tensor.of(new float[] {1f, 2f, 3f}, 3));
            Param a2 = new Param("a", Tensor.zeros(2, 2)), b2 = new Param("b", Tensor.zeros(3));
            Optimizer o1 = make(kind, List.of(a, b)), o2 = null;
            java.util.Random rnd = new java.util.Random(7);
            for (int s = 0; s < 6; s++) {
                if (s == 3) {
                    // a fresh optimizer resumes from the exported state (its own moments would be zero)
                    o2 = make(kind, List.of(a2, b2));
                    o2.loadState(o1.state());
                    System.arraycopy(a.value().data(), 0, a2.value().data(), 0, 4);
                    System.arraycopy(b.value().data(), 0, b2.value().data(), 0, 3);
                }
                for (Param[] pair : new Param[][] {{a, a2}, {b, b2}}) {
                    for (int j = 0; j < pair[0].grad().size(); j++) {
                        float g = (float) rnd.nextGaussian();
                        pair[0].grad().data()[j] = g;
                        pair[1].grad().data()[j] = g;
                    }
                }
                o1.step();
                if (o2 != null) o2.step();
            }
            assertArrayEquals(a.value().data(), a2.value().data(), "kind " + kind);
            assertArrayEquals(b.value().data(), b2.value().data(), "kind " + kind);
            assertEquals(6, o1.steps());
            assertEquals(6, o2.steps());
        }
    }

    private static Optimizer make(int kind, List<Param> ps) {
        return kind == 0 ? new Adam(ps, 0.05, 0.9, 0.99, 1e-8, 0.01) : new Sgd(ps, 0.05, 0.9, 0.01);
    }

    @Test void loadStateRejectsMismatches() {
        Param p = param(1f, 2f);
        Adam adam = new Adam(List.of(p), 0.1);
        Map<String, Tensor> bad = Map.of("step", Tensor.of(new float[] {1}, 1),
                "0.exp_avg", Tensor.zeros(3), "0.exp_avg_sq", Tensor.zeros(3));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> adam.loadState(bad));
        assertTrue(e.getMessage().contains("'0.exp_avg' has shape [3]"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> adam.loadState(Map.of("step", Tensor.of(new float[] {1}, 1))));
        assertThrows(IllegalArgumentException.class, () -> adam.loadState(Map.of("step", Tensor.of(new float[] {1}, 1),
                "0.exp_avg", Tensor.zeros(2), "0.exp_avg_sq", Tensor.zeros(2), "1.exp_avg", Tensor.zeros(2))));
        assertThrows(IllegalArgumentException.class, () -> new Sgd(List.of(p), 0.1).loadState(Map.of()));
    }

    @Test void zeroGradClearsAllGradients() {
        Param p = param(1f, 2f);
        setGrad(p, 3f, 4f);
        new Sgd(List.of(p), 0.1).zeroGrad();
        assertArrayEquals(new float[] {0f, 0f}, p.grad().data());
    }

    @Test void clippingMatchesPyTorch() throws IOException {
        Map<String, Tensor> f = SafeTensors.read(Fixtures.path("optimizers.safetensors")).tensors();
        for (String key : List.of("clip1", "clip100")) {
            Param a = new Param("a", Tensor.zeros(3, 4)), b = new Param("b", Tensor.zeros(5));
            System.arraycopy(f.get("clip.a").data(), 0, a.grad().data(), 0, 12);
            System.arraycopy(f.get("clip.b").data(), 0, b.grad().data(), 0, 5);
            double norm = GradientClipping.clipGlobalNorm(List.of(a, b), key.equals("clip1") ? 1.0 : 100.0);
            assertEquals(f.get(key + ".norm").data()[0], norm, 1e-5);
            assertClose(f.get(key + ".a").data(), a.grad().data(), 1e-6, key);
            assertClose(f.get(key + ".b").data(), b.grad().data(), 1e-6, key);
        }
    }

    @Test void clippingByHand() {
        Param p = param(0f, 0f);
        setGrad(p, 3f, 4f);
        assertEquals(5.0, GradientClipping.clipGlobalNorm(List.of(p), 1.0), 1e-9);
        assertEquals(1.0, Math.hypot(p.grad().data()[0], p.grad().data()[1]), 1e-5);
        setGrad(p, Float.NaN, 1f);
        assertTrue(Double.isNaN(GradientClipping.clipGlobalNorm(List.of(p), 1.0)));
        assertEquals(1f, p.grad().data()[1], "non-finite norm leaves gradients alone");
    }

    static void assertClose(float[] want, float[] got, double tol, String what) {
        assertEquals(want.length, got.length, what);
        for (int i = 0; i < want.length; i++) {
            double err = Math.abs(want[i] - got[i]);
            if (err > tol * Math.max(1, Math.abs(want[i]))) {
                fail(what + "[" + i + "]: expected " + want[i] + " got " + got[i]);
            }
        }
    }
}
