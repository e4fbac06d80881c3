package dev.recur.nn;

import dev.recur.app.scale.ScaleDemo;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.GradientClipping;
import org.junit.jupiter.api.Test;

import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The textbook learning tasks: the whole core (layers, loss, BPTT, Adam) must actually learn. */
class LearningTest {

    /** C D E F G A B C: the textbook model of `recur demo` predicts each next note from the notes so far. */
    @Test
    void rnnLearnsTheCMajorScale() {
        double accuracy = ScaleDemo.run(42, new PrintStream(OutputStream.nullOutputStream()));
        assertEquals(1.0, accuracy, "next-note accuracy on the C major scale");
    }

    /**
     * Remember the first of 50 tokens: each step sees a random token (one of 8, one-hot) and must name the
     * token of step 0, which a flag marks. An LSTM keeps it to the last step; a simple RNN of the same size
     * loses it under the later tokens (its gradient over the distance vanishes), which is why LSTMs exist.
     */
    @Test
    void lstmRemembersTheFirstTokenOverFiftyStepsWhereTheSimpleRnnForgets() {
        double lstm = lastStepAccuracy(new Lstm(K + 1, 16));
        double rnn = lastStepAccuracy(new Rnn(K + 1, 16));
        assertTrue(lstm >= 0.95, "LSTM accuracy at step 50: " + lstm);
        assertTrue(rnn <= 0.35, "simple RNN accuracy at step 50: " + rnn + " (chance is 0.125)");
    }

    private static final int K = 8, STEPS = 50;

    private static double lastStepAccuracy(Recurrent cell) {
        int batch = 32;
        Sequential model = Sequential.of(cell, new Dense(16, K));
        model.initialize(7);
        Adam adam = new Adam(model.params(), 0.02);
        SoftmaxCrossEntropy ce = new SoftmaxCrossEntropy();
        Random data = new Random(11);
        for (int it = 0; it < 300; it++) {
            int[] first = new int[batch];
            Seq x = firstTokenTask(data, batch, first);
            adam.zeroGrad();
            ForwardPass pass = ForwardPass.training(new Random(it));
            LossResult r = ce.compute(model.forward(x, pass), everyStep(first));
            model.backward(r.grad(), pass);
            GradientClipping.clipGlobalNorm(model.params(), 1.0);
            adam.step();
        }
        int n = 512;
        int[] first = new int[n];
        float[] logits = model.forward(firstTokenTask(new Random(99), n, first), ForwardPass.inference()).values().data();
        int correct = 0;
        for (int b = 0; b < n; b++) {
            int o = (b * STEPS + STEPS - 1) * K, best = 0;
            for (int c = 1; c < K; c++) if (logits[o + c] > logits[o + best]) best = c;
            if (best == first[b]) correct++;
        }
        return (double) correct / n;
    }

    private static int[] everyStep(int[] first) {
        int[] y = new int[first.length * STEPS];
        for (int b = 0; b < first.length; b++) java.util.Arrays.fill(y, b * STEPS, (b + 1) * STEPS, first[b]);
        return y;
    }

    /** Dims 0..K-1: the token one-hot; dim K flags step 0. */
    private static Seq firstTokenTask(Random rnd, int batch, int[] first) {
        float[] v = new float[batch * STEPS * (K + 1)];
        for (int b = 0; b < batch; b++) {
            first[b] = rnd.nextInt(K);
            int o = b * STEPS * (K + 1);
            v[o + first[b]] = 1f;
            v[o + K] = 1f;
            for (int t = 1; t < STEPS; t++) v[o + t * (K + 1) + rnd.nextInt(K)] = 1f;
        }
        return Seq.full(Tensor.of(v, batch, STEPS, K + 1));
    }
}
