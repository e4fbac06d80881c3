package dev.recur.app.melody;

import dev.recur.nn.Dense;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layer;
import dev.recur.nn.Lstm;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.tensor.Kernels;
import dev.recur.tensor.Tensor;

import java.util.List;

/**
 * Live, step-by-step use of a {@link MelodyModel}: feed one event token (or a MIDI note), get the
 * distribution of the next event. One step runs the LSTM cells and the output layer with gemv on buffers
 * allocated once, so it allocates nothing. A primer of many tokens can instead go through the model's
 * batched forward ({@link #prime}); the LSTM states move between the two paths in the
 * {@link ForwardPass} layout ({h, c}, each [layers·dirs·batch·hidden] with batch 1).
 *
 * <p>The generator reads the model's weights when it steps, so it sees later changes to them. Not
 * thread-safe: use one generator per thread (the model may be shared).
 */
public final class MelodyGenerator {

    /** A copy of the recurrent state and the distribution it gives (for beam search and backtracking). */
    public record State(float[][] h, float[][] c, float[] logits) {}

    private final MelodyModel model;
    private final MelodyEncoding encoding;
    private final Kernels k = Kernels.active();
    private final Lstm[] lstms;
    private final float[][] wIh, wHh, bIh, bHh;
    private final float[][] h, c;
    private final float[] x, gates, tanhC;
    private final float[] logits, probabilities;
    private final int units;
    private long steps;

    public MelodyGenerator(MelodyModel model) {
        this.model = model;
        this.encoding = model.encoding();
        List<Lstm> l = model.lstms();
        int n = l.size();
        lstms = l.toArray(new Lstm[0]);
        units = lstms[0].hiddenSize();
        wIh = new float[n][];
        wHh = new float[n][];
        bIh = new float[n][];
        bHh = new float[n][];
        h = new float[n][];
        c = new float[n][];
        int widest = model.embedding().outputSize();
        for (int i = 0; i < n; i++) {
            Lstm lstm = lstms[i];
            if (lstm.numLayers() != 1 || lstm.bidirectional() || lstm.hiddenSize() != units) {
                throw new IllegalArgumentException("the generator needs one single-layer, one-way LSTM of equal size per level");
            }
            h[i] = new float[lstm.hiddenSize()];
            c[i] = new float[lstm.hiddenSize()];
            widest = Math.max(widest, lstm.hiddenSize());
            for (Param p : lstm.params()) {
                switch (p.name()) {
                    case "weight_ih_l0" -> wIh[i] = p.value().data();
                    case "weight_hh_l0" -> wHh[i] = p.value().data();
                    case "bias_ih_l0" -> bIh[i] = p.value().data();
                    case "bias_hh_l0" -> bHh[i] = p.value().data();
                    default -> throw new IllegalStateException("unexpected LSTM parameter " + p.name());
                }
            }
        }
        x = new float[widest];
        gates = new float[4 * widest];
        tanhC = new float[widest];
        logits = new float[encoding.outputSize()];
        probabilities = new float[encoding.outputSize()];
        reset();
    }

    public MelodyModel model() { return model; }
    public MelodyEncoding encoding() { return encoding; }

    /** Zero state, then the start token: {@link #logits()} is the distribution of the first event. */
    public void reset() {
        for (int i = 0; i < h.length; i++) {
            java.util.Arrays.fill(h[i], 0f);
            java.util.Arrays.fill(c[i], 0f);
        }
        steps = 0;
        step(encoding.startToken());
    }

    /** Events fed since the last reset (the start token not counted). */
    public long steps() { return steps - 1; }

    /**
     * Feeds one event token (0 = NO_EVENT, 1 = NOTE_OFF, 2.. = pitches) and returns the next event's
     * probabilities. The array is reused by the next call.
     */
    public float[] feed(int token) {
        if (token < 0 || token >= encoding.outputSize()) {
            throw new IllegalArgumentException("token " + token + " outside the vocabulary of " + encoding.outputSize());
        }
        step(token);
        return probabilities();
    }

    /** Feeds a note onset by MIDI pitch (folded into the model's range by octaves). */
    public float[] feedNote(int midiPitch) { return feed(encoding.vocabulary().id(midiPitch)); }

    /** Logits of the next event (reused array; {@code softmax(logits)} = {@link #probabilities()}). */
    public float[] logits() { return logits; }

    /** Probabilities of the next event (reused array). */
    public float[] probabilities() {
        // Plain loops: the vocabulary is small, and vector kernels allocate on odd-length tails.
        float max = Float.NEGATIVE_INFINITY;
        for (float v : logits) max = Math.max(max, v);
        double sum = 0;
        for (int j = 0; j < logits.length; j++) {
            probabilities[j] = (float) Math.exp(logits[j] - max);
            sum += probabilities[j];
        }
        float inv = (float) (1.0 / sum);
        for (int j = 0; j < logits.length; j++) probabilities[j] *= inv;
        return probabilities;
    }

