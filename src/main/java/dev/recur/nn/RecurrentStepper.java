package dev.recur.nn;

import dev.recur.tensor.Kernels;
import dev.recur.tensor.SpinTeam;

import java.util.Arrays;

/**
 * Runs a unidirectional {@link Recurrent} layer one step at a time for one sequence (batch 1), as streaming
 * generation does, without the per-call costs of {@link Recurrent#forward}: the workspaces and state live
 * here, and W_ih and W_hh are packed once (at construction) for {@link Kernels#gemvPacked}, which reads
 * each weight once per step in one unit-stride stream. The results equal {@code forward} up to float
 * rounding (the sums run in another order); with bfloat16 weights (opt-in, {@link Recurrent#stepper(boolean)})
 * they are only close (8 significant bits per weight), for sampling. The weights are a snapshot: make a new
 * stepper after training changes them. Not thread-safe; one stepper per sequence.
 *
 * <p>A step can be split by hidden units into parts run on several cores ({@link Recurrent#stepper(boolean, int)}):
 * part p owns units [p·H/P, (p+1)·H/P) of every layer, i.e. those rows of each gate block of W_ih and W_hh,
 * packed together. Every part reads the whole previous h, so h is double-buffered, and the parts meet at a
 * barrier after each layer (the next layer reads all of its h). Each row's sum is computed the same way in
 * any part, so any split gives the bits of one part.
 */
public final class RecurrentStepper implements AutoCloseable {
    private final Recurrent layer;
    private final int layers, hidden, parts, unitsPerPart;
    /** Gate rows a part computes: gates · unitsPerPart. */
    private final int partGateRows;
    private final int[] inSizes;
    /** Per layer and part: that part's gate rows of W_ih and W_hh, packed (float32 or bfloat16). */
    private final float[][][] wih, whh;
    private final short[][][] wihBf16, whhBf16;
    private final float[][][] bias;
    /** Per layer and part: the part's own gates, state c, output. */
    private final Recurrent.Sweep[][] sweeps;
    /** Per layer: h of the previous step and the one being made (swapped after each step). */
    private final float[][] hPrev, hNext;
    private final SpinTeam team;
    private float[] input;

