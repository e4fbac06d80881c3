package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Gradients through recurrent states (encoder → decoder): with L = Σ y⊙R + Σ final⊙Q for random R, Q,
 * backward given dy = R and {@link ForwardPass#setFinalStateGrad} Q must give
 * {@link ForwardPass#initialStateGrad} and parameter gradients equal to central finite differences.
 */
class StateGradientTest {

    @Test void lstmTwoLayersBidirectionalWithLengths() { check(new Lstm(3, 4, 2, true, true), new int[] {5, 3, 0}); }

    @Test void lstmOneLayer() { check(new Lstm(3, 5), null); }

    @Test void gru() { check(new Gru(3, 4, 2, false, true), new int[] {5, 2, 4}); }

    @Test void rnn() { check(new Rnn(3, 4, 1, true, true, Rnn.Activation.TANH), new int[] {4, 5, 1}); }

    @Test void withoutAnInitialStateNothingIsReported() {
        Lstm l = new Lstm(2, 3);
        ForwardPass pass = ForwardPass.training(new Random(1));
        Seq y = l.forward(TestSeqs.sequence(1, 2, 3, 2, null), pass);
        l.backward(new Seq(Tensor.zeros(y.values().shape()), null), pass);
        assertNull(pass.initialStateGrad(l));
    }

    private static void check(Recurrent layer, int[] lengths) {
        layer.initialize(new Random(7));
        int batch = 3, steps = 5;
        Seq x = TestSeqs.sequence(2, batch, steps, layer.inputSize(), lengths);
        Random rnd = new Random(3);
        int stateSize = layer.numLayers() * (layer.bidirectional() ? 2 : 1) * batch * layer.hiddenSize();
        int count = layer instanceof Lstm ? 2 : 1;
        float[][] init = new float[count][stateSize], q = new float[count][stateSize];
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < stateSize; i++) {
                init[s][i] = (float) rnd.nextGaussian() * 0.5f;
                q[s][i] = (float) rnd.nextGaussian();
            }
        }
        ForwardPass probe = ForwardPass.inference();
        probe.setInitialState(layer, init);
        Seq y0 = layer.forward(x, probe);
        float[] r = new float[y0.values().size()];
        for (int i = 0; i < r.length; i++) r[i] = (float) rnd.nextGaussian();

        for (Param p : layer.params()) p.zeroGrad();
        ForwardPass pass = ForwardPass.training(new Random(1));
        pass.setInitialState(layer, copy(init));
        pass.setFinalStateGrad(layer, q);
        Seq y = layer.forward(x, pass);
        layer.backward(new Seq(Tensor.of(r.clone(), y.values().shape()), y.lengths()), pass);
        float[][] dInit = pass.initialStateGrad(layer);
        assertNotNull(dInit);

        float eps = 1e-2f;
        for (int s = 0; s < count; s++) {
            for (int i = 0; i < stateSize; i++) {
                float[][] plus = copy(init), minus = copy(init);
                plus[s][i] += eps;
                minus[s][i] -= eps;
                double fd = (loss(layer, x, plus, r, q) - loss(layer, x, minus, r, q)) / (2 * eps);
                assertEquals(fd, dInit[s][i], 2e-3 + 2e-2 * Math.abs(fd), "d initial state[" + s + "][" + i + "]");
            }
        }
        for (Param p : layer.params()) {
            float[] v = p.value().data();
            for (int n = 0; n < 6; n++) {
                int i = rnd.nextInt(v.length);
                float old = v[i];
                v[i] = old + eps;
                double lp = loss(layer, x, init, r, q);
                v[i] = old - eps;
                double lm = loss(layer, x, init, r, q);
                v[i] = old;
                double fd = (lp - lm) / (2 * eps);
                assertEquals(fd, p.grad().data()[i], 2e-3 + 2e-2 * Math.abs(fd), p.name() + "[" + i + "]");
            }
        }
    }

    private static double loss(Recurrent layer, Seq x, float[][] init, float[] r, float[][] q) {
        ForwardPass pass = ForwardPass.inference();
        pass.setInitialState(layer, copy(init));
        Seq y = layer.forward(x, pass);
        double l = 0;
        float[] v = y.values().data();
        for (int i = 0; i < v.length; i++) l += (double) v[i] * r[i];
        float[][] fin = pass.finalState(layer);
        for (int s = 0; s < q.length; s++) for (int i = 0; i < q[s].length; i++) l += (double) fin[s][i] * q[s][i];
        return l;
    }

    private static float[][] copy(float[][] a) {
        float[][] c = new float[a.length][];
        for (int i = 0; i < a.length; i++) c[i] = a[i].clone();
        return c;
    }
}
