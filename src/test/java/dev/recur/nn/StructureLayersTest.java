package dev.recur.nn;

import dev.recur.io.ModelInfo;
import dev.recur.io.ModelStore;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** The melody-structure layers: {@link Lookback} (known answers) and {@link Attention} (gradients), both carried across calls. */
class StructureLayersTest {

    private static Seq ids(int[][] rows, int[] lengths) {
        int steps = rows[0].length;
        float[] v = new float[rows.length * steps];
        for (int b = 0; b < rows.length; b++) for (int t = 0; t < steps; t++) v[b * steps + t] = rows[b][t];
        return new Seq(Tensor.of(v, rows.length, steps, 1), lengths);
    }

    private static float[] row(Seq y, int b, int t) {
        float[] out = new float[y.dims()];
        for (int d = 0; d < out.length; d++) out[d] = y.values().get(b, t, d);
        return out;
    }

    /** The expected features: one-hots of the input and of each look-back event, the counter, the repeat flags. */
    private static float[] expected(int classes, int input, int[] lookback, int position, int bits, int[] flags) {
        float[] e = new float[classes * (1 + lookback.length) + bits + flags.length];
        e[input] = 1;
        for (int i = 0; i < lookback.length; i++) e[classes * (1 + i) + lookback[i]] = 1;
        int off = classes * (1 + lookback.length);
        for (int i = 0; i < bits; i++) e[off + i] = ((position >> i) & 1) == 1 ? 1 : -1;
        for (int i = 0; i < flags.length; i++) e[off + bits + i] = flags[i];
        return e;
    }

    @Test void lookbackKnownAnswers() {
        // Tokens 0..4, start token 4, default 0; distances 2 and 4; 3 counter bits. Events 1 2 1 2 3 1 2 ...
        Lookback l = new Lookback(5, new int[] {2, 4}, 3, 0);
        assertEquals(5 * 3 + 3 + 2, l.outputSize());
        int[] input = {4, 1, 2, 1, 2, 3, 1};   // step t reads event t − 1 (the start token first)
        Seq y = l.forward(ids(new int[][] {input}, null), ForwardPass.inference());
        // step 0: predicting event 0; nothing before: default look-backs, position 0, no repeats
        assertArrayEquals(expected(5, 4, new int[] {0, 0}, 0, 3, new int[] {0, 0}), row(y, 0, 0));
        // step 2: predicting event 2; event 0 (= 1) is 2 back, nothing 4 back; event 1 has no event 2 before it
        assertArrayEquals(expected(5, 2, new int[] {1, 0}, 2, 3, new int[] {0, 0}), row(y, 0, 2));
        // step 3: input event 2 (= 1) repeats event 0 (2 before it): flag for distance 2
        assertArrayEquals(expected(5, 1, new int[] {2, 0}, 3, 3, new int[] {1, 0}), row(y, 0, 3));
        // step 4: event 2 back is event 2 (= 1), 4 back is event 0 (= 1); event 3 (= 2) repeats event 1
        assertArrayEquals(expected(5, 2, new int[] {1, 1}, 4, 3, new int[] {1, 0}), row(y, 0, 4));
        // step 6: input event 5 (= 1); event 4 (= 3) 2 back, event 2 (= 1) 4 back; event 5 repeats neither 3 (= 2) nor 1 (= 2)
        assertArrayEquals(expected(5, 1, new int[] {3, 1}, 6, 3, new int[] {0, 0}), row(y, 0, 6));
    }

    @Test void lookbackCarriesItsHistoryAcrossCallsAndSteps() {
        Lookback l = new Lookback(6, new int[] {3, 5}, 4, 1);
        Random r = new Random(2);
        int[] tokens = new int[23];
        tokens[0] = 5;
        for (int i = 1; i < tokens.length; i++) tokens[i] = r.nextInt(5);
        Seq whole = l.forward(ids(new int[][] {tokens}, null), ForwardPass.inference());
        ForwardPass first = ForwardPass.inference();
        Seq a = l.forward(ids(new int[][] {java.util.Arrays.copyOf(tokens, 9)}, null), first);
        ForwardPass second = ForwardPass.inference();
        second.setInitialState(l, first.finalState(l));
        Seq b = l.forward(ids(new int[][] {java.util.Arrays.copyOfRange(tokens, 9, 23)}, null), second);
        Lookback.Stepper s = l.stepper();
        for (int t = 0; t < tokens.length; t++) {
            float[] chunked = t < 9 ? row(a, 0, t) : row(b, 0, t - 9);
            assertArrayEquals(row(whole, 0, t), chunked, "chunked, step " + t);
            if (t == 12) s.setState(s.state());          // a state round trip changes nothing
            assertArrayEquals(row(whole, 0, t), s.step(tokens[t]), "stepped, step " + t);
        }
    }

    @Test void lookbackRowsOfABatchAreIndependentAndPaddingIsZero() {
        Lookback l = new Lookback(4, new int[] {2}, 2, 0);
        Seq y = l.forward(ids(new int[][] {{3, 1, 2, 1}, {3, 2, 2, 0}}, new int[] {4, 2}), ForwardPass.inference());
        Seq alone = l.forward(ids(new int[][] {{3, 2}}, null), ForwardPass.inference());
        assertArrayEquals(row(alone, 0, 1), row(y, 1, 1));
        TestSeqs.assertPaddedZero(y);
    }

