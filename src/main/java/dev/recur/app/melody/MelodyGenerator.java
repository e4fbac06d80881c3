package dev.recur.app.melody;

import dev.recur.nn.Attention;
import dev.recur.nn.Dense;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layer;
import dev.recur.nn.Lookback;
import dev.recur.nn.Lstm;
import dev.recur.nn.RecurrentStepper;
import dev.recur.nn.Seq;
import dev.recur.tensor.Kernels;
import dev.recur.tensor.Tensor;

import java.util.Arrays;
import java.util.List;

/**
 * Live, step-by-step use of a {@link MelodyModel}: feed one event token (or a MIDI note), get the
 * distribution of the next event. One step runs each LSTM layer through its {@link RecurrentStepper} and
 * the output layer through {@link Kernels#gemvPacked}, all on float32 weights packed once at construction.
 * A primer of many tokens can instead go through the model's batched forward ({@link #prime}); the LSTM
 * states move between the two paths in the {@link ForwardPass} layout ({h, c}, each
 * [layers·dirs·batch·hidden] with batch 1).
 *
 * <p>The generator takes a snapshot of the model's weights: make a new one after training changes them.
 * Not thread-safe: use one generator per thread (the model may be shared).
 */
public final class MelodyGenerator {

    /**
     * A copy of the recurrent state and the distribution it gives (for beam search and backtracking): the
     * LSTM states, and the lookback and attention states when the model has those layers (else null).
     */
    public record State(float[][] h, float[][] c, float[][] lookback, float[][] attention, float[] logits) {}

    private final MelodyModel model;
    private final MelodyEncoding encoding;
    private final Kernels k = Kernels.active();
    private final Lstm[] lstms;
    private final RecurrentStepper[] steppers;
    /** The structure layers' steppers, or null when the model has no such layer. */
    private final Lookback.Stepper lookback;
    private final Attention.Stepper attention;
    /** Snapshots: embedding table [tokens, width] (null with lookback), output weights packed for gemvPacked, output bias or null. */
    private final float[] embeddings, outputPacked, outputBias;
    private final float[] x;
    private final float[] logits, probabilities;
    private long steps;

    public MelodyGenerator(MelodyModel model) {
        this.model = model;
        this.encoding = model.encoding();
        lstms = model.lstms().toArray(new Lstm[0]);
        steppers = new RecurrentStepper[lstms.length];
        for (int l = 0; l < lstms.length; l++) steppers[l] = lstms[l].stepper();
        lookback = model.lookback() == null ? null : model.lookback().stepper();
        attention = model.attention() == null ? null : model.attention().stepper();
        embeddings = model.embedding() == null ? null : model.embedding().weight().value().data().clone();
        x = new float[model.embedding() == null ? 0 : model.embedding().outputSize()];
        Dense out = model.output();
        outputPacked = Kernels.packForGemv(out.outputSize(), out.inputSize(), out.weight().value().data(), 0, out.inputSize());
        outputBias = out.bias() == null ? null : out.bias().value().data().clone();
        logits = new float[encoding.outputSize()];
        probabilities = new float[encoding.outputSize()];
        reset();
    }

    public MelodyModel model() { return model; }
    public MelodyEncoding encoding() { return encoding; }

    /** Zero state, then the start token: {@link #logits()} is the distribution of the first event. */
    public void reset() {
        for (RecurrentStepper s : steppers) s.reset();
        if (lookback != null) lookback.reset();
        if (attention != null) attention.reset();
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
        float[] h;
        if (lookback != null) h = lookback.step(token);
        else {
            System.arraycopy(embeddings, token * x.length, x, 0, x.length);
            h = x;
        }
        for (RecurrentStepper s : steppers) h = s.step(h);
        if (attention != null) h = attention.step(h);
        k.gemvPacked(logits.length, h.length, outputPacked, h, 0, outputBias, 0, logits, 0);
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
            float[] rest = Arrays.copyOfRange(in, 1, tokens.length);
            ForwardPass pass = ForwardPass.inference();
            exportState(pass);
            Seq y = model.network().forward(Seq.full(Tensor.of(rest, 1, rest.length, 1)), pass);
            for (int l = 0; l < lstms.length; l++) steppers[l].setState(pass.finalState(lstms[l]));
            if (lookback != null) lookback.setState(pass.finalState(model.lookback()));
            if (attention != null) attention.setState(pass.finalState(model.attention()));
            System.arraycopy(y.values().data(), (rest.length - 1) * logits.length, logits, 0, logits.length);
            steps += rest.length;
        }
        return probabilities();
    }

    /** The LSTM (and lookback, attention) states in {@link ForwardPass} layout, for a pass that continues from here. */
    public void exportState(ForwardPass pass) {
        for (int l = 0; l < lstms.length; l++) pass.setInitialState(lstms[l], steppers[l].state());
        if (lookback != null) pass.setInitialState(model.lookback(), lookback.state());
        if (attention != null) pass.setInitialState(model.attention(), attention.state());
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
            int size = lstms[l].numLayers() * lstms[l].hiddenSize();
            if (s == null || s.length != 2 || s[0] == null || s[1] == null || s[0].length != size || s[1].length != size) {
                throw new IllegalArgumentException("state of LSTM layer " + l + " must be {h, c} of " + size + " values");
            }
        }
        for (int l = 0; l < lstms.length; l++) steppers[l].setState(states.get(l));
        if (lookback != null) lookback.reset();
        if (attention != null) attention.reset();
        steps = 0;
        step(token);
        return probabilities();
    }

    public State saveState() {
        float[][] hs = new float[steppers.length][], cs = new float[steppers.length][];
        for (int l = 0; l < steppers.length; l++) {
            float[][] s = steppers[l].state();
            hs[l] = s[0];
            cs[l] = s[1];
        }
        return new State(hs, cs, lookback == null ? null : lookback.state(), attention == null ? null : attention.state(), logits.clone());
    }

    public void restoreState(State s) {
        for (int l = 0; l < steppers.length; l++) steppers[l].setState(new float[][] {s.h()[l], s.c()[l]});
        if (lookback != null) lookback.setState(s.lookback());
        if (attention != null) attention.setState(s.attention());
        System.arraycopy(s.logits(), 0, logits, 0, logits.length);
    }

    /** Layers the states belong to (for callers that build their own {@link ForwardPass}). */
    public List<Layer> recurrentLayers() { return List.of(lstms); }
}
