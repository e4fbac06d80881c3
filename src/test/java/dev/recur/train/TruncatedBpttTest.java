package dev.recur.train;

import dev.recur.nn.Dense;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Gru;
import dev.recur.nn.LastStep;
import dev.recur.nn.Layer;
import dev.recur.nn.Lstm;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.MeanSquaredError;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class TruncatedBpttTest {
    static final int B = 3, T = 11, IN = 3, H = 5, C = 4;

    private final Lstm lstm = new Lstm(IN, H, 2, false, true);
    private final Sequential model = Sequential.of(lstm, new Dense(H, C));
    private final Seq x;
    private final int[] targets = new int[B * T];
    private final StepLoss loss;

    TruncatedBpttTest() {
        model.initialize(5);
        Random r = new Random(9);
        float[] v = new float[B * T * IN];
        for (int i = 0; i < v.length; i++) v[i] = (float) r.nextGaussian();
        x = new Seq(Tensor.of(v, B, T, IN), new int[] {T, 6, 9});
        for (int i = 0; i < targets.length; i++) targets[i] = r.nextInt(C);
        loss = StepLoss.crossEntropy(new SoftmaxCrossEntropy(), targets, T);
    }

    @Test void fullWindowEqualsPlainBackpropagation() {
        model.zeroGrad();
        ForwardPass pass = ForwardPass.training(new Random(1));
        Seq y = model.forward(x, pass);
        LossResult r = new SoftmaxCrossEntropy().compute(y, targets);
        model.backward(r.grad(), pass);
        List<float[]> want = grads();

        for (TruncatedBptt t : List.of(TruncatedBptt.full(), new TruncatedBptt(T, T), new TruncatedBptt(T + 5, 100))) {
            model.zeroGrad();
            TruncatedBptt.Result res = t.run(model, x, loss, new Random(1), null);
            assertEquals(1, res.windows().size());
            assertEquals(r.loss(), res.meanLoss(), 1e-12);
            assertGradsEqual(want, grads(), 0);
        }
    }

    @Test void chunksEqualManualChunkedComputation() {
        // k1 = k2 = 4: independent chunks [0,4), [4,8), [8,11); each starts from the previous chunk's final state.
        model.zeroGrad();
        Map<Layer, float[][]> state = new IdentityHashMap<>();
        List<Double> losses = new ArrayList<>();
        for (int s = 0; s < T; s += 4) {
            int e = Math.min(s + 4, T);
            ForwardPass pass = ForwardPass.training(new Random(2));
            if (state.containsKey(lstm)) pass.setInitialState(lstm, state.get(lstm));
            Seq y = model.forward(window(x, s, e), pass);
            LossResult r = new SoftmaxCrossEntropy().compute(y, windowTargets(s, e));
            model.backward(r.grad(), pass);
            losses.add(r.loss());
            state.put(lstm, pass.finalState(lstm));
        }
        List<float[]> want = grads();

        model.zeroGrad();
        List<Double> seen = new ArrayList<>();
        TruncatedBptt.Result res = new TruncatedBptt(4, 4).run(model, x, loss, new Random(2), w -> seen.add(w.loss()));
        assertEquals(losses, seen);
        assertEquals(List.of(0, 4, 8), res.windows().stream().map(TruncatedBptt.Window::start).toList());
        assertGradsEqual(want, grads(), 0);
        model.zeroGrad();
        new TruncatedBptt(T, T).run(model, x, loss, new Random(2), null);
        assertGradsDiffer(want, grads());
    }

    @Test void overlappingWindowsEqualManualComputation() {
        // k1 = 3, k2 = 5: windows [0,3), [1,6), [4,9), [7,11); the loss covers steps [0,3), [3,6), [6,9), [9,11),
        // and each window starts from the state reached by running the model from step 0 to its start.
        int k1 = 3, k2 = 5;
        model.zeroGrad();
        List<Double> losses = new ArrayList<>();
        for (int lossFrom = 0; lossFrom < T; lossFrom += k1) {
            int e = Math.min(lossFrom + k1, T), s = Math.max(0, lossFrom - (k2 - k1));
            ForwardPass pass = ForwardPass.training(new Random(3));
            if (s > 0) {
                ForwardPass prefix = ForwardPass.inference();
                model.forward(window(x, 0, s), prefix);
                pass.setInitialState(lstm, prefix.finalState(lstm));
            }
            Seq y = model.forward(window(x, s, e), pass);
            Seq part = new Seq(slice(y.values(), lossFrom - s, e - s), lengths(y, lossFrom - s, e - s));
            LossResult r = new SoftmaxCrossEntropy().compute(part, windowTargets(lossFrom, e));
            float[] dy = new float[y.values().size()];
            for (int b = 0; b < B; b++) {
                System.arraycopy(r.grad().values().data(), b * (e - lossFrom) * C, dy, (b * (e - s) + lossFrom - s) * C, (e - lossFrom) * C);
            }
            model.backward(new Seq(Tensor.of(dy, y.values().shape()), y.lengths()), pass);
            losses.add(r.loss());
        }
        List<float[]> want = grads();

        model.zeroGrad();
        List<TruncatedBptt.Window> seen = new ArrayList<>();
        new TruncatedBptt(k1, k2).run(model, x, loss, new Random(3), seen::add);
        assertEquals(List.of(0, 1, 4, 7), seen.stream().map(TruncatedBptt.Window::start).toList());
        assertEquals(List.of(0, 3, 6, 9), seen.stream().map(TruncatedBptt.Window::lossFrom).toList());
        assertEquals(losses, seen.stream().map(TruncatedBptt.Window::loss).toList());
        // float sums in a different order: equal to rounding
        assertGradsEqual(want, grads(), 1e-5);
    }

    @Test void meanSquaredStepLossAndValidStepWeighting() {
        Sequential reg = Sequential.of(new Gru(IN, H), new Dense(H, 2));
        reg.initialize(3);
        Tensor target = Tensor.zeros(B, T, 2);
        for (int i = 0; i < target.size(); i++) target.data()[i] = (float) Math.sin(i);
        StepLoss mse = StepLoss.meanSquared(new MeanSquaredError(), target);
        TruncatedBptt.Result r = new TruncatedBptt(5, 5).run(reg, x, mse, new Random(0), null);
        long counted = r.windows().stream().mapToLong(TruncatedBptt.Window::counted).sum();
        assertEquals(T + 6 + 9, counted);
        double mean = r.windows().stream().mapToDouble(w -> w.loss() * w.counted()).sum() / counted;
        assertEquals(mean, r.meanLoss(), 1e-12);
    }

    @Test void learnsToRecallThePreviousInputAcrossWindows() {
        // Target at step t is the sign of the input at t−1; windows of 4 with Adam after each.
        Sequential m = Sequential.of(new Gru(1, 8), new Dense(8, 2));
        m.initialize(4);
        Random r = new Random(5);
        int steps = 40;
        float[] v = new float[2 * steps];
        int[] y = new int[2 * steps];
        for (int i = 0; i < v.length; i++) v[i] = r.nextBoolean() ? 1f : -1f;
        for (int b = 0; b < 2; b++) for (int t = 1; t < steps; t++) y[b * steps + t] = v[b * steps + t - 1] > 0 ? 1 : 0;
        Seq in = Seq.full(Tensor.of(v, 2, steps, 1));
        StepLoss ce = StepLoss.crossEntropy(new SoftmaxCrossEntropy(), y, steps);
        Adam adam = new Adam(m.params(), 0.05);
        TruncatedBptt tbptt = new TruncatedBptt(4, 6);
        double first = 0, last = 0;
        for (int epoch = 0; epoch < 40; epoch++) {
            double l = tbptt.run(m, in, ce, new Random(epoch), w -> {
                GradientClipping.clipGlobalNorm(adam.params(), 5.0);
                adam.step();
                adam.zeroGrad();
            }).meanLoss();
            if (epoch == 0) first = l;
            last = l;
        }
        assertTrue(last < first * 0.25, "loss " + first + " -> " + last);
    }

    @Test void rejectsBadSettingsAndModels() {
        assertThrows(IllegalArgumentException.class, () -> new TruncatedBptt(5, 4));
        assertThrows(IllegalArgumentException.class, () -> new TruncatedBptt(0, 4));
        Sequential toVector = Sequential.of(new Lstm(IN, H), new LastStep(H), new Dense(H, C));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new TruncatedBptt(4, 4).run(toVector, x, loss, new Random(0), null));
        assertTrue(e.getMessage().contains("one output per input step"), e.getMessage());
    }

    // ---- helpers ----

    private List<float[]> grads() {
        List<float[]> g = new ArrayList<>();
        for (Param p : model.params()) g.add(p.grad().data().clone());
        return g;
    }

    private static void assertGradsEqual(List<float[]> want, List<float[]> got, double tol) {
        for (int i = 0; i < want.size(); i++) {
            for (int j = 0; j < want.get(i).length; j++) {
                float a = want.get(i)[j], b = got.get(i)[j];
                assertTrue(Math.abs(a - b) <= tol * Math.max(1, Math.abs(a)), "param " + i + "[" + j + "]: " + a + " vs " + b);
            }
        }
    }

    private static void assertGradsDiffer(List<float[]> a, List<float[]> b) {
        double diff = 0;
        for (int i = 0; i < a.size(); i++) for (int j = 0; j < a.get(i).length; j++) diff += Math.abs(a.get(i)[j] - b.get(i)[j]);
        assertTrue(diff > 1e-3, "truncation should change the gradients");
    }

    private static Seq window(Seq s, int from, int to) {
        return new Seq(slice(s.values(), from, to), lengths(s, from, to));
    }

    private static int[] lengths(Seq s, int from, int to) {
        if (s.lengths() == null) return null;
        int[] l = new int[s.batch()];
        for (int b = 0; b < l.length; b++) l[b] = Math.max(0, Math.min(s.length(b) - from, to - from));
        return l;
    }

    private static Tensor slice(Tensor v, int from, int to) {
        int b = v.dim(0), steps = v.dim(1), d = v.dim(2);
        Tensor out = Tensor.zeros(b, to - from, d);
        for (int i = 0; i < b; i++) {
            for (int t = from; t < to; t++) {
                for (int k = 0; k < d; k++) out.set(v.get(i, t, k), i, t - from, k);
            }
        }
        return out;
    }

    private int[] windowTargets(int from, int to) {
        int[] w = new int[B * (to - from)];
        for (int b = 0; b < B; b++) for (int t = from; t < to; t++) w[b * (to - from) + t - from] = targets[b * T + t];
        return w;
    }
}
