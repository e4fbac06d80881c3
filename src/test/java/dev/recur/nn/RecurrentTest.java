package dev.recur.nn;

import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecurrentTest {

    static final int B = 3, T = 5, I = 4, H = 3;

    enum Kind { RNN_TANH, RNN_RELU, LSTM, GRU }

    static Recurrent make(Kind kind, int in, int hidden, int layers, boolean bi, boolean bias) {
        return switch (kind) {
            case RNN_TANH -> new Rnn(in, hidden, layers, bi, bias, Rnn.Activation.TANH);
            case RNN_RELU -> new Rnn(in, hidden, layers, bi, bias, Rnn.Activation.RELU);
            case LSTM -> new Lstm(in, hidden, layers, bi, bias);
            case GRU -> new Gru(in, hidden, layers, bi, bias);
        };
    }

    static Tensor randn(Random r, int... shape) {
        Tensor t = Tensor.zeros(shape);
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (float) r.nextGaussian();
        return t;
    }

    /** Fills padded steps with garbage: they must not influence anything. */
    static void poisonPadding(Tensor x, int[] len) {
        int steps = x.dim(1), dims = x.dim(2);
        for (int b = 0; b < len.length; b++)
            for (int t = len[b]; t < steps; t++)
                for (int d = 0; d < dims; d++) x.data()[(b * steps + t) * dims + d] = 1e3f * (d + 1);
    }

    static Stream<Arguments> gradientCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : Kind.values())
            for (int layers = 1; layers <= 2; layers++)
                for (boolean bi : new boolean[] {false, true})
                    for (boolean masked : new boolean[] {false, true})
                        cases.add(Arguments.of(kind, layers, bi, masked));
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} layers={1} bidirectional={2} masked={3}")
    @MethodSource("gradientCases")
    void gradientsMatchFiniteDifferences(Kind kind, int layers, boolean bi, boolean masked) {
        Recurrent layer = make(kind, I, H, layers, bi, true);
        Random r = new Random(11 + layers * 7 + (bi ? 3 : 0));
        Tensor x = randn(r, B, T, I);
        int[] len = masked ? new int[] {5, 3, 1} : null;
        if (masked) poisonPadding(x, len);
        check(kind, layer, new Seq(x, len));
    }

    /**
     * GradientCheck for smooth cells. A ReLU net has hundreds of pre-activations, so a ±1e-2 step of
     * GradientCheck often crosses a kink and the central difference is wrong there (it agrees at ±1e-3);
     * ReLU is checked on every coordinate with steps of ±1e-3, ±3e-4, ±1e-4.
     */
    static void check(Kind kind, Layer layer, Seq x) {
        if (kind == Kind.RNN_RELU) fineCheck(layer, x);
        else GradientCheck.check(layer, x, 42, 8, true);
    }

    static void fineCheck(Layer layer, Seq x) {
        ForwardPass pass = ForwardPass.training(new Random(0));
        Seq y = layer.forward(x, pass);
        float[] r = new float[y.values().size()];
        Random rnd = new Random(42);
        int steps = y.steps(), dims = y.dims();
        for (int i = 0; i < r.length; i++) {
            int b = i / (steps * dims), t = i / dims % steps;
            r[i] = t < y.length(b) ? (float) rnd.nextGaussian() : 0f;
        }
        for (Param p : layer.params()) p.zeroGrad();
        float[] dx = layer.backward(new Seq(Tensor.of(r.clone(), y.values().shape()), y.lengths()), pass).values().data();
        List<float[]> values = new ArrayList<>(List.of(x.values().data()));
        List<float[]> grads = new ArrayList<>(List.of(dx));
        List<String> names = new ArrayList<>(List.of("input"));
        for (Param p : layer.params()) {
            values.add(p.value().data());
            grads.add(p.grad().data());
            names.add(p.name());
        }
        for (int k = 0; k < values.size(); k++) {
            float[] v = values.get(k);
            for (int i = 0; i < v.length; i++) {
                double analytic = grads.get(k)[i], numeric = Double.NaN;
                for (float eps : FINE_STEPS) {
                    numeric = centralDifference(layer, x, r, v, i, eps);
                    if (Math.abs(numeric - analytic) <= 1e-2 * Math.max(1, Math.abs(numeric))) break;
                }
                assertEquals(numeric, analytic, 1e-2 * Math.max(1, Math.abs(numeric)), names.get(k) + "[" + i + "]");
            }
        }
    }

    /** A step that crosses a kink is retried smaller; a wrong gradient disagrees at every step. */
    static final float[] FINE_STEPS = {1e-3f, 3e-4f, 1e-4f};

    static double centralDifference(Layer layer, Seq x, float[] r, float[] v, int i, float eps) {
        float old = v[i];
        v[i] = old + eps;
        double plus = dot(layer.forward(x, ForwardPass.inference()).values().data(), r);
        v[i] = old - eps;
        double minus = dot(layer.forward(x, ForwardPass.inference()).values().data(), r);
        v[i] = old;
        return (plus - minus) / (2 * eps);
    }

    static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }

    @ParameterizedTest(name = "{0} with initial state, bidirectional={1}")
    @MethodSource("initialStateCases")
    void gradientsWithInitialState(Kind kind, boolean bi) {
        Recurrent inner = make(kind, I, H, 2, bi, true);
        int n = 2 * (bi ? 2 : 1) * B * H;
        Random r = new Random(5);
        float[][] state = new float[kind == Kind.LSTM ? 2 : 1][n];
        for (float[] s : state) for (int i = 0; i < n; i++) s[i] = (float) r.nextGaussian() * 0.8f;
        Layer withState = new WithInitialState(inner, state);
        Tensor x = randn(r, B, T, I);
        int[] len = {4, 5, 2};
        poisonPadding(x, len);
        check(kind, withState, new Seq(x, len));
    }

    static Stream<Arguments> initialStateCases() {
        List<Arguments> cases = new ArrayList<>();
        for (Kind kind : Kind.values()) for (boolean bi : new boolean[] {false, true}) cases.add(Arguments.of(kind, bi));
        return cases.stream();
    }

    @Test
    void gradientsOnALargeBatch() {
        // Batches of 8+ rows multiply by a transposed W_hh; the small cases above use the other path.
        for (Kind kind : Kind.values()) {
            Recurrent layer = make(kind, I, H, 2, true, true);
            int[] len = {4, 2, 4, 3, 1, 4, 4, 2, 3};
            Tensor x = randn(new Random(13), len.length, 4, I);
            poisonPadding(x, len);
            check(kind, layer, new Seq(x, len));
        }
    }

    @Test
    void gradientsWithoutBias() {
        for (Kind kind : Kind.values()) {
            Recurrent layer = make(kind, I, H, 2, true, false);
            assertTrue(layer.params().stream().noneMatch(p -> p.name().startsWith("bias")));
            assertEquals(8, layer.params().size());
            Tensor x = randn(new Random(3), B, T, I);
            check(kind, layer, new Seq(x, new int[] {2, 5, 4}));
        }
    }

    /** Passes a fixed initial state to the wrapped layer (the gradient check builds its own passes). */
    record WithInitialState(Recurrent inner, float[][] state) implements Layer {
        @Override public String type() { return inner.type(); }
        @Override public int inputSize() { return inner.inputSize(); }
        @Override public int outputSize() { return inner.outputSize(); }
        @Override public Seq forward(Seq x, ForwardPass pass) {
            pass.setInitialState(inner, state);
            return inner.forward(x, pass);
        }
        @Override public Seq backward(Seq dy, ForwardPass pass) { return inner.backward(dy, pass); }
        @Override public List<Param> params() { return inner.params(); }
        @Override public Map<String, Object> config() { return inner.config(); }
    }

    @Test
    void handWorkedReluRnn() {
        Rnn rnn = new Rnn(1, 1, 1, false, false, Rnn.Activation.RELU);
        rnn.params().get(0).value().data()[0] = 0.5f;
        rnn.params().get(1).value().data()[0] = 0.2f;
        Seq y = rnn.forward(Seq.full(Tensor.of(new float[] {1.2f, 1.5f}, 1, 2, 1)), ForwardPass.inference());
        assertArrayEquals(new float[] {0.6f, 0.87f}, y.values().data(), 1e-6f);
    }

    @Test
    void chunkedWithCarriedStateEqualsWhole() {
        for (Kind kind : Kind.values()) {
            Recurrent layer = make(kind, I, 5, 2, false, true);
            int steps = 7, split = 5;
            Tensor x = randn(new Random(21), B, steps, I);
            int[] len = {7, 4, 6};
            poisonPadding(x, len);
            ForwardPass whole = ForwardPass.inference();
            Seq yWhole = layer.forward(new Seq(x, len), whole);

            Tensor x1 = Tensor.zeros(B, split, I), x2 = Tensor.zeros(B, steps - split, I);
            int[] len1 = new int[B], len2 = new int[B];
            for (int b = 0; b < B; b++) {
                len1[b] = Math.min(len[b], split);
                len2[b] = Math.max(0, len[b] - split);
                System.arraycopy(x.data(), b * steps * I, x1.data(), b * split * I, split * I);
                System.arraycopy(x.data(), (b * steps + split) * I, x2.data(), b * (steps - split) * I, (steps - split) * I);
            }
            ForwardPass p1 = ForwardPass.training(new Random(0));
            Seq y1 = layer.forward(new Seq(x1, len1), p1);
            ForwardPass p2 = ForwardPass.inference();
            p2.setInitialState(layer, p1.finalState(layer));
            Seq y2 = layer.forward(new Seq(x2, len2), p2);

            int hd = layer.outputSize();
            for (int b = 0; b < B; b++) {
                for (int t = 0; t < steps; t++) {
                    float[] part = t < split ? y1.values().data() : y2.values().data();
                    int partSteps = t < split ? split : steps - split, pt = t < split ? t : t - split;
                    for (int j = 0; j < hd; j++) {
                        assertEquals(yWhole.values().data()[(b * steps + t) * hd + j],
                                part[(b * partSteps + pt) * hd + j], 1e-6f, kind + " b=" + b + " t=" + t);
                    }
                }
            }
            float[][] fw = whole.finalState(layer), f2 = p2.finalState(layer);
            assertEquals(kind == Kind.LSTM ? 2 : 1, fw.length);
            for (int s = 0; s < fw.length; s++) assertArrayEquals(fw[s], f2[s], 1e-6f, kind + " final state " + s);
        }
    }

    @Test
    void paddedRowsEqualTheRowAlone() {
        for (Kind kind : Kind.values()) {
            Recurrent layer = make(kind, I, H, 2, true, true);
            int steps = 6;
            // 9 rows: the batch takes the transposed-W_hh gemm path, each row alone the matrix-vector one.
            int[] len = {3, 6, 1, 4, 6, 2, 5, 6, 3};
            int batch = len.length;
            Tensor x = randn(new Random(8), batch, steps, I);
            poisonPadding(x, len);
            ForwardPass pass = ForwardPass.inference();
            Seq y = layer.forward(new Seq(x, len), pass);
            int hd = layer.outputSize(), slots = 2 * 2;
            float[][] fin = pass.finalState(layer);
            for (int b = 0; b < batch; b++) {
                Tensor xb = Tensor.zeros(1, len[b], I);
                System.arraycopy(x.data(), b * steps * I, xb.data(), 0, len[b] * I);
                ForwardPass alone = ForwardPass.inference();
                Seq yb = layer.forward(Seq.full(xb), alone);
                for (int t = 0; t < steps; t++) {
                    for (int j = 0; j < hd; j++) {
                        float want = t < len[b] ? yb.values().data()[t * hd + j] : 0f;
                        assertEquals(want, y.values().data()[(b * steps + t) * hd + j], 1e-6f, kind + " b=" + b + " t=" + t);
                    }
                }
                float[][] fb = alone.finalState(layer);
                for (int s = 0; s < fin.length; s++)
                    for (int slot = 0; slot < slots; slot++)
                        for (int j = 0; j < H; j++)
                            assertEquals(fb[s][slot * H + j], fin[s][(slot * batch + b) * H + j], 1e-6f,
                                    kind + " final state b=" + b);
            }
        }
    }

    @Test
    void trainingAndInferenceAgree() {
        for (Kind kind : Kind.values()) {
            Recurrent layer = make(kind, I, H, 2, true, true);
            Seq x = new Seq(randn(new Random(4), B, T, I), new int[] {5, 2, 4});
            ForwardPass a = ForwardPass.inference(), b = ForwardPass.training(new Random(1));
            assertArrayEquals(layer.forward(x, a).values().data(), layer.forward(x, b).values().data());
            for (int s = 0; s < a.finalState(layer).length; s++)
                assertArrayEquals(a.finalState(layer)[s], b.finalState(layer)[s]);
        }
    }

    /**
     * From 8 rows, inference runs LSTM and RNN steps as one product over [x_t | h_{t−1}] with [W_ih | W_hh] packed
     * once and kept between calls; training runs the chunked projections. Both must give the same outputs (ragged
     * rows, both directions, gate rows wider than a register tile), and a weight changed in place, as optimizers
     * and loaders do, must reach the next inference call.
     */
    @Test
    void fusedInferenceAgreesWithTrainingAndSeesWeightUpdates() {
        int batch = 11, steps = 7, in = 13, hidden = 20;
        int[] len = {7, 3, 7, 1, 5, 7, 6, 2, 7, 4, 7};
        for (Kind kind : Kind.values()) {
            Recurrent layer = make(kind, in, hidden, 2, true, true);
            Tensor xt = randn(new Random(14), batch, steps, in);
            poisonPadding(xt, len);
            Seq x = new Seq(xt, len);
            for (int round = 0; round < 3; round++) {
                ForwardPass a = ForwardPass.inference(), b = ForwardPass.training(new Random(1));
                float[] inferred = layer.forward(x, a).values().data();
                assertArrayEquals(layer.forward(x, b).values().data(), inferred, 1e-6f, kind + " round " + round);
                for (int s = 0; s < a.finalState(layer).length; s++) {
                    assertArrayEquals(b.finalState(layer)[s], a.finalState(layer)[s], 1e-6f, kind + " state " + s);
                }
                // Round 1 repeats round 0 (a kept packing); round 2 follows an in-place update of every weight.
                if (round == 1) {
                    for (Param p : layer.params()) {
                        float[] d = p.value().data();
                        for (int i = 0; i < d.length; i += 3) d[i] = -0.5f * d[i];
                    }
                }
                float[] again = layer.forward(x, ForwardPass.inference()).values().data();
                if (round != 1) assertArrayEquals(inferred, again, kind + " repeat " + round);
                else assertFalse(java.util.Arrays.equals(inferred, again), kind + ": the update must change the output");
            }
        }
    }

    @Test
    void paramNamesAndShapesMatchPytorch() {
        Lstm lstm = new Lstm(10, 20, 2, true, true);
        String[] names = {"weight_ih_l0", "weight_hh_l0", "bias_ih_l0", "bias_hh_l0",
                "weight_ih_l0_reverse", "weight_hh_l0_reverse", "bias_ih_l0_reverse", "bias_hh_l0_reverse",
                "weight_ih_l1", "weight_hh_l1", "bias_ih_l1", "bias_hh_l1",
                "weight_ih_l1_reverse", "weight_hh_l1_reverse", "bias_ih_l1_reverse", "bias_hh_l1_reverse"};
        int[][] shapes = {{80, 10}, {80, 20}, {80}, {80}, {80, 10}, {80, 20}, {80}, {80},
                {80, 40}, {80, 20}, {80}, {80}, {80, 40}, {80, 20}, {80}, {80}};
        List<Param> ps = lstm.params();
        assertEquals(names.length, ps.size());
        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], ps.get(i).name());
            assertArrayEquals(shapes[i], ps.get(i).value().shape(), names[i]);
        }
        assertEquals(40, lstm.outputSize());
        assertEquals(new Gru(5, 7, 1, false, true).params().get(0).value().dim(0), 21);
        assertEquals(new Rnn(5, 7).params().get(1).value().dim(0), 7);
    }

    @Test
    void configAndTypeUsePytorchNames() {
        assertEquals("lstm", new Lstm(2, 3).type());
        assertEquals("gru", new Gru(2, 3).type());
        Rnn rnn = new Rnn(2, 3, 2, true, false, Rnn.Activation.RELU);
        assertEquals("rnn", rnn.type());
        assertEquals(Map.of("input_size", 2, "hidden_size", 3, "num_layers", 2, "bidirectional", true,
                "bias", false, "nonlinearity", "relu"), rnn.config());
        assertEquals("tanh", new Rnn(2, 3).config().get("nonlinearity"));
        assertEquals(Map.of("input_size", 2, "hidden_size", 3, "num_layers", 1, "bidirectional", false,
                "bias", true), new Gru(2, 3).config());
        assertEquals(3, rnn.hiddenSize());
        assertEquals(2, rnn.numLayers());
        assertTrue(rnn.bidirectional());
    }

    @Test
    void initializationIsSeededAndBounded() {
        Lstm a = new Lstm(6, 16, 2, true, true), b = new Lstm(6, 16, 2, true, true);
        float bound = 0.25f;
        boolean anyNonZero = false;
        for (int i = 0; i < a.params().size(); i++) {
            float[] va = a.params().get(i).value().data();
            assertArrayEquals(va, b.params().get(i).value().data());
            for (float v : va) {
                assertTrue(Math.abs(v) <= bound, "outside U(-1/sqrt(H), 1/sqrt(H)): " + v);
                anyNonZero |= v != 0f;
            }
        }
        assertTrue(anyNonZero);
        a.initialize(new Random(99));
        assertFalse(java.util.Arrays.equals(a.params().get(0).value().data(), b.params().get(0).value().data()));
    }

    @Test
    void finalStateIsAlwaysSetAndHasPytorchLayout() {
        Lstm lstm = new Lstm(I, H, 2, true, true);
        ForwardPass pass = ForwardPass.inference();
        Seq y = lstm.forward(new Seq(randn(new Random(2), B, T, I), new int[] {5, 5, 5}), pass);
        float[][] fin = pass.finalState(lstm);
        assertNotNull(fin);
        assertEquals(2, fin.length);
        assertEquals(2 * 2 * B * H, fin[0].length);
        // Top layer: forward h_n is the output at the last step, reverse h_n the reverse output at step 0.
        int hd = 2 * H;
        for (int b = 0; b < B; b++) {
            for (int j = 0; j < H; j++) {
                assertEquals(y.values().data()[(b * T + T - 1) * hd + j], fin[0][((2) * B + b) * H + j], 0f);
                assertEquals(y.values().data()[(b * T) * hd + H + j], fin[0][((3) * B + b) * H + j], 0f);
            }
        }
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        Lstm lstm = new Lstm(I, H);
        var e = assertThrows(IllegalArgumentException.class,
                () -> lstm.forward(Seq.full(Tensor.zeros(B, T, I + 1)), ForwardPass.inference()));
        assertTrue(e.getMessage().contains("input features"), e.getMessage());
        ForwardPass pass = ForwardPass.inference();
        pass.setInitialState(lstm, new float[][] {new float[B * H]});
        assertThrows(IllegalArgumentException.class, () -> lstm.forward(Seq.full(Tensor.zeros(B, T, I)), pass));
        assertThrows(IllegalStateException.class,
                () -> lstm.backward(Seq.full(Tensor.zeros(B, T, H)), ForwardPass.inference()));
    }
}
