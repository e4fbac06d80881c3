package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stepping one input at a time gives what forward gives for the whole sequence, and carries state both ways. */
class RecurrentStepperTest {
    static final int I = 5, H = 40, T = 6;

    static List<Recurrent> layers() {
        return List.of(new Lstm(I, H, 2, false, true), new Gru(I, H, 2, false, true),
                new Rnn(I, H, 2, false, true, Rnn.Activation.TANH), new Lstm(I, H, 1, false, false),
                new Gru(I, H, 1, false, false), new Rnn(I, H, 3, false, true, Rnn.Activation.RELU));
    }

    @Test
    void stepsEqualForwardAndItsFinalState() {
        for (Recurrent layer : layers()) {
            layer.initialize(new Random(3));
            Tensor x = RecurrentTest.randn(new Random(7), 1, T, I);
            // Start both from a nonzero state to check setState as well.
            float[][] init = new float[layer.stateCount()][layer.numLayers() * H];
            Random r = new Random(9);
            for (float[] s : init) for (int i = 0; i < s.length; i++) s[i] = (float) r.nextGaussian() * 0.5f;
            ForwardPass pass = ForwardPass.inference();
            pass.setInitialState(layer, init);
            float[] y = layer.forward(Seq.full(x), pass).values().data();

            RecurrentStepper stepper = layer.stepper();
            stepper.setState(init);
            for (int t = 0; t < T; t++) {
                float[] xt = new float[I];
                System.arraycopy(x.data(), t * I, xt, 0, I);
                float[] out = stepper.step(xt);
                for (int j = 0; j < H; j++) assertEquals(y[t * H + j], out[j], 1e-5, layer.type() + " t=" + t);
            }
            float[][] fin = pass.finalState(layer), got = stepper.state();
            for (int s = 0; s < fin.length; s++) {
                for (int i = 0; i < fin[s].length; i++) assertEquals(fin[s][i], got[s][i], 1e-5, layer.type());
            }
            stepper.reset();
            for (float[] s : stepper.state()) for (float v : s) assertEquals(0f, v);
        }
    }

    @Test
    void bf16WeightsStayCloseToForward() {
        Lstm layer = new Lstm(I, H, 2, false, true);
        Tensor x = RecurrentTest.randn(new Random(2), 1, T, I);
        float[] y = layer.forward(Seq.full(x), ForwardPass.inference()).values().data();
        RecurrentStepper stepper = layer.stepper(true);
        double worst = 0;
        for (int t = 0; t < T; t++) {
            float[] xt = new float[I];
            System.arraycopy(x.data(), t * I, xt, 0, I);
            float[] out = stepper.step(xt);
            for (int j = 0; j < H; j++) worst = Math.max(worst, Math.abs(y[t * H + j] - out[j]));
        }
        assertTrue(worst < 1e-2, "bf16 stepper differs by " + worst);
        assertTrue(worst > 0, "bf16 weights should change the result a little");
    }

    @Test
    void refusesBidirectionalLayersAndWrongInputs() {
        assertThrows(IllegalArgumentException.class, () -> new Lstm(I, H, 1, true, true).stepper());
        RecurrentStepper s = new Gru(I, H).stepper();
        assertThrows(IllegalArgumentException.class, () -> s.step(new float[I + 1]));
        assertThrows(IllegalArgumentException.class, () -> s.setState(new float[][] {new float[3]}));
    }

    @Test
    void aStepSplitAcrossThreadsGivesOneThreadsBits() {
        // 128 units split into two 64-unit parts; with a nonzero state, for every cell, float32 and bfloat16.
        for (Recurrent layer : List.of(new Lstm(I, 128, 2, false, true), new Gru(I, 128, 2, false, true),
                new Rnn(I, 128, 2, false, true, Rnn.Activation.TANH), new Lstm(I, 128, 1, false, false))) {
            for (boolean bf16 : new boolean[] {false, true}) {
                layer.initialize(new Random(4));
                float[][] init = new float[layer.stateCount()][layer.numLayers() * 128];
                Random r = new Random(5);
                for (float[] st : init) for (int i = 0; i < st.length; i++) st[i] = (float) r.nextGaussian() * 0.5f;
                try (RecurrentStepper one = layer.stepper(bf16, 1); RecurrentStepper two = layer.stepper(bf16, 2)) {
                    assertEquals(2, two.threads());
                    one.setState(init);
                    two.setState(init);
                    Random xr = new Random(6);
                    for (int t = 0; t < 20; t++) {
                        float[] x = new float[I];
                        for (int i = 0; i < I; i++) x[i] = (float) xr.nextGaussian();
                        assertArrayEquals(one.step(x), two.step(x), layer.type() + " bf16=" + bf16 + " t=" + t);
                    }
                    float[][] a = one.state(), b = two.state();
                    for (int i = 0; i < a.length; i++) assertArrayEquals(a[i], b[i], layer.type() + " state " + i);
                }
            }
        }
    }

    @Test
    void unitsThatDoNotSplitIntoPanelsRunOnOneThread() {
        try (RecurrentStepper s = new Lstm(I, H, 1, false, true).stepper(false, 2)) {
            assertEquals(1, s.threads());
        }
        try (RecurrentStepper s = new Lstm(I, 192, 1, false, true).stepper(false, 2)) {
            assertEquals(1, s.threads());   // 192 = 3 panels: no even split in two
        }
    }
}
