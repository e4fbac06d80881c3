package dev.recur.nn;

import dev.recur.tensor.Kernels;
import dev.recur.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Additive attention over the last {@code length} steps, as Magenta's Attention RNN puts on its LSTM: at step
 * t the query is the input x_t, the memory the inputs of the {@code length} steps before it (fewer at the
 * start), and
 * <pre>
 *   s_j = vᵀ tanh(W_key x_j + W_query x_t + b)     for j in [t − length, t)
 *   a   = softmax(s),   c_t = Σ a_j x_j,   y_t = [x_t, c_t]
 * </pre>
 * so the layer after it (the output projection) sees the current step and what it found in the last bars.
 * Parameters: {@code key_weight} [A, H], {@code query_weight} [A, H], {@code query_bias} [A], {@code v} [A]
 * (H = input size, A = attention size). A step without memory (the first) gets c = 0.
 *
 * <p>The memory reaches back across calls: the last {@code length} inputs of each row are a state in
 * {@link ForwardPass} ({@code {memory [batch · length · H] (oldest first), filled [batch]}}), so truncated BPTT
 * and streaming see one long sequence; gradients stop at the call boundary, as through truncated BPTT's
 * recurrent states. PyTorch has no such module; src/test/python/make_fixtures.py has one (a few lines over
 * {@code torch.tanh} and {@code torch.softmax}) that gives the same outputs and gradients.
 */
public final class Attention implements Layer {
    public static final String TYPE = "attention";

    private final int size, attentionSize, length;
    private final Param keyWeight, queryWeight, queryBias, v;

    public Attention(int size, int attentionSize, int length) {
        this.size = Steps.positive(TYPE, "input_size", size);
        this.attentionSize = Steps.positive(TYPE, "attention_size", attentionSize);
        this.length = Steps.positive(TYPE, "length", length);
        keyWeight = new Param("key_weight", Tensor.zeros(attentionSize, size));
        queryWeight = new Param("query_weight", Tensor.zeros(attentionSize, size));
        queryBias = new Param("query_bias", Tensor.zeros(attentionSize));
        v = new Param("v", Tensor.zeros(attentionSize));
    }

    @Override public String type() { return TYPE; }
    @Override public int inputSize() { return size; }
    @Override public int outputSize() { return 2 * size; }
    public int attentionSize() { return attentionSize; }
    public int length() { return length; }

    @Override public List<Param> params() { return List.of(keyWeight, queryWeight, queryBias, v); }

    /** The parameters' shapes for these sizes, by name, without building the layer (model.json checks). */
    static Map<String, long[]> paramShapes(long size, long attentionSize) {
        Map<String, long[]> m = new LinkedHashMap<>();
        m.put("key_weight", new long[] {attentionSize, size});
        m.put("query_weight", new long[] {attentionSize, size});
        m.put("query_bias", new long[] {attentionSize});
        m.put("v", new long[] {attentionSize});
        return m;
    }

    /** As nn.Linear: U(−1/√H, 1/√H) for both projections and the bias; U(−1/√A, 1/√A) for v. */
    @Override
    public void initialize(Random random) {
        float bound = (float) (1.0 / Math.sqrt(size));
        Dense.uniform(keyWeight.value().data(), bound, random);
        Dense.uniform(queryWeight.value().data(), bound, random);
        Dense.uniform(queryBias.value().data(), bound, random);
        Dense.uniform(v.value().data(), (float) (1.0 / Math.sqrt(attentionSize)), random);
    }

