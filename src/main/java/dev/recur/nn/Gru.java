package dev.recur.nn;

import dev.recur.tensor.Kernels;

/**
 * Gated recurrent unit, as PyTorch's {@code nn.GRU} (batch_first): gates r, z, n in that order,
 * {@code n = tanh(W_in x + b_in + r⊙(W_hn h + b_hn))}, {@code h' = (1−z)⊙n + z⊙h}. State {@code {h_n}}.
 */
public final class Gru extends Recurrent {

    public Gru(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, false, true);
    }

    public Gru(int inputSize, int hiddenSize, int numLayers, boolean bidirectional, boolean bias) {
        super(inputSize, hiddenSize, numLayers, bidirectional, bias, 3);
    }

    @Override public String type() { return "gru"; }
    /** W_hn·h + b_hn per step, in the n columns of a 3H row (what r scaled). */
    @Override int extraWidth() { return 3; }
    /** r and z add up; n's hidden part is scaled by r. */
    @Override int additiveGates() { return 2; }
    @Override boolean hasDirectHiddenGradient() { return true; }

    @Override
    void forwardStep(Sweep w, int s, int from, int m) {
        Kernels k = Kernels.active();
        int n = w.hidden, gh = 3 * n, steps = w.steps;
        float[] g = w.gates, hh = w.hh, y = w.y, bhh = w.bhh, hPrev = w.hPrev, ex = w.extra, prev = w.prevArray(s);
        for (int b = from; b < m; ) {
            int t = w.tOf[b];
            if (t < 0) { b++; continue; }
            int e = w.runEnd(b, m), rows = e - b;
            int po = w.prevOff(s, b, t), pld = w.prevLd(s);
            for (int r = b; r < e; r++) {
                int rr = r * steps + t;
                if (bhh != null) k.axpy(n, 1f, bhh, 2 * n, hh, r * gh + 2 * n);
                if (hPrev != null) {
                    System.arraycopy(prev, po + (r - b) * pld, hPrev, rr * n, n);
                    System.arraycopy(hh, r * gh + 2 * n, ex, rr * gh + 2 * n, n);
                }
            }
            k.gruPointwise(rows, n, g, w.gateRow(b, s, t) * gh, w.gateLd(), hh, b * gh, gh, prev, po, pld,
                    y, w.outOff(b, t), w.outLd());
            b = e;
        }
    }

    @Override
    void backwardStep(Sweep w, int from, int m) {
        Kernels k = Kernels.active();
        int n = w.hidden, gh = 3 * n, steps = w.steps;
        float[] g = w.gates, ex = w.extra, hp = w.hPrev, dy = w.dy, dG = w.dG, dGh = w.dGh, dGs = w.dGstep;
        float[] dhRec = w.dhRec;
        for (int b = from; b < m; ) {
            int t = w.tOf[b];
            if (t < 0) { b++; continue; }
            int e = w.runEnd(b, m), rows = e - b;
            int row = b * steps + t;
            for (int r = b; r < e; r++) k.axpy(n, 1f, dy, (r * steps + t) * w.outStride + w.outOff, dhRec, r * n);
            k.gruPointwiseBackward(rows, n, g, row * gh, steps * gh, ex, row * gh, steps * gh, hp, row * n, steps * n,
                    dhRec, b * n, n, dG, row * gh, steps * gh, dGh, row * gh, steps * gh, dhRec, b * n, n);
            for (int r = b; r < e; r++) System.arraycopy(dGh, (r * steps + t) * gh, dGs, r * gh, gh);
            b = e;
        }
    }
}
