package dev.recur.nn;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class EnsembleTest {
    static Sequential member(long seed) {
        Sequential s = Sequential.of(new Lstm(3, 4), new AttentionPool(4), new Dense(4, 3));
        s.initialize(seed);
        Random r = new Random(seed);
        float[] w = ((AttentionPool) s.layers().get(1)).weight().value().data();
        for (int i = 0; i < w.length; i++) w[i] = (float) r.nextGaussian();
        return s;
    }

    @Test void outputIsTheLogOfTheMeanProbability() {
        Sequential a = member(1), b = member(2);
        Ensemble e = new Ensemble(List.of(a, b));
        Seq x = TestSeqs.sequence(3, 2, 5, 3, new int[] {5, 3});
        ForwardPass p = ForwardPass.inference();
        float[] za = a.forward(x, p).values().data(), zb = b.forward(x, p).values().data();
        float[] y = e.forward(x, ForwardPass.inference()).values().data();
        for (int row = 0; row < 2; row++) {
            double[] pa = softmax(za, row * 3), pb = softmax(zb, row * 3);
            for (int c = 0; c < 3; c++) assertEquals(Math.log((pa[c] + pb[c]) / 2), y[row * 3 + c], 1e-6);
        }
    }

    static double[] softmax(float[] z, int o) {
        double max = Math.max(z[o], Math.max(z[o + 1], z[o + 2])), s = 0;
        double[] p = new double[3];
        for (int c = 0; c < 3; c++) s += p[c] = Math.exp(z[o + c] - max);
        for (int c = 0; c < 3; c++) p[c] /= s;
        return p;
    }

    @Test void gradients() {
        Ensemble e = new Ensemble(List.of(member(4), member(5), member(6)));
        GradientCheck.check(e, TestSeqs.sequence(7, 3, 4, 3, new int[] {4, 2, 3}), 8, 40, true);
    }

    @Test void namesAndConfigRebuild() {
        Sequential model = Sequential.builder().add("ensemble", new Ensemble(List.of(member(1), member(2)))).build();
        Map<String, Param> named = model.namedParams();
        assertTrue(named.containsKey("ensemble.0.0.weight_ih_l0") && named.containsKey("ensemble.1.2.bias")
                && named.containsKey("ensemble.1.1.weight"), named.keySet().toString());
        Sequential again = Sequential.fromConfig(model.config());
        assertEquals(named.keySet(), again.namedParams().keySet());
        var err = assertThrows(IllegalArgumentException.class, () -> new Ensemble(List.of(member(1), Sequential.of(new Dense(3, 3)))));
        assertTrue(err.getMessage().contains("one architecture"));
        var bad = assertThrows(IllegalArgumentException.class, () -> Layers.fromConfig("ensemble", Map.of("members", List.of(Map.of("layers", "x")))));
        assertTrue(bad.getMessage().startsWith("ensemble: member 0: "), bad.getMessage());
    }

    @Test void oneMemberGivesItsOwnProbabilities() {
        Sequential a = member(3);
        Seq x = TestSeqs.sequence(9, 2, 4, 3, null);
        float[] z = a.forward(x, ForwardPass.inference()).values().data();
        float[] y = new Ensemble(List.of(a)).forward(x, ForwardPass.inference()).values().data();
        for (int row = 0; row < 2; row++) {
            double[] p = softmax(z, row * 3);
            for (int c = 0; c < 3; c++) assertEquals(Math.log(p[c]), y[row * 3 + c], 1e-5);
        }
    }
}
