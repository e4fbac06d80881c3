package dev.recur.nn;

import dev.recur.tensor.Kernels;
import dev.recur.tensor.PackedB;
import dev.recur.tensor.Parallel;
import dev.recur.tensor.Tensor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The shared machinery of {@link Rnn}, {@link Lstm} and {@link Gru}: PyTorch's parameter layout, stacking of
 * layers and directions, masks, carried state, and the fast schedule. Per layer and direction the inputs are
 * projected ahead of the recurrence, {@link #CHUNK} steps of a row per gemm (so the gate rows are still in
 * L2 when the steps reach them), and only {@code h·W_hhᵀ} (one gemm for the whole batch, added straight
 * into the gate rows) stays inside the step loop; backward gathers the gate gradients of all steps and forms
 * {@code dW_ih}, {@code dW_hh} and {@code dX} with one gemm each. Those all-steps gemms may use several
 * threads ({@link Parallel}, results independent of the thread count); the step loop splits the batch rows
 * across threads when every row has the full length. Subclasses supply only the pointwise cell.
 *
 * <p>Masks follow PyTorch's packed sequences: row b runs steps {@code t < len(b)} (the reverse direction
 * starts at {@code len(b)-1}), its state holds at padded steps, its outputs there are 0, and its final state
 * is the state after its last valid step.
 */
public abstract sealed class Recurrent implements Layer permits Rnn, Lstm, Gru {

    private final int inputSize;
    private final int hiddenSize;
    private final int numLayers;
    private final boolean bidirectional;
    private final boolean bias;
    private final int gates;
    private final Param[][] weightIh;
    private final Param[][] weightHh;
    private final Param[][] biasIh;
    private final Param[][] biasHh;
    private final List<Param> params;

    Recurrent(int inputSize, int hiddenSize, int numLayers, boolean bidirectional, boolean bias, int gates) {
        if (inputSize <= 0 || hiddenSize <= 0 || numLayers <= 0) {
            throw new IllegalArgumentException("recurrent layer needs positive sizes, got input_size=" + inputSize
                    + ", hidden_size=" + hiddenSize + ", num_layers=" + numLayers);
        }
        ParamShapes.check(typeName(gates), sizes(inputSize, hiddenSize, numLayers),
                paramShapes(inputSize, hiddenSize, numLayers, bidirectional, bias, gates));
        this.inputSize = inputSize;
        this.hiddenSize = hiddenSize;
        this.numLayers = numLayers;
        this.bidirectional = bidirectional;
        this.bias = bias;
        this.gates = gates;
        int dirs = bidirectional ? 2 : 1;
        weightIh = new Param[numLayers][dirs];
        weightHh = new Param[numLayers][dirs];
        biasIh = new Param[numLayers][dirs];
        biasHh = new Param[numLayers][dirs];
        List<Param> all = new ArrayList<>();
        int gh = gates * hiddenSize;
        for (int l = 0; l < numLayers; l++) {
            int in = l == 0 ? inputSize : hiddenSize * dirs;
            for (int d = 0; d < dirs; d++) {
                String suffix = suffix(l, d);
                weightIh[l][d] = new Param("weight_ih" + suffix, Tensor.zeros(gh, in));
                weightHh[l][d] = new Param("weight_hh" + suffix, Tensor.zeros(gh, hiddenSize));
                all.add(weightIh[l][d]);
                all.add(weightHh[l][d]);
                if (bias) {
                    biasIh[l][d] = new Param("bias_ih" + suffix, Tensor.zeros(gh));
                    biasHh[l][d] = new Param("bias_hh" + suffix, Tensor.zeros(gh));
                    all.add(biasIh[l][d]);
                    all.add(biasHh[l][d]);
                }
            }
        }
        params = Collections.unmodifiableList(all);
        packings = new AtomicReferenceArray<>(numLayers * dirs);
        draw(new Random(0));
    }

