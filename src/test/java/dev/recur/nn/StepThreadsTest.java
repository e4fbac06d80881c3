package dev.recur.nn;

import dev.recur.tensor.Parallel;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

/** The step loop split by rows across threads gives one thread's bits: outputs, final states and gradients. */
class StepThreadsTest {

    @Test
    void twoThreadsEqualOneBitForBit() {
        int before = Parallel.threads();
        try {
            for (int batch : new int[] {16, 24, 32}) {
                for (Recurrent layer : List.of(new Lstm(6, 16, 2, false, true), new Gru(6, 16, 2, true, true),
                        new Rnn(6, 16, 1, false, true, Rnn.Activation.TANH))) {
                    for (int[] len : new int[][] {null, ragged(batch)}) {
                        Parallel.setThreads(1);
                        List<float[]> one = run(layer, batch, len);
                        Parallel.setThreads(2);
                        List<float[]> two = run(layer, batch, len);
                        for (int i = 0; i < one.size(); i++) {
                            assertArrayEquals(one.get(i), two.get(i), layer.type() + " batch " + batch + " result " + i);
                        }
                    }
                }
            }
        } finally {
            Parallel.setThreads(before);
        }
    }

    private static int[] ragged(int batch) {
        int[] len = new int[batch];
        for (int b = 0; b < batch; b++) len[b] = 9 - b % 5;
        return len;
    }

    /** Output, final states, input gradient and every parameter gradient of one forward+backward. */
    private static List<float[]> run(Recurrent layer, int batch, int[] len) {
        int steps = 9;
        for (Param p : layer.params()) java.util.Arrays.fill(p.grad().data(), 0f);
        Tensor x = RecurrentTest.randn(new Random(1), batch, steps, layer.inputSize());
        Seq in = len == null ? Seq.full(x) : new Seq(x, len);
        ForwardPass pass = ForwardPass.training(new Random(2));
        Seq y = layer.forward(in, pass);
        Tensor dy = RecurrentTest.randn(new Random(3), batch, steps, layer.outputSize());
        Seq dx = layer.backward(new Seq(dy, y.lengths()), pass);
        List<float[]> out = new ArrayList<>();
        out.add(y.values().data());
        for (float[] s : pass.finalState(layer)) out.add(s);
        out.add(dx.values().data());
        for (Param p : layer.params()) out.add(p.grad().data().clone());
        return out;
    }
}