    private void step(int token) {
        int e = model.embedding().outputSize();
        System.arraycopy(model.embedding().weight().value().data(), token * e, x, 0, e);
        int in = e;
        for (int l = 0; l < lstms.length; l++) {
            int n = units, g = 4 * n;
            k.gemv(g, in, wIh[l], 0, in, x, 0, 0f, gates, 0);
            k.gemv(g, n, wHh[l], 0, n, h[l], 0, 1f, gates, 0);
            if (bIh[l] != null) {
                float[] bi = bIh[l], bh = bHh[l];
                for (int j = 0; j < g; j++) gates[j] += bi[j] + bh[j];
            }
            k.sigmoid(2 * n, gates, 0);
            k.tanh(n, gates, 2 * n);
            k.sigmoid(n, gates, 3 * n);
            float[] cl = c[l], hl = h[l];
            for (int j = 0; j < n; j++) {
                cl[j] = gates[n + j] * cl[j] + gates[j] * gates[2 * n + j];
                tanhC[j] = cl[j];
            }
            k.tanh(n, tanhC, 0);
            for (int j = 0; j < n; j++) {
                hl[j] = gates[3 * n + j] * tanhC[j];
                x[j] = hl[j];
            }
            in = n;
        }
        Dense out = model.output();
        k.gemv(logits.length, in, out.weight().value().data(), 0, in, x, 0, 0f, logits, 0);
        if (out.bias() != null) {
            float[] b = out.bias().value().data();
            for (int j = 0; j < logits.length; j++) logits[j] += b[j];
        }
        steps++;
    }

    /**
     * Feeds many tokens at once through the model's batched forward pass (carrying the current state in and
     * out through {@link ForwardPass}); afterwards the generator is where {@code tokens.length} calls of
     * {@link #feed} would have left it. Returns the next event's probabilities.
     */
    public float[] prime(int[] tokens) {
        if (tokens.length == 0) return probabilities();
        float[] in = new float[tokens.length];
        for (int i = 0; i < tokens.length; i++) {
            if (tokens[i] < 0 || tokens[i] >= encoding.outputSize()) {
                throw new IllegalArgumentException("token " + tokens[i] + " at " + i + " outside the vocabulary of " + encoding.outputSize());
            }
            in[i] = tokens[i];
        }
        // The last token fed by step() is the input of the first primer step, so step the first one here
        // and hand the state to the batched pass for the rest.
        step(tokens[0]);
        if (tokens.length > 1) {
            float[] rest = java.util.Arrays.copyOfRange(in, 1, tokens.length);
            ForwardPass pass = ForwardPass.inference();
            for (int l = 0; l < lstms.length; l++) pass.setInitialState(lstms[l], new float[][] {h[l].clone(), c[l].clone()});
            Seq y = model.network().forward(Seq.full(Tensor.of(rest, 1, rest.length, 1)), pass);
            for (int l = 0; l < lstms.length; l++) {
                float[][] fin = pass.finalState(lstms[l]);
                System.arraycopy(fin[0], 0, h[l], 0, units);
                System.arraycopy(fin[1], 0, c[l], 0, units);
            }
            System.arraycopy(y.values().data(), (rest.length - 1) * logits.length, logits, 0, logits.length);
            steps += rest.length;
        }
        return probabilities();
    }

    /** The LSTM states in {@link ForwardPass} layout, for a pass that continues from here. */
    public void exportState(ForwardPass pass) {
        for (int l = 0; l < lstms.length; l++) pass.setInitialState(lstms[l], new float[][] {h[l].clone(), c[l].clone()});
    }

    /**
     * Starts from LSTM states given in {@link ForwardPass} layout (e.g. an encoder's final states), keyed by
     * this model's LSTM layers in order; then feeds {@code token}.
     */
    public float[] startFrom(List<float[][]> states, int token) {
        if (states.size() != lstms.length) {
            throw new IllegalArgumentException(states.size() + " states for " + lstms.length + " LSTM layers");
        }
        for (int l = 0; l < lstms.length; l++) {
            float[][] s = states.get(l);
            if (s.length != 2 || s[0].length != units || s[1].length != units) {
                throw new IllegalArgumentException("state of LSTM layer " + l + " must be {h, c} of " + units + " values");
            }
            System.arraycopy(s[0], 0, h[l], 0, units);
            System.arraycopy(s[1], 0, c[l], 0, units);
        }
        steps = 0;
        step(token);
        return probabilities();
    }

    public State saveState() {
        float[][] hs = new float[h.length][], cs = new float[c.length][];
        for (int i = 0; i < h.length; i++) { hs[i] = h[i].clone(); cs[i] = c[i].clone(); }
        return new State(hs, cs, logits.clone());
    }

    public void restoreState(State s) {
        for (int i = 0; i < h.length; i++) {
            System.arraycopy(s.h()[i], 0, h[i], 0, units);
            System.arraycopy(s.c()[i], 0, c[i], 0, units);
        }
        System.arraycopy(s.logits(), 0, logits, 0, logits.length);
    }

    /** Layers the states belong to (for callers that build their own {@link ForwardPass}). */
    public List<Layer> recurrentLayers() { return List.of(lstms); }
}