    /**
     * PyTorch's parameters of a recurrent layer with these sizes, in order (weight_ih_l0 [gates·H, in],
     * weight_hh_l0 [gates·H, H], bias_ih_l0, bias_hh_l0, then _reverse, then the next layer).
     */
    static Map<String, long[]> paramShapes(long inputSize, long hiddenSize, long numLayers, boolean bidirectional, boolean bias, int gates) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        int dirs = bidirectional ? 2 : 1;
        long gh = gates * hiddenSize;
        if (numLayers > MAX_LAYERS) {
            throw new IllegalArgumentException(typeName(gates) + ": num_layers=" + numLayers + " is more than " + MAX_LAYERS + " stacked layers");
        }
        for (long l = 0; l < numLayers; l++) {
            long in = l == 0 ? inputSize : hiddenSize * dirs;
            for (int d = 0; d < dirs; d++) {
                String suffix = suffix(l, d);
                shapes.put("weight_ih" + suffix, new long[] {gh, in});
                shapes.put("weight_hh" + suffix, new long[] {gh, hiddenSize});
                if (bias) {
                    shapes.put("bias_ih" + suffix, new long[] {gh});
                    shapes.put("bias_hh" + suffix, new long[] {gh});
                }
            }
        }
        return shapes;
    }

    /** More stacked layers than this is not a model anyone trains; it stops a config from listing 10^9 tensors. */
    static final long MAX_LAYERS = 4096;

    private static String suffix(long layer, int direction) { return "_l" + layer + (direction == 1 ? "_reverse" : ""); }

    static String sizes(long inputSize, long hiddenSize, long numLayers) {
        return "input_size=" + inputSize + ", hidden_size=" + hiddenSize + ", num_layers=" + numLayers;
    }

    private static String typeName(int gates) { return gates == 4 ? "lstm" : gates == 3 ? "gru" : "rnn"; }

    // ---- what a cell type supplies ----

    /** Number of state vectors per row: 2 for LSTM (h, c), 1 otherwise. */
    int stateCount() { return 1; }

    /** Floats per row and step, in units of H, that the cell keeps for backward besides gates and h_{t-1}. */
    int extraWidth() { return 0; }

    /**
     * Gate blocks (of H rows) whose hidden product h·W_hhᵀ and bias b_hh simply add to the input side: all of
     * them for LSTM and RNN, r and z for GRU (r scales n's W_hn·h + b_hn). Their b_hh is folded into the input
     * projection and their product added straight into the gate rows; the rest go to {@code w.hh}.
     */
    int additiveGates() { return gates; }

    /** Whether every gate is additive, so the input- and hidden-side gate gradients are the same array. */
    final boolean foldsHiddenBias() { return additiveGates() == gates; }

    /** Whether dh_{t−1} has a part that bypasses W_hh (GRU's z⊙dh), left by backwardStep in {@code w.dhRec}. */
    boolean hasDirectHiddenGradient() { return false; }

    /**
     * The pointwise part of step s for rows {@code from <= b < m} with {@code w.tOf[b] >= 0}: the gate row
     * {@link Sweep#gateRow} of (b, t) holds the input projection plus bias and, for the {@link #additiveGates},
     * h·W_hhᵀ (the other gates' part is in the same columns of {@code w.hh}, without b_hh); h_{t−1} is where {@link Sweep#prevOff} says. Turns the gate row
     * into what backward needs, writes h_t into the output {@code w.y}, advances {@code w.c}, and fills
     * {@code w.hPrev}/{@code w.extra} when training.
     */
    abstract void forwardStep(Sweep w, int s, int from, int m);

    /**
     * One backward step for the active rows: reads dy and {@code w.dhRec} (the recurrent gradient of h),
     * writes the input-side gate gradients into {@code w.dG}, the hidden-side ones into {@code w.dGh} and
     * {@code w.dGstep}, and, if {@link #hasDirectHiddenGradient}, the part of dh_{t-1} that does not pass
     * W_hh into {@code w.dhRec} (else dhRec is overwritten by the gemm that follows).
     */
    abstract void backwardStep(Sweep w, int from, int m);

    // ---- Layer ----

    @Override public int inputSize() { return inputSize; }
    @Override public int outputSize() { return hiddenSize * dirs(); }
    public int hiddenSize() { return hiddenSize; }
    public int numLayers() { return numLayers; }
    public boolean bidirectional() { return bidirectional; }
    public boolean bias() { return bias; }
    private int dirs() { return bidirectional ? 2 : 1; }

    @Override public List<Param> params() { return params; }

    /**
     * A batch-1, one-step-at-a-time runner (streaming generation) holding its own state and workspaces, with
     * the weights packed once for {@link Kernels#gemvPacked}. It snapshots the weights: make a new one after
     * they change. Unidirectional layers only.
     */
    public RecurrentStepper stepper() { return new RecurrentStepper(this, false, 1); }

    /**
     * {@link #stepper()} with the weights optionally rounded to bfloat16: half the bytes read per step (the
     * 2×LSTM-256 weights then fit a core's L2), but results change in the third significant digit. Opt-in.
     */
    public RecurrentStepper stepper(boolean bf16Weights) { return new RecurrentStepper(this, bf16Weights, 1); }

    /**
     * {@link #stepper(boolean)} with each step split by hidden units across {@code threads} cores (1 or more;
     * capped where the units no longer split into 64-row panels). Each core then reads only its share of the
     * weights, which can fit its own L2 where the whole would not: for 2 × LSTM 256, 3.3 MB of float32
     * weights become 1.6 MB per core. Results equal the one-thread stepper's bit for bit. The extra threads
     * spin briefly between steps; {@link RecurrentStepper#close} stops them.
     */
    public RecurrentStepper stepper(boolean bf16Weights, int threads) {
        return new RecurrentStepper(this, bf16Weights, threads);
    }

    int gateRows() { return gates * hiddenSize; }
    float[] weightIh(int l) { return weightIh[l][0].value().data(); }
    float[] weightHh(int l) { return weightHh[l][0].value().data(); }
    float[] biasIh(int l) { return bias ? biasIh[l][0].value().data() : null; }
    float[] biasHh(int l) { return bias ? biasHh[l][0].value().data() : null; }

    /** Every weight and bias U(−1/√H, 1/√H), PyTorch's default for its recurrent layers. */
    @Override public final void initialize(Random random) { draw(random); }

    private void draw(Random random) {
        double bound = 1.0 / Math.sqrt(hiddenSize);
        for (Param p : params) {
            float[] v = p.value().data();
            for (int i = 0; i < v.length; i++) v[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
    }

    @Override public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("input_size", inputSize);
        c.put("hidden_size", hiddenSize);
        c.put("num_layers", numLayers);
        c.put("bidirectional", bidirectional);
        c.put("bias", bias);
        return c;
    }

    /** What forward leaves for backward. */
    private record Cache(Seq x, int[] len, int[] active, float[][] layerInputs, Sweep[][] sweeps) {}

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Tensor xv = x.values();
        if (xv.rank() != 3) {
            throw new IllegalArgumentException(type() + ": expects a sequence [batch, steps, " + inputSize
                    + "], got " + xv.shapeString());
        }
        if (xv.dim(2) != inputSize) {
            throw new IllegalArgumentException(type() + ": expects " + inputSize + " input features, got "
                    + xv.dim(2));
        }
        Kernels k = Kernels.active();
        int batch = xv.dim(0), steps = xv.dim(1), dirs = dirs(), h = hiddenSize, gh = gates * h, hd = h * dirs;
        int[] len = lengths(x);
        int[] active = activeRows(len, steps);
        float[][] init = initialState(pass, batch);
        boolean training = pass.training();
        int stateSize = numLayers * dirs * batch * h;
        float[][] fin = new float[stateCount()][stateSize];

        Sweep[][] sweeps = training ? new Sweep[numLayers][dirs] : null;
        float[][] layerInputs = training ? new float[numLayers][] : null;
        boolean fused = !training && batch >= FUSED_MIN_BATCH && fusesInput();
        Sweep shared = training ? null : new Sweep(this, batch, steps, false, fused ? 1 : CHUNK);

        float[] in = xv.data();
        int inSize = inputSize;
        float[] out = null;
        for (int l = 0; l < numLayers; l++) {
            out = new float[batch * steps * hd];
            if (training) layerInputs[l] = in;
            for (int d = 0; d < dirs; d++) {
                Sweep w = training ? new Sweep(this, batch, steps, true, CHUNK) : shared;
                if (training) sweeps[l][d] = w;
                w.reverse = d == 1;
                w.outOff = d * h;
                w.y = out;
                w.bhh = !bias || foldsHiddenBias() ? null : biasHh[l][d].value().data();

                float[] projBias = null;
                if (bias) {
                    projBias = biasIh[l][d].value().data().clone();
                    k.axpy(additiveGates() * h, 1f, biasHh[l][d].value().data(), 0, projBias, 0);
                }
                int slot = (l * dirs + d) * batch * h;
                loadState(init, slot, w);
                if (fused) {
                    fusedSteps(k, w, packedGates(k, l, d), projBias, in, inSize, len, active);
                    saveFinalHidden(w, len, fin[0], slot);
                    if (stateCount() == 2) System.arraycopy(w.c, 0, fin[1], slot, batch * h);
                    continue;
                }
                // Input projections chunk by chunk just ahead of the steps that use them, so the gate rows are
                // still in cache when the step reaches them (all at once, they would go out to memory and back).
                PackedB wih = k.packB(true, inSize, gh, weightIh[l][d].value().data(), 0, inSize);
                // W_hhᵀ packed once for all steps.
                int direct = additiveGates() * h;
                float[] whhData = weightHh[l][d].value().data();
                PackedB whh = packHh(k, batch, true, h, direct, whhData, 0);
                PackedB whhRest = direct == gh ? null : packHh(k, batch, true, h, gh - direct, whhData, direct * h);
                float[] layerIn = in, pb = projBias;
                int layerInSize = inSize;
                // Rows are independent through the recurrence: each thread runs the whole step loop on its rows.
                Parallel.forChunks(batch, stepParts(len, steps), STEP_ROW_ALIGN, (from, to) -> {
                    for (int s = 0; s < steps; s++) {
                        int m = Math.min(active[s], to);
                        if (m <= from) break;
                        if (s % w.chunk == 0) project(k, w, wih, pb, layerIn, layerInSize, len, s, from, m);
                        w.setTimes(len, s, from, m);
                        stepProduct(k, w, whh, whhRest, s, from, m);
                        forwardStep(w, s, from, m);
                    }
                });
                saveFinalHidden(w, len, fin[0], slot);
                if (stateCount() == 2) System.arraycopy(w.c, 0, fin[1], slot, batch * h);
            }
            in = out;
            inSize = hd;
        }
        pass.setFinalState(this, fin);
        if (training) pass.save(this, new Cache(x, len, active, layerInputs, sweeps));
        return new Seq(Tensor.of(out, batch, steps, hd), x.lengths());
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Cache cache = pass.saved(this);
        Kernels k = Kernels.active();
        int batch = cache.x.batch(), steps = cache.x.steps(), dirs = dirs(), h = hiddenSize, gh = gates * h;
        int hd = h * dirs;
        Tensor dv = dy.values();
        if (dv.rank() != 3 || dv.dim(0) != batch || dv.dim(1) != steps || dv.dim(2) != hd) {
            throw new IllegalArgumentException(type() + ": gradient shape " + dv.shapeString() + " does not match output ["
                    + batch + ", " + steps + ", " + hd + "]");
        }
        int rows = batch * steps;
        float[] dG = new float[rows * gh];
        float[] dGh = foldsHiddenBias() ? dG : new float[rows * gh];
        float[] dOut = dv.data();
        float direct = hasDirectHiddenGradient() ? 1f : 0f;
        // State gradients: from the loss into the final state, and out of the initial state (encoder → decoder).
        float[][] dFinal = pass.finalStateGrad(this);
        int stateSize = numLayers * dirs * batch * h;
        if (dFinal != null && (dFinal.length != stateCount() || dFinal[0].length != stateSize)) {
            throw new IllegalArgumentException(type() + ": final state gradient must be " + stateCount() + " arrays of "
                    + stateSize + " values");
        }
        float[][] dInit = pass.initialState(this) == null ? null : new float[stateCount()][stateSize];
        for (int l = numLayers - 1; l >= 0; l--) {
            int inSize = l == 0 ? inputSize : hd;
            float[] xin = cache.layerInputs[l];
            // The first layer's dX is skipped when the input is data nobody differentiates.
            boolean wantIn = l > 0 || !pass.inputGradientSkipped(this);
            float[] dIn = wantIn ? new float[rows * inSize] : null;
            if (dFinal != null) {
                if (dOut == dv.data()) dOut = dOut.clone();
                addFinalHiddenGradient(dFinal[0], l, dOut, cache.len, batch, steps);
            }
            for (int d = 0; d < dirs; d++) {
                Sweep w = cache.sweeps[l][d];
                w.startBackward(dOut, dG, dGh, d > 0);
                int slot = (l * dirs + d) * batch * h;
                // c_n enters through dc, which only the row's own steps touch; h_n entered through dOut above.
                if (dFinal != null && w.dc != null) System.arraycopy(dFinal[1], slot, w.dc, 0, batch * h);
                PackedB whh = packHh(k, batch, false, gh, h, weightHh[l][d].value().data(), 0);
                boolean intoInit = dInit != null;
                Parallel.forChunks(batch, stepParts(cache.len, steps), STEP_ROW_ALIGN, (from, to) -> {
                    for (int s = steps - 1; s >= 0; s--) {
                        int m = Math.min(cache.active[s], to);
                        if (m <= from) continue;
                        w.setTimes(cache.len, s, from, m);
                        backwardStep(w, from, m);
                        // dh_{t-1} += dGates_hh·W_hh; after the first step only when h0 came from outside.
                        if (s > 0 || intoInit) {
                            k.gemmPackedB(false, m - from, w.dGstep, from * gh, gh, whh, direct, w.dhRec, from * h, h);
                        }
                    }
                });
                Parallel.gemm(true, false, gh, inSize, rows, dG, 0, gh, xin, 0, inSize, 1f,
                        weightIh[l][d].grad().data(), 0, inSize);
                Parallel.gemm(true, false, gh, h, rows, dGh, 0, gh, w.hPrev, 0, h, 1f,
                        weightHh[l][d].grad().data(), 0, h);
                if (bias && dGh == dG) {
                    // One pass over the gate gradients: b_ih and b_hh get the same sums.
                    float[] sums = new float[gh];
                    k.sumRows(dG, 0, rows, gh, sums, 0);
                    k.axpy(gh, 1f, sums, 0, biasIh[l][d].grad().data(), 0);
                    k.axpy(gh, 1f, sums, 0, biasHh[l][d].grad().data(), 0);
                } else if (bias) {
                    k.sumRows(dG, 0, rows, gh, biasIh[l][d].grad().data(), 0);
                    k.sumRows(dGh, 0, rows, gh, biasHh[l][d].grad().data(), 0);
                }
                if (wantIn) {
                    Parallel.gemm(false, false, rows, inSize, gh, dG, 0, gh, weightIh[l][d].value().data(), 0, inSize,
                            d == 0 ? 0f : 1f, dIn, 0, inSize);
                }
                if (dInit != null) {
                    System.arraycopy(w.dhRec, 0, dInit[0], slot, batch * h);
                    if (w.dc != null) System.arraycopy(w.dc, 0, dInit[1], slot, batch * h);
                    // An empty row's final state is its initial state.
                    for (int b = 0; b < batch && dFinal != null; b++) {
                        if (cache.len[b] == 0) System.arraycopy(dFinal[0], slot + b * h, dInit[0], slot + b * h, h);
                    }
                }
                w.endBackward();
            }
            dOut = dIn;
        }
        if (dInit != null) pass.setInitialStateGrad(this, dInit);
        return dOut == null ? null : new Seq(Tensor.of(dOut, batch, steps, inputSize), cache.x.lengths());
    }

    /**
     * Adds d(loss)/d(h_n) of layer l to the output gradient at each row's last valid step (step 0 for the
     * reverse direction), where h_n is that step's output. Going through dy rather than the recurrent
     * gradient keeps it safe from the step loop, which overwrites the recurrent gradient of rows not yet begun.
     */
    private void addFinalHiddenGradient(float[] dhFinal, int l, float[] dOut, int[] len, int batch, int steps) {
        int h = hiddenSize, dirs = dirs(), hd = h * dirs;
        for (int d = 0; d < dirs; d++) {
            int slot = (l * dirs + d) * batch * h;
            for (int b = 0; b < batch; b++) {
                if (len[b] == 0) continue;
                int t = d == 0 ? len[b] - 1 : 0;
                Kernels.active().axpy(h, 1f, dhFinal, slot + b * h, dOut, (b * steps + t) * hd + d * h);
            }
        }
    }

    /**
     * Whether the step can run as one product [x_t | h_{t−1}]·[W_ih | W_hh]ᵀ + b_ih + b_hh per step
     * ({@link Kernels#gemmRows}): where every gate is additive (LSTM, RNN). The gate row is then written once,
     * with everything in it, and read once by the cell; the chunked input projections would write it, read and
     * write it again to add h·W_hhᵀ, and need a window of gate rows per row. GRU's n gate keeps its hidden part
     * apart, so it runs the chunked schedule. Inference only: training keeps every step's gates for the backward
     * pass anyway, and there the chunked projections (one large product per chunk) measured faster.
     */
    private boolean fusesInput() { return foldsHiddenBias(); }

    /**
     * Smallest batch that runs the fused schedule: its register tile has 8 (or 4) rows, so one row would pay for
     * eight; a batch of one keeps the matrix-vector step of the chunked schedule.
     */
    static final int FUSED_MIN_BATCH = 8;

    /**
     * The step loop of the fused schedule for one layer and direction: per step one {@link Kernels#gemmRows} over
     * the live rows (their x_t and h_{t−1} wherever they lie), then the cell. Threads split the rows as in the
     * chunked schedule; each row's bits are the same whichever rows share its product.
     */
    private void fusedSteps(Kernels k, Sweep w, PackedB wcat, float[] bias, float[] in, int inSize, int[] len,
                            int[] active) {
        int steps = w.steps, gh = w.gateWidth;
        Parallel.forChunks(w.batch, stepParts(len, steps), STEP_ROW_ALIGN, (from, to) -> {
            int[] xo = new int[to - from], ho = new int[to - from], go = new int[to - from];
            for (int s = 0; s < steps; s++) {
                int m = Math.min(active[s], to);
                if (m <= from) break;
                w.setTimes(len, s, from, m);
                int rows = 0;
                for (int b = from; b < m; b++) {
                    int t = w.tOf[b];
                    if (t < 0) continue;
                    xo[rows] = (b * steps + t) * inSize;
                    ho[rows] = w.prevOff(s, b, t);
                    go[rows] = w.gateRow(b, s, t) * gh;
                    rows++;
                }
                k.gemmRows(rows, in, xo, inSize, w.prevArray(s), ho, wcat, bias, 0, w.gates, go);
                forwardStep(w, s, from, m);
            }
        });
    }

    /** [W_ih | W_hh] of a layer and direction as packed by the kernels, with the weights it was packed from. */
    private record PackedGates(Kernels kernels, float[] wih, float[] whh, PackedB packed) {}

    /** The last packing of each layer and direction; replaced whole, so concurrent forwards see one or the other. */
    private final AtomicReferenceArray<PackedGates> packings;

    /**
     * [W_ih | W_hh]ᵀ packed for {@link Kernels#gemmRows}, reused while the weights are what it was packed from.
     * Weights are plain arrays that optimizers and loaders write in place, so the check is a comparison with a
     * copy (one sequential pass, a few percent of the packing it saves): a cached packing is never stale.
     */
    private PackedB packedGates(Kernels k, int l, int d) {
        float[] wih = weightIh[l][d].value().data(), whh = weightHh[l][d].value().data();
        int slot = l * dirs() + d;
        PackedGates cached = packings.get(slot);
        if (cached != null && cached.kernels == k && Arrays.equals(cached.wih, wih) && Arrays.equals(cached.whh, whh)) {
            return cached.packed;
        }
        int in = wih.length / gateRows(), h = hiddenSize, kk = in + h, n = gateRows();
        float[] cat = new float[n * kk];
        for (int j = 0; j < n; j++) {
            System.arraycopy(wih, j * in, cat, j * kk, in);
            System.arraycopy(whh, j * h, cat, j * kk + in, h);
        }
        PackedB packed = k.packB(true, kk, n, cat, 0, kk);
        packings.set(slot, new PackedGates(k, wih.clone(), whh.clone(), packed));
        return packed;
    }

    /**
     * W_hh (or its transpose) packed once for a call's step gemms. A batch of one row multiplies by it as a
     * matrix-vector product, which reads it unpacked, so packing would be wasted (batch-1 streaming). From two
     * rows on, the packed register tile (zero-padded to 8 rows) reads W_hh once per step, where one matrix-vector
     * product per row read it once per row: batch 4 of 2 × LSTM 256 ran at 0.28× ONNX Runtime that way. Each
     * row then also gets the same bits as in a batch of 8 or more.
     */
    private static PackedB packHh(Kernels k, int batch, boolean transB, int kk, int n, float[] whh, int off) {
        int ld = transB ? kk : n;
        return batch < 2 ? new PackedB(transB, kk, n, whh, off, ld, null) : k.packB(transB, kk, n, whh, off, ld);
    }

    /**
     * The input projections (plus the folded bias) of the next {@link Sweep#chunk} steps of each row from
     * {@code from} to {@code m}, one gemm per row over its consecutive time steps. Each gate element gets
     * the same operations as one gemm over all steps would give it, followed by the bias.
     */
    private static void project(Kernels k, Sweep w, PackedB wih, float[] bias, float[] in, int inSize, int[] len,
                                int s, int from, int m) {
        int gh = w.gateWidth;
        for (int b = from; b < m; b++) {
            if (len[b] <= s) continue;
            int n = Math.min(w.chunk, len[b] - s);
            // The chunk's earliest time step, and the step s at which it is processed.
            int tLo = w.reverse ? len[b] - s - n : s;
            int cRow = w.gateRow(b, w.reverse ? s + n - 1 : s, tLo);
            if (bias != null) {
                for (int r = 0; r < n; r++) System.arraycopy(bias, 0, w.gates, (cRow + r) * gh, gh);
            }
            k.gemmPackedB(false, n, in, (b * w.steps + tLo) * inSize, inSize, wih, bias == null ? 0f : 1f,
                    w.gates, cRow * gh, gh);
        }
    }

    /**
     * h_{t−1}·W_hhᵀ for each run of rows sharing a time index: the additive gates' part added into their gate
     * rows, the rest (GRU's n) written to the same columns of {@code w.hh}.
     */
    private void stepProduct(Kernels k, Sweep w, PackedB whh, PackedB whhRest, int s, int from, int m) {
        int gh = w.gateWidth, direct = whh.n();
        for (int b = from; b < m; ) {
            int t = w.tOf[b];
            if (t < 0) { b++; continue; }
            int e = w.runEnd(b, m);
            float[] prev = w.prevArray(s);
            int po = w.prevOff(s, b, t), pld = w.prevLd(s);
            k.gemmPackedB(false, e - b, prev, po, pld, whh, 1f, w.gates, w.gateRow(b, s, t) * gh, w.gateLd());
            if (whhRest != null) k.gemmPackedB(false, e - b, prev, po, pld, whhRest, 0f, w.hh, b * gh + direct, gh);
            b = e;
        }
    }

    /** h_n of each row into {@code fin}: its output at its last step, or its initial state if it has no steps. */
    private static void saveFinalHidden(Sweep w, int[] len, float[] fin, int slot) {
        int h = w.hidden;
        for (int b = 0; b < w.batch; b++) {
            if (len[b] == 0) {
                System.arraycopy(w.h, b * h, fin, slot + b * h, h);
            } else {
                int t = w.reverse ? 0 : len[b] - 1;
                System.arraycopy(w.y, (b * w.steps + t) * w.outStride + w.outOff, fin, slot + b * h, h);
            }
        }
    }

    /**
     * Row chunks of a threaded step loop start at multiples of this: with chunks of at least 8 rows every
     * step gemm runs the same tiles as the whole batch would (see {@link Kernels#gemm}'s contract).
     */
    private static final int STEP_ROW_ALIGN = 8;

    /**
     * Steps whose input projections are computed together: for Config C (batch 32, LSTM 128) the window of
     * gate rows is 1 MB, within a core's L2; -Drecur.rnn.chunk overrides it, for tuning.
     */
    static final int CHUNK = Integer.getInteger("recur.rnn.chunk", 16);

    /**
     * Threads for the step loop: split by rows only when every row has the full length, so each chunk's
     * step gemm has all its rows (at least 8) at every step and results equal one thread's bit for bit;
     * a ragged batch, whose live rows shrink step by step, stays on one thread.
     */
    private static int stepParts(int[] len, int steps) {
        int parts = Math.min(Parallel.threads(), len.length / STEP_ROW_ALIGN);
        if (parts <= 1) return 1;
        for (int n : len) if (n != steps) return 1;
        return parts;
    }

    private int[] lengths(Seq x) {
        int batch = x.batch(), steps = x.steps();
        int[] len = new int[batch];
        for (int b = 0; b < batch; b++) {
            int n = x.length(b);
            if (n < 0 || n > steps) {
                throw new IllegalArgumentException(type() + ": row " + b + " has length " + n + " outside 0.." + steps);
            }
            len[b] = n;
        }
        return len;
    }

    /** active[s] = 1 + the last row still running at step s, so each step's gemm covers only live rows. */
    private static int[] activeRows(int[] len, int steps) {
        int[] active = new int[steps];
        for (int b = 0; b < len.length; b++) {
            for (int s = 0; s < len[b]; s++) active[s] = b + 1;
        }
        return active;
    }

    private float[][] initialState(ForwardPass pass, int batch) {
        float[][] init = pass.initialState(this);
        if (init == null) return null;
        int want = numLayers * dirs() * batch * hiddenSize;
        if (init.length != stateCount()) {
            throw new IllegalArgumentException(type() + ": initial state needs " + stateCount() + " arrays, got " + init.length);
        }
        for (float[] s : init) {
            if (s == null || s.length != want) {
                throw new IllegalArgumentException(type() + ": initial state arrays need " + want
                        + " values [layers·dirs, batch, hidden], got " + (s == null ? "null" : s.length));
            }
        }
        return init;
    }

    private void loadState(float[][] init, int slot, Sweep w) {
        int n = w.h.length;
        if (init == null) {
            Arrays.fill(w.h, 0f);
            if (w.c != null) Arrays.fill(w.c, 0f);
        } else {
            System.arraycopy(init[0], slot, w.h, 0, n);
            if (w.c != null) System.arraycopy(init[1], slot, w.c, 0, n);
        }
    }

    /**
     * The arrays of one layer and direction for one call. Forward fills the caches; backward adds the gradient
     * workspaces and drops them again, so a cached sweep holds only what backward reads.
     */
    static final class Sweep {
        final int batch, steps, hidden, outStride;
        /** Floats per gate row: gates · hidden. */
        final int gateWidth;
        int outOff;
        boolean reverse;
        /**
         * Gate rows: input projections plus bias, then whatever the cell keeps of its gates. Training keeps all
         * steps ([B·T, G·H], row b·T + t, as backward needs); inference only a window of {@link #chunk} steps
         * per row (see {@link #gateRow}).
         */
        final float[] gates;
        /** Steps projected at once; in inference also the window of gate rows kept per row. */
        final int chunk;
        private final boolean window;
        /** [B, G·H]: h·W_hhᵀ of the current step, for cells that do not add it into the gate rows. */
        final float[] hh;
        /** [B, H] initial state, then the final one; c [B, H] running, only for LSTM. */
        final float[] h, c;
        /** Time index of each row at the current step, −1 when the row is past its end. */
        final int[] tOf;
        /** [B·T, H] state before each valid step and [B·T, E·H] the cell's own cache; null in inference. */
        final float[] hPrev, extra;
        /** Output [B, T, H·dirs]; it also holds h_{t−1} for the next step. */
        float[] y;
        /** b_hh when it is not folded into the projection (GRU), else null. */
        float[] bhh;

        // backward workspaces
        float[] dy, dG, dGh, dGstep, dhRec, dc;

        /** {@code chunk}: steps projected at once (1 for the fused schedule, whose inference window is one step). */
        Sweep(Recurrent layer, int batch, int steps, boolean training, int chunk) {
            this(layer, batch, steps, training, layer.hiddenSize, layer.dirs(), chunk);
        }

        /** A sweep over {@code h} of the layer's hidden units, one direction (a part of a split streaming step). */
        Sweep(Recurrent layer, int batch, int steps, boolean training, int h, int dirs) {
            this(layer, batch, steps, training, h, dirs, CHUNK);
        }

        private Sweep(Recurrent layer, int batch, int steps, boolean training, int h, int dirs, int chunk) {
            int gh = layer.gates * h;
            gateWidth = gh;
            this.batch = batch;
            this.steps = steps;
            this.hidden = h;
            this.outStride = h * dirs;
            this.chunk = Math.max(1, Math.min(chunk, steps));
            window = !training;
            gates = new float[batch * (window ? chunk : steps) * gh];
            hh = new float[batch * gh];
            this.h = new float[batch * h];
            c = layer.stateCount() == 2 ? new float[batch * h] : null;
            tOf = new int[batch];
            hPrev = training ? new float[batch * steps * h] : null;
            extra = training && layer.extraWidth() > 0 ? new float[batch * steps * layer.extraWidth() * h] : null;
        }

        /**
         * The gate row of row b at time t, processed at step s: b·T + t in training; in inference slot
         * s mod chunk of the row's window (counted from the end in the reverse direction, so that a chunk's
         * time steps stay in ascending rows for the projection gemm).
         */
        int gateRow(int b, int s, int t) {
            if (!window) return b * steps + t;
            int j = s % chunk;
            return b * chunk + (reverse ? chunk - 1 - j : j);
        }

        /** Stride between the gate rows of consecutive batch rows at the same step. */
        int gateLd() {
            return (window ? chunk : steps) * gateWidth;
        }

        /** Where h_{t−1} of step s lies: the initial state at step 0, else the previous step's output. */
        float[] prevArray(int s) {
            return s == 0 ? h : y;
        }

        int prevOff(int s, int b, int t) {
            if (s == 0) return b * hidden;
            return (b * steps + (reverse ? t + 1 : t - 1)) * outStride + outOff;
        }

        int prevLd(int s) {
            return s == 0 ? hidden : steps * outStride;
        }

        /** Offset of (b, t) in the output {@link #y}; consecutive batch rows lie {@link #outLd} apart. */
        int outOff(int b, int t) {
            return (b * steps + t) * outStride + outOff;
        }

        int outLd() {
            return steps * outStride;
        }

        void setTimes(int[] len, int s, int from, int m) {
            for (int b = from; b < m; b++) tOf[b] = len[b] > s ? (reverse ? len[b] - 1 - s : s) : -1;
        }

        /**
         * End of the run of rows from {@code b} (active) that share its time index, so their rows lie a
         * fixed stride apart in every [B, T, ·] array and one fused kernel call covers them.
         */
        int runEnd(int b, int m) {
            int t = tOf[b], e = b + 1;
            while (e < m && tOf[e] == t) e++;
            return e;
        }

        /** {@code reused}: dG and dGh hold the other direction's gradients (fresh arrays are already zero). */
        void startBackward(float[] dOut, float[] dG, float[] dGh, boolean reused) {
            this.dy = dOut;
            this.dG = dG;
            this.dGh = dGh;
            if (reused) {
                Arrays.fill(dG, 0f);
                if (dGh != dG) Arrays.fill(dGh, 0f);
            }
            int gh = gateWidth;
            dGstep = new float[batch * gh];
            dhRec = new float[batch * hidden];
            dc = c == null ? null : new float[batch * hidden];
        }

        void endBackward() {
            dy = dG = dGh = dGstep = dhRec = dc = null;
        }
    }
}