    private static Attention attention(long seed) {
        Attention a = new Attention(3, 4, 3);
        a.initialize(new Random(seed));
        // larger scores than the default init, so the softmax is far from uniform and its gradient matters
        for (int i = 0; i < a.params().get(3).value().size(); i++) a.params().get(3).value().data()[i] *= 4;
        return a;
    }

    @Test void attentionGradientsMatchFiniteDifferences() {
        GradientCheck.check(attention(1), TestSeqs.sequence(3, 3, 6, 3, new int[] {6, 4, 1}), 5, 40, true);
    }

    @Test void attentionGradientsWithACarriedMemory() {
        Attention a = attention(2);
        ForwardPass warm = ForwardPass.inference();
        a.forward(TestSeqs.sequence(4, 2, 2, 3, null), warm);     // two steps of memory per row
        float[][] memory = warm.finalState(a);
        Seq x = TestSeqs.sequence(5, 2, 5, 3, new int[] {5, 3});
        // GradientCheck runs fresh passes: wrap the layer so each starts from the memory.
        Layer withMemory = new Layer() {
            @Override public String type() { return "attention-with-memory"; }
            @Override public int inputSize() { return 3; }
            @Override public int outputSize() { return 6; }
            @Override public Seq forward(Seq in, ForwardPass pass) { pass.setInitialState(a, memory); return a.forward(in, pass); }
            @Override public Seq backward(Seq dy, ForwardPass pass) { return a.backward(dy, pass); }
            @Override public List<Param> params() { return a.params(); }
            @Override public Map<String, Object> config() { return Map.of(); }
        };
        GradientCheck.check(withMemory, x, 6, 40, true);
    }

    @Test void attentionAcrossCallsAndStepByStepEqualsOneCall() {
        Attention a = attention(3);
        Seq x = TestSeqs.sequence(7, 1, 11, 3, null);
        Seq whole = a.forward(x, ForwardPass.inference());
        float[] v = x.values().data();
        ForwardPass p1 = ForwardPass.inference();
        Seq first = a.forward(Seq.full(Tensor.of(java.util.Arrays.copyOfRange(v, 0, 4 * 3), 1, 4, 3)), p1);
        ForwardPass p2 = ForwardPass.inference();
        p2.setInitialState(a, p1.finalState(a));
        Seq second = a.forward(Seq.full(Tensor.of(java.util.Arrays.copyOfRange(v, 4 * 3, 11 * 3), 1, 7, 3)), p2);
        Attention.Stepper s = a.stepper();
        for (int t = 0; t < 11; t++) {
            float[] chunked = t < 4 ? row(first, 0, t) : row(second, 0, t - 4);
            assertArrayEquals(row(whole, 0, t), chunked, 1e-5f, "chunked, step " + t);
            if (t == 6) s.setState(s.state());
            assertArrayEquals(row(whole, 0, t), s.step(java.util.Arrays.copyOfRange(v, t * 3, t * 3 + 3)), 1e-5f, "stepped, step " + t);
        }
        // The context at step 0 is empty; at step 1 it is exactly the previous input (one position, weight 1).
        for (int d = 0; d < 3; d++) {
            assertEquals(0f, row(whole, 0, 0)[3 + d]);
            assertEquals(v[d], row(whole, 0, 1)[3 + d], 1e-6f);
        }
    }

    @Test void structuredMelodyNetworkSavesAndLoads(@TempDir Path dir) throws Exception {
        Sequential net = Sequential.builder()
                .add("lookback", new Lookback(10, new int[] {4, 8}, 3, 0))
                .add("lstm0", new Lstm(10 * 3 + 3 + 2, 8))
                .add("attention", new Attention(8, 5, 6))
                .add("output", new Dense(16, 9)).build();
        net.initialize(4);
        ModelStore.save(dir, net, ModelInfo.of(ModelInfo.SEQUENCE));
        Sequential back = ModelStore.load(dir).model();
        Random r = new Random(1);
        float[] v = new float[2 * 12];
        for (int i = 0; i < v.length; i++) v[i] = r.nextInt(10);
        Seq x = new Seq(Tensor.of(v, 2, 12, 1), new int[] {12, 7});
        assertArrayEquals(net.forward(x, ForwardPass.inference()).values().data(), back.forward(x, ForwardPass.inference()).values().data());
        assertEquals(List.of("lookback", "lstm0", "attention", "output"), back.names());
        assertTrue(back.namedParams().containsKey("attention.key_weight"));
    }

    @Test void badConfigsNameTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("lookback", Map.of("num_classes", 10, "distances", List.of(), "counter_bits", 5)));
        assertTrue(e.getMessage().contains("distance"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("lookback", Map.of("num_classes", 10, "distances", "16", "counter_bits", 5)));
        assertTrue(e.getMessage().contains("'distances'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Layers.fromConfig("attention", Map.of("input_size", 8, "attention_size", 8, "length", 0)));
        assertTrue(e.getMessage().contains("length"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Lookback(5, new int[] {2}, 3, 0)
                .forward(ids(new int[][] {{4, 5}}, null), ForwardPass.inference()));
        assertTrue(e.getMessage().contains("token id 5.0"), e.getMessage());
    }
}
