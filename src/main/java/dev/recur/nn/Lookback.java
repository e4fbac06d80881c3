package dev.recur.nn;

import dev.recur.tensor.Tensor;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The input encoding of Magenta's Lookback RNN, as a layer: from a sequence of token ids ([batch, steps, 1],
 * each step's input being the previous event, as {@link Embedding} takes them) it makes, per step,
 * <ol>
 * <li>the one-hot of the input token (size {@code numClasses});
 * <li>for each lookback distance d (e.g. one and two bars), the one-hot of the event d steps before the one
 *     being predicted: the event that comes next if the music repeats itself d steps back
 *     ({@code defaultClass} before the start);
 * <li>the position of the step being predicted as a binary counter of {@code counterBits} bits, each ±1
 *     (5 bits count two bars of 16 steps);
 * <li>for each distance d, 1 when the last event repeats the event d steps before it, else 0.
 * </ol>
 * Output size: numClasses·(1 + distances) + counterBits + distances. No parameters; like an embedding it
 * gives no gradient to its (discrete) input.
 *
 * <p>It looks back across calls: its state (the last max(d) input tokens and the step count, per row) moves
 * through {@link ForwardPass#initialState}/{@link ForwardPass#finalState} like a recurrent layer's, so
 * truncated BPTT, chunked evaluation and streaming see one long sequence. State layout: {tokens [batch ·
 * (maxDistance + 1)] (oldest first, −1 = none), inputs seen [batch]}, as floats; a row that starts without
 * a state starts a sequence (its first input is the start token). {@link #stepper()} runs
 * it one step at a time.
 *
 * <p>PyTorch has no such layer; it is a fixed function of the token history (src/test/python/make_fixtures.py
 * has a reference written with {@code torch.nn.functional.one_hot}).
 */
public final class Lookback implements Layer {
    public static final String TYPE = "lookback";

    private final int numClasses, defaultClass, counterBits;
    private final int[] distances;
    private final int history;

    public Lookback(int numClasses, int[] distances, int counterBits, int defaultClass) {
        this.numClasses = Steps.positive(TYPE, "num_classes", numClasses);
        if (distances.length == 0) throw new IllegalArgumentException(TYPE + ": needs at least one distance");
        for (int d : distances) Steps.positive(TYPE, "distance", d);
        if (counterBits < 0 || counterBits > 30) throw new IllegalArgumentException(TYPE + ": counter_bits must be 0..30, got " + counterBits);
        if (defaultClass < 0 || defaultClass >= numClasses) {
            throw new IllegalArgumentException(TYPE + ": default_class must be in [0, " + numClasses + "), got " + defaultClass);
        }
        this.distances = distances.clone();
        this.counterBits = counterBits;
        this.defaultClass = defaultClass;
        this.history = Arrays.stream(distances).max().getAsInt() + 1;   // the repeat flags look one further back
    }

    @Override public String type() { return TYPE; }
    @Override public int inputSize() { return 1; }
    @Override public int outputSize() { return numClasses * (1 + distances.length) + counterBits + distances.length; }
    public int numClasses() { return numClasses; }
    public int[] distances() { return distances.clone(); }
    public int counterBits() { return counterBits; }
    /** Input tokens a state holds per row: the longest distance + 1. */
    public int memory() { return history; }

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(TYPE, x, 1);
        int batch = x.batch(), steps = x.steps(), out = outputSize();
        float[] v = x.values().data();
        float[][] init = pass.initialState(this);
        checkState(init, batch);
        float[] y = new float[batch * steps * out];
        float[] finalTokens = new float[batch * history], finalPos = new float[batch];
        int[] ring = new int[history];
        for (int b = 0; b < batch; b++) {
            long position = 0;
            Arrays.fill(ring, -1);
            if (init != null) {
                for (int i = 0; i < history; i++) ring[i] = (int) init[0][b * history + i];
                position = (long) init[1][b];
            }
            Window w = new Window(ring, position);
            for (int t = 0; t < x.length(b); t++) {
                int id = id(v[b * steps + t], b, t);
                w.encode(id, y, (b * steps + t) * out);
            }
            for (int i = 0; i < history; i++) finalTokens[b * history + i] = w.tokenBack(history - i);
            finalPos[b] = w.position;
        }
        pass.setFinalState(this, new float[][] {finalTokens, finalPos});
        if (pass.training()) pass.save(this, Boolean.TRUE);
        return new Seq(Tensor.of(y, batch, steps, out), x.lengths());
    }

    private int id(float f, int b, int t) {
        int id = (int) f;
        if (id != f || id < 0 || id >= numClasses) {
            throw new IllegalArgumentException(TYPE + ": token id " + f + " at row " + b + ", step " + t
                    + " is not an integer in [0, " + numClasses + ")");
        }
        return id;
    }

    private void checkState(float[][] s, int batch) {
        if (s == null) return;
        if (s.length != 2 || s[0] == null || s[1] == null || s[0].length != batch * history || s[1].length != batch) {
            throw new IllegalArgumentException(TYPE + ": state must be {tokens [" + batch + "·" + history + "], position [" + batch + "]}");
        }
    }

    /** One row's look-back window: the last {@code history} input tokens (a ring) and the count of steps seen. */
    private final class Window {
        final int[] ring;
        long position;
        int head;   // where the next token goes (the oldest one's slot)

        Window(int[] ring, long position) {
            this.ring = ring;
            this.position = position;
        }

        /** The input token {@code k} steps back (1 = the latest), −1 before the start. */
        int tokenBack(int k) { return ring[Math.floorMod(head - k, history)]; }

        /**
         * The event {@code k} inputs back (1 = the latest input), or −1 when that input is the first one (the
         * start token, before any event) or lies before it.
         */
        int eventBack(int k) { return position - k >= 1 ? tokenBack(k) : -1; }

        /**
         * Takes the next input token and writes its features at y[o ..]. After it, {@code position} = t + 1
         * for the step t being predicted: input t is event t − 1, so event t − k is {@code eventBack(k)}.
         */
        void encode(int id, float[] y, int o) {
            ring[head] = id;
            head = (head + 1) % history;
            position++;
            y[o + id] = 1f;
            int off = o + numClasses;
            for (int d : distances) {                  // event t − d: what comes next if the music repeats d back
                int e = eventBack(d);
                y[off + (e < 0 ? defaultClass : e)] = 1f;
                off += numClasses;
            }
            long n = position - 1;                     // t, Magenta's "position of the next event"
            for (int i = 0; i < counterBits; i++) y[off + i] = ((n >> i) & 1) == 1 ? 1f : -1f;
            off += counterBits;
            int last = eventBack(1);
            for (int d : distances) {                  // does event t − 1 repeat event t − 1 − d?
                int before = eventBack(d + 1);
                y[off++] = last >= 0 && before >= 0 && before == last ? 1f : 0f;
            }
        }
    }

    /** No parameters, and ids get no gradient (zeros), as with {@link Embedding}. */
    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        pass.saved(this);
        if (pass.inputGradientSkipped(this)) return null;
        return new Seq(Tensor.zeros(dy.batch(), dy.steps(), 1), dy.lengths());
    }

    /** One step at a time for one sequence (streaming generation); state as in the batched layout with batch 1. */
    public final class Stepper {
        private final Window window = new Window(new int[history], 0);
        private final float[] out = new float[outputSize()];

        private Stepper() { reset(); }

        public void reset() {
            Arrays.fill(window.ring, -1);
            window.head = 0;
            window.position = 0;
        }

        /** The features for input token {@code id} (reused array). */
        public float[] step(int id) {
            Arrays.fill(out, 0f);
            window.encode(id(id, 0, (int) window.position), out, 0);
            return out;
        }

        /** {tokens [maxDistance + 1], inputs seen [1]}, as {@link ForwardPass} holds it. */
        public float[][] state() {
            float[] tokens = new float[history];
            for (int i = 0; i < history; i++) tokens[i] = window.tokenBack(history - i);
            return new float[][] {tokens, {window.position}};
        }

        public void setState(float[][] s) {
            checkState(s, 1);
            for (int i = 0; i < history; i++) window.ring[i] = (int) s[0][i];
            window.head = 0;
            window.position = (long) s[1][0];
        }
    }

    public Stepper stepper() { return new Stepper(); }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("num_classes", numClasses);
        c.put("distances", Arrays.stream(distances).boxed().toList());
        c.put("counter_bits", counterBits);
        c.put("default_class", defaultClass);
        return c;
    }

    /** Reads the "distances" list of a config. */
    static int[] distances(Object raw) {
        if (!(raw instanceof List<?> list)) throw new IllegalArgumentException(TYPE + ": 'distances' must be a list of integers, got " + raw);
        int[] d = new int[list.size()];
        for (int i = 0; i < d.length; i++) {
            if (!(list.get(i) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())) {
                throw new IllegalArgumentException(TYPE + ": 'distances' must be a list of integers, got " + raw);
            }
            d[i] = n.intValue();
        }
        return d;
    }
}