    RecurrentStepper(Recurrent layer, boolean bf16Weights, int threads) {
        if (layer.bidirectional()) {
            throw new IllegalArgumentException(layer.type() + ": a stepper runs one direction only, the layer is bidirectional");
        }
        if (threads < 1) throw new IllegalArgumentException(layer.type() + ": a stepper needs at least 1 thread, got " + threads);
        this.layer = layer;
        layers = layer.numLayers();
        hidden = layer.hiddenSize();
        parts = partsFor(hidden, threads);
        unitsPerPart = hidden / parts;
        int gates = layer.gateRows() / hidden;
        int gp = gates * unitsPerPart;
        partGateRows = gp;
        inSizes = new int[layers];
        wih = bf16Weights ? null : new float[layers][parts][];
        whh = bf16Weights ? null : new float[layers][parts][];
        wihBf16 = bf16Weights ? new short[layers][parts][] : null;
        whhBf16 = bf16Weights ? new short[layers][parts][] : null;
        bias = new float[layers][parts][];
        sweeps = new Recurrent.Sweep[layers][parts];
        hPrev = new float[layers][hidden];
        hNext = new float[layers][hidden];
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? layer.inputSize() : hidden;
            inSizes[l] = in;
            for (int p = 0; p < parts; p++) {
                float[] wi = partRows(layer.weightIh(l), in, gates, p), wh = partRows(layer.weightHh(l), hidden, gates, p);
                if (bf16Weights) {
                    wihBf16[l][p] = Kernels.packForGemvBf16(gp, in, wi, 0, in);
                    whhBf16[l][p] = Kernels.packForGemvBf16(gp, hidden, wh, 0, hidden);
                } else {
                    wih[l][p] = Kernels.packForGemv(gp, in, wi, 0, in);
                    whh[l][p] = Kernels.packForGemv(gp, hidden, wh, 0, hidden);
                }
                Recurrent.Sweep w = new Recurrent.Sweep(layer, 1, 1, false, unitsPerPart, 1);
                w.y = new float[unitsPerPart];
                w.outOff = 0;
                w.tOf[0] = 0;
                if (layer.bias()) {
                    float[] b = partRows(layer.biasIh(l), 1, gates, p);
                    float[] bhh = partRows(layer.biasHh(l), 1, gates, p);
                    for (int i = 0; i < layer.additiveGates() * unitsPerPart; i++) b[i] += bhh[i];
                    if (!layer.foldsHiddenBias()) w.bhh = bhh;
                    bias[l][p] = b;
                }
                sweeps[l][p] = w;
            }
        }
        team = parts > 1 ? new SpinTeam(parts) : null;
    }

    /** Parts the units split into: at most {@code threads}, each a whole number of 64-unit blocks. */
    private static int partsFor(int hidden, int threads) {
        int parts = Math.max(1, Math.min(threads, hidden / Kernels.GEMV_PANEL));
        while (parts > 1 && hidden % (parts * Kernels.GEMV_PANEL) != 0) parts--;
        return parts;
    }

    /** Rows of part p's units from each gate block of a [gates·H, cols] matrix, gate blocks in order. */
    private float[] partRows(float[] w, int cols, int gates, int p) {
        int u = unitsPerPart;
        float[] out = new float[gates * u * cols];
        for (int g = 0; g < gates; g++) {
            System.arraycopy(w, (g * hidden + p * u) * cols, out, g * u * cols, u * cols);
        }
        return out;
    }

    /** Cores a step runs on. */
    public int threads() { return parts; }

    /** Advances every layer by one step on input x [inputSize]; returns the top layer's output h [hidden]. */
    public float[] step(float[] x) {
        if (x.length != inSizes[0]) {
            throw new IllegalArgumentException(layer.type() + ": step expects " + inSizes[0] + " inputs, got " + x.length);
        }
        input = x;
        if (team == null) stepPart(0); else team.run(this::stepPart);
        for (int l = 0; l < layers; l++) {
            float[] t = hPrev[l];
            hPrev[l] = hNext[l];
            hNext[l] = t;
        }
        return hPrev[layers - 1].clone();
    }

    /** Part p of one step through all layers, meeting the other parts after each layer. */
    private void stepPart(int p) {
        Kernels k = Kernels.active();
        int u = unitsPerPart, gp = partGateRows;
        float[] in = input;
        for (int l = 0; l < layers; l++) {
            Recurrent.Sweep w = sweeps[l][p];
            if (wih != null) {
                k.gemvPacked(gp, inSizes[l], wih[l][p], in, 0, bias[l][p], 0, w.gates, 0);
                k.gemvPacked(gp, hidden, whh[l][p], hPrev[l], 0, null, 0, w.hh, 0);
            } else {
                k.gemvPackedBf16(gp, inSizes[l], wihBf16[l][p], in, 0, bias[l][p], 0, w.gates, 0);
                k.gemvPackedBf16(gp, hidden, whhBf16[l][p], hPrev[l], 0, null, 0, w.hh, 0);
            }
            k.axpy(layer.additiveGates() * u, 1f, w.hh, 0, w.gates, 0);
            System.arraycopy(hPrev[l], p * u, w.h, 0, u);
            layer.forwardStep(w, 0, 0, 1);
            System.arraycopy(w.y, 0, hNext[l], p * u, u);
            if (team != null && l < layers - 1) team.barrier();
            in = hNext[l];
        }
    }

    /** Back to the zero state. */
    public void reset() {
        for (int l = 0; l < layers; l++) {
            Arrays.fill(hPrev[l], 0f);
            for (Recurrent.Sweep w : sweeps[l]) {
                if (w.c != null) Arrays.fill(w.c, 0f);
            }
        }
    }

    /** The current state in {@link ForwardPass}'s layout for batch 1: {h} or {h, c}, each [layers·hidden]. */
    public float[][] state() {
        float[][] s = new float[layer.stateCount()][layers * hidden];
        for (int l = 0; l < layers; l++) {
            System.arraycopy(hPrev[l], 0, s[0], l * hidden, hidden);
            for (int p = 0; p < parts && s.length == 2; p++) {
                System.arraycopy(sweeps[l][p].c, 0, s[1], l * hidden + p * unitsPerPart, unitsPerPart);
            }
        }
        return s;
    }

    /** Sets the state from {@link ForwardPass}'s layout for batch 1 (e.g. a final state of {@code forward}). */
    public void setState(float[][] state) {
        if (state == null || state.length != layer.stateCount()) {
            throw new IllegalArgumentException(layer.type() + ": state needs " + layer.stateCount() + " arrays");
        }
        for (float[] s : state) {
            if (s == null || s.length != layers * hidden) {
                throw new IllegalArgumentException(layer.type() + ": state arrays need " + layers * hidden
                        + " values [layers, hidden], got " + (s == null ? "null" : s.length));
            }
        }
        for (int l = 0; l < layers; l++) {
            System.arraycopy(state[0], l * hidden, hPrev[l], 0, hidden);
            for (int p = 0; p < parts && state.length == 2; p++) {
                System.arraycopy(state[1], l * hidden + p * unitsPerPart, sweeps[l][p].c, 0, unitsPerPart);
            }
        }
    }

    /** Stops the threads of a split stepper (nothing to do for one thread). */
    @Override
    public void close() {
        if (team != null) team.close();
    }
}
