package dev.recur.nn;

import dev.recur.tensor.Kernels;

import java.util.Arrays;

/**
 * Runs a unidirectional {@link Recurrent} layer one step at a time for one sequence (batch 1), as streaming
 * generation does, without the per-call costs of {@link Recurrent#forward}: the workspaces and state live
 * here, and W_ih and W_hh are packed once (at construction) for {@link Kernels#gemvPacked}, which reads
 * each weight once per step in one unit-stride stream. The results equal {@code forward} up to float
 * rounding (the sums run in another order); with bfloat16 weights (opt-in, {@link Recurrent#stepper(boolean)})
 * they are only close (8 significant bits per weight), for sampling. The weights are a snapshot: make a new stepper after training
 * changes them. Not thread-safe; one stepper per sequence.
 */
public final class RecurrentStepper {
    private final Recurrent layer;
    private final int layers, hidden, gh;
    private final int[] inSizes;
    private final float[][] wih, whh, bias;
    /** The weights as bfloat16 instead (opt-in), else null. */
    private final short[][] wihBf16, whhBf16;
    private final Recurrent.Sweep[] sweeps;

    RecurrentStepper(Recurrent layer, boolean bf16Weights) {
        if (layer.bidirectional()) {
            throw new IllegalArgumentException(layer.type() + ": a stepper runs one direction only, the layer is bidirectional");
        }
        this.layer = layer;
        layers = layer.numLayers();
        hidden = layer.hiddenSize();
        gh = layer.gateRows();
        inSizes = new int[layers];
        wih = bf16Weights ? null : new float[layers][];
        whh = bf16Weights ? null : new float[layers][];
        wihBf16 = bf16Weights ? new short[layers][] : null;
        whhBf16 = bf16Weights ? new short[layers][] : null;
        bias = new float[layers][];
        sweeps = new Recurrent.Sweep[layers];
        for (int l = 0; l < layers; l++) {
            int in = l == 0 ? layer.inputSize() : hidden;
            inSizes[l] = in;
            if (bf16Weights) {
                wihBf16[l] = Kernels.packForGemvBf16(gh, in, layer.weightIh(l), 0, in);
                whhBf16[l] = Kernels.packForGemvBf16(gh, hidden, layer.weightHh(l), 0, hidden);
            } else {
                wih[l] = Kernels.packForGemv(gh, in, layer.weightIh(l), 0, in);
                whh[l] = Kernels.packForGemv(gh, hidden, layer.weightHh(l), 0, hidden);
            }
            Recurrent.Sweep w = new Recurrent.Sweep(layer, 1, 1, false);
            w.y = new float[hidden];
            w.outOff = 0;
            w.tOf[0] = 0;
            if (layer.bias()) {
                float[] b = layer.biasIh(l).clone();
                if (layer.foldsHiddenBias()) {
                    for (int i = 0; i < gh; i++) b[i] += layer.biasHh(l)[i];
                } else {
                    w.bhh = layer.biasHh(l);
                }
                bias[l] = b;
            }
            sweeps[l] = w;
        }
    }

    /** Advances every layer by one step on input x [inputSize]; returns the top layer's output h [hidden]. */
    public float[] step(float[] x) {
        if (x.length != inSizes[0]) {
            throw new IllegalArgumentException(layer.type() + ": step expects " + inSizes[0] + " inputs, got " + x.length);
        }
        Kernels k = Kernels.active();
        float[] in = x;
        for (int l = 0; l < layers; l++) {
            Recurrent.Sweep w = sweeps[l];
            if (wih != null) {
                k.gemvPacked(gh, inSizes[l], wih[l], in, 0, bias[l], 0, w.gates, 0);
                k.gemvPacked(gh, hidden, whh[l], w.h, 0, null, 0, w.hh, 0);
            } else {
                k.gemvPackedBf16(gh, inSizes[l], wihBf16[l], in, 0, bias[l], 0, w.gates, 0);
                k.gemvPackedBf16(gh, hidden, whhBf16[l], w.h, 0, null, 0, w.hh, 0);
            }
            if (layer.accumulatesIntoGates()) k.axpy(gh, 1f, w.hh, 0, w.gates, 0);
            layer.forwardStep(w, 0, 0, 1);
            System.arraycopy(w.y, 0, w.h, 0, hidden);
            in = w.y;
        }
        return in.clone();
    }

    /** Back to the zero state. */
    public void reset() {
        for (Recurrent.Sweep w : sweeps) {
            Arrays.fill(w.h, 0f);
            if (w.c != null) Arrays.fill(w.c, 0f);
        }
    }

    /** The current state in {@link ForwardPass}'s layout for batch 1: {h} or {h, c}, each [layers·hidden]. */
    public float[][] state() {
        float[][] s = new float[layer.stateCount()][layers * hidden];
        for (int l = 0; l < layers; l++) {
            System.arraycopy(sweeps[l].h, 0, s[0], l * hidden, hidden);
            if (s.length == 2) System.arraycopy(sweeps[l].c, 0, s[1], l * hidden, hidden);
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
            System.arraycopy(state[0], l * hidden, sweeps[l].h, 0, hidden);
            if (state.length == 2) System.arraycopy(state[1], l * hidden, sweeps[l].c, 0, hidden);
        }
    }
}
