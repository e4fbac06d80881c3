package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Skipping the input gradient changes nothing else: the same parameter gradients, bit for bit, and no dX. */
class SkipInputGradientTest {

    @Test
    void recurrentLayersGiveTheSameParameterGradientsWithoutTheirInputGradient() {
        for (Recurrent layer : List.of(new Lstm(5, 8, 2, false, true), new Gru(5, 8, 2, true, true),
                new Rnn(5, 8, 1, false, true, Rnn.Activation.TANH))) {
            float[][] full = gradients(layer, false);
            float[][] skipped = gradients(layer, true);
            for (int i = 0; i < full.length; i++) assertArrayEquals(full[i], skipped[i], layer.type() + " param " + i);
        }
    }

    @Test
    void sequentialPassesItToItsFirstLayer() {
        Sequential model = Sequential.builder().add(new Lstm(4, 6)).add(new LastStep(6)).add(new Dense(6, 3)).build();
        Seq x = new Seq(RecurrentTest.randn(new Random(1), 3, 7, 4), new int[] {7, 5, 2});
        ForwardPass pass = ForwardPass.training(new Random(2));
        model.forward(x, pass);
        assertNotNull(model.backward(Seq.full(RecurrentTest.randn(new Random(3), 3, 3)), pass));
        pass = ForwardPass.training(new Random(2));
        model.forward(x, pass);
        assertNull(model.backward(Seq.full(RecurrentTest.randn(new Random(3), 3, 3)), pass.skipInputGradient(model)));
    }

    private static float[][] gradients(Recurrent layer, boolean skip) {
        for (Param p : layer.params()) java.util.Arrays.fill(p.grad().data(), 0f);
        Tensor x = RecurrentTest.randn(new Random(1), 4, 9, layer.inputSize());
        Seq in = new Seq(x, new int[] {9, 3, 9, 6});
        ForwardPass pass = ForwardPass.training(new Random(2));
        Seq y = layer.forward(in, pass);
        Seq dy = new Seq(RecurrentTest.randn(new Random(3), 4, 9, layer.outputSize()), y.lengths());
        Seq dx = layer.backward(dy, skip ? pass.skipInputGradient(layer) : pass);
        if (skip) assertNull(dx);
        else assertNotNull(dx);
        float[][] g = new float[layer.params().size()][];
        for (int i = 0; i < g.length; i++) g[i] = layer.params().get(i).grad().data().clone();
        return g;
    }
}