    /** What backward needs: the input, the memory carried in, per row the key projections and weights. */
    private record Cache(Seq x, float[][] memory, int[] filled, float[] keys, float[] memoryKeys, float[] queries, float[][] weights) {}

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(TYPE, x, size);
        int batch = x.batch(), steps = x.steps(), h = size, a = attentionSize;
        float[] xv = x.values().data();
        float[][] init = pass.initialState(this);
        checkState(init, batch);
        Kernels k = Kernels.active();
        // Key and query projections of every step at once; the carried memory's keys as well.
        float[] keys = new float[batch * steps * a], queries = new float[batch * steps * a];
        k.gemm(false, true, batch * steps, a, h, xv, 0, h, keyWeight.value().data(), 0, h, 0f, keys, 0, a);
        k.gemm(false, true, batch * steps, a, h, xv, 0, h, queryWeight.value().data(), 0, h, 0f, queries, 0, a);
        k.addBias(queries, 0, batch * steps, a, queryBias.value().data(), 0);
        float[][] memory = new float[batch][];
        int[] filled = new int[batch];
        float[] memoryKeys = new float[batch * length * a];
        for (int b = 0; b < batch; b++) {
            memory[b] = new float[length * h];
            if (init != null) {
                System.arraycopy(init[0], b * length * h, memory[b], 0, length * h);
                filled[b] = (int) init[1][b];
                k.gemm(false, true, length, a, h, memory[b], 0, h, keyWeight.value().data(), 0, h, 0f, memoryKeys, b * length * a, a);
            }
        }
        float[] y = new float[batch * steps * 2 * h];
        float[][] weights = new float[batch * steps][];
        float[] vv = v.value().data();
        float[] u = new float[length * a];
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            for (int t = 0; t < len; t++) {
                int row = b * steps + t, o = row * 2 * h;
                System.arraycopy(xv, row * h, y, o, h);
                int n = Math.min(length, filled[b] + t);            // memory positions: the n steps before t
                if (n == 0) continue;
                tanhScores(k, b, t, n, steps, keys, memoryKeys, queries, u);
                float[] s = new float[n];
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    s[j] = k.dot(a, u, j * a, vv, 0);
                    max = Math.max(max, s[j]);
                }
                double z = 0;
                for (int j = 0; j < n; j++) { s[j] = (float) Math.exp(s[j] - max); z += s[j]; }
                for (int j = 0; j < n; j++) {
                    s[j] = (float) (s[j] / z);
                    int back = n - j;
                    float[] src = t - back >= 0 ? xv : memory[b];
                    int so = t - back >= 0 ? (b * steps + t - back) * h : (length - (back - t)) * h;
                    k.axpy(h, s[j], src, so, y, o + h);
                }
                weights[row] = s;
            }
        }
        pass.setFinalState(this, finalState(x, memory, filled));
        if (pass.training()) pass.save(this, new Cache(x, memory, filled, keys, memoryKeys, queries, weights));
        return new Seq(Tensor.of(y, batch, steps, 2 * h), x.lengths());
    }

    /**
     * u[j·A ..] = tanh(key of step t − (n − j) + query of step t) for the n memory positions of step t (keys of
     * this call's steps or of the carried memory).
     */
    private void tanhScores(Kernels k, int b, int t, int n, int steps, float[] keys, float[] memoryKeys, float[] queries, float[] u) {
        int a = attentionSize, qo = (b * steps + t) * a;
        for (int j = 0; j < n; j++) {
            int back = n - j;
            boolean here = t - back >= 0;
            float[] kv = here ? keys : memoryKeys;
            int ko = here ? (b * steps + t - back) * a : (b * length + length - (back - t)) * a;
            for (int i = 0; i < a; i++) u[j * a + i] = kv[ko + i] + queries[qo + i];
        }
        k.tanh(n * a, u, 0);
    }

    /** Per row the last {@code length} inputs (the carried memory, then this call's valid steps). */
    private float[][] finalState(Seq x, float[][] memory, int[] filled) {
        int batch = x.batch(), steps = x.steps(), h = size;
        float[] mem = new float[batch * length * h], count = new float[batch];
        float[] xv = x.values().data();
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            for (int back = 1; back <= length; back++) {       // slot length − back holds step len − back
                int t = len - back, dst = (b * length + length - back) * h;
                if (t >= 0) System.arraycopy(xv, (b * steps + t) * h, mem, dst, h);
                else System.arraycopy(memory[b], (length - (back - len)) * h, mem, dst, h);
            }
            count[b] = Math.min(length, filled[b] + len);
        }
        return new float[][] {mem, count};
    }

    private void checkState(float[][] s, int batch) {
        if (s == null) return;
        if (s.length != 2 || s[0] == null || s[1] == null || s[0].length != batch * length * size || s[1].length != batch) {
            throw new IllegalArgumentException(TYPE + ": state must be {memory [" + batch + "·" + length + "·" + size + "], filled [" + batch + "]}");
        }
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Cache c = pass.saved(this);
        Seq x = c.x();
        int batch = x.batch(), steps = x.steps(), h = size, a = attentionSize;
        float[] xv = x.values().data(), g = Steps.maskedGrad(dy);
        float[] dx = new float[batch * steps * h];
        float[] dKeys = new float[batch * steps * a], dQueries = new float[batch * steps * a];
        float[] dMemoryKeys = new float[batch * length * a];   // the carried memory is fixed, but W_key acts on it
        float[] vv = v.value().data(), dv = v.grad().data();
        float[] u = new float[length * a], du = new float[a];
        Kernels k = Kernels.active();
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            for (int t = 0; t < len; t++) {
                int row = b * steps + t, o = row * 2 * h;
                for (int i = 0; i < h; i++) dx[row * h + i] += g[o + i];
                float[] w = c.weights()[row];
                if (w == null) continue;
                int n = w.length;
                // dα_j = dc · x_j, dx_j += α_j dc; then the softmax: ds_j = α_j (dα_j − Σ α dα)
                double[] da = new double[n];
                double dot = 0;
                for (int j = 0; j < n; j++) {
                    int back = n - j;
                    boolean here = t - back >= 0;
                    float[] src = here ? xv : c.memory()[b];
                    int so = here ? (b * steps + t - back) * h : (length - (back - t)) * h;
                    da[j] = k.dot(h, g, o + h, src, so);
                    dot += w[j] * da[j];
                    if (here) k.axpy(h, w[j], g, o + h, dx, so);
                }
                tanhScores(k, b, t, n, steps, c.keys(), c.memoryKeys(), c.queries(), u);
                for (int j = 0; j < n; j++) {
                    float ds = (float) (w[j] * (da[j] - dot));
                    int back = n - j;
                    boolean here = t - back >= 0;
                    int uo = j * a;
                    k.axpy(a, ds, u, uo, dv, 0);
                    for (int i = 0; i < a; i++) du[i] = ds * vv[i] * (1 - u[uo + i] * u[uo + i]);
                    k.axpy(a, 1f, du, 0, dQueries, row * a);
                    if (here) k.axpy(a, 1f, du, 0, dKeys, (b * steps + t - back) * a);
                    else k.axpy(a, 1f, du, 0, dMemoryKeys, (b * length + length - (back - t)) * a);
                }
            }
        }
        int rows = batch * steps;
        // Padded rows of dKeys/dQueries are zero, so they add nothing.
        k.gemm(true, false, a, h, rows, dKeys, 0, a, xv, 0, h, 1f, keyWeight.grad().data(), 0, h);
        k.gemm(true, false, a, h, rows, dQueries, 0, a, xv, 0, h, 1f, queryWeight.grad().data(), 0, h);
        k.sumRows(dQueries, 0, rows, a, queryBias.grad().data(), 0);
        for (int b = 0; b < batch; b++) {
            k.gemm(true, false, a, h, length, dMemoryKeys, b * length * a, a, c.memory()[b], 0, h, 1f, keyWeight.grad().data(), 0, h);
        }
        if (pass.inputGradientSkipped(this)) return null;
        k.gemm(false, false, rows, h, a, dKeys, 0, a, keyWeight.value().data(), 0, h, 1f, dx, 0, h);
        k.gemm(false, false, rows, h, a, dQueries, 0, a, queryWeight.value().data(), 0, h, 1f, dx, 0, h);
        Steps.zeroPadded(dx, x, h);
        return new Seq(Tensor.of(dx, x.values().shape()), x.lengths());
    }

    /** One step at a time for one sequence (streaming generation); state as in the batched layout with batch 1. */
    public final class Stepper {
        private final float[] memory = new float[length * size], memoryKeys = new float[length * attentionSize];
        private final float[] query = new float[attentionSize], scores = new float[length], out = new float[2 * size];
        private int filled, head;     // head: slot of the oldest step (where the next one goes)

        private Stepper() {}

        public void reset() { filled = 0; head = 0; }

        /** [x, context] for the next input x (reused array). */
        public float[] step(float[] x) {
            int h = size, a = attentionSize;
            float[] kw = keyWeight.value().data(), qw = queryWeight.value().data(), qb = queryBias.value().data(), vv = v.value().data();
            for (int i = 0; i < a; i++) {
                double sum = qb[i];
                for (int d = 0; d < h; d++) sum += (double) qw[i * h + d] * x[d];
                query[i] = (float) sum;
            }
            System.arraycopy(x, 0, out, 0, h);
            java.util.Arrays.fill(out, h, 2 * h, 0f);
            int n = Math.min(length, filled);
            if (n > 0) {
                float max = Float.NEGATIVE_INFINITY;
                for (int j = 0; j < n; j++) {
                    int slot = Math.floorMod(head - n + j, length);
                    double sum = 0;
                    for (int i = 0; i < a; i++) sum += vv[i] * (float) Math.tanh(memoryKeys[slot * a + i] + query[i]);
                    scores[j] = (float) sum;
                    max = Math.max(max, scores[j]);
                }
                double z = 0;
                for (int j = 0; j < n; j++) { scores[j] = (float) Math.exp(scores[j] - max); z += scores[j]; }
                for (int j = 0; j < n; j++) {
                    float w = (float) (scores[j] / z);
                    int slot = Math.floorMod(head - n + j, length);
                    for (int i = 0; i < h; i++) out[h + i] += w * memory[slot * h + i];
                }
            }
            // Remember x and its key for the steps to come.
            System.arraycopy(x, 0, memory, head * h, h);
            for (int i = 0; i < a; i++) {
                double sum = 0;
                for (int d = 0; d < h; d++) sum += (double) kw[i * h + d] * x[d];
                memoryKeys[head * a + i] = (float) sum;
            }
            head = (head + 1) % length;
            filled = Math.min(length, filled + 1);
            return out;
        }

        /** {memory [length · H] (oldest first), filled [1]}, as {@link ForwardPass} holds it. */
        public float[][] state() {
            float[] m = new float[length * size];
            for (int s = 0; s < length; s++) System.arraycopy(memory, Math.floorMod(head + s, length) * size, m, s * size, size);
            return new float[][] {m, {filled}};
        }

        public void setState(float[][] s) {
            checkState(s, 1);
            System.arraycopy(s[0], 0, memory, 0, length * size);
            head = 0;
            filled = (int) s[1][0];
            float[] kw = keyWeight.value().data();
            for (int slot = 0; slot < length; slot++) {
                for (int i = 0; i < attentionSize; i++) {
                    double sum = 0;
                    for (int d = 0; d < size; d++) sum += (double) kw[i * size + d] * memory[slot * size + d];
                    memoryKeys[slot * attentionSize + i] = (float) sum;
                }
            }
        }
    }

    /** A stepper on the current weights (read at every step: make a new one only to start a new sequence). */
    public Stepper stepper() { return new Stepper(); }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("input_size", size);
        c.put("attention_size", attentionSize);
        c.put("length", length);
        return c;
    }
}
