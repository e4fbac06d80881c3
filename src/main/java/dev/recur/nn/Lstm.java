package dev.recur.nn;

import dev.recur.tensor.Kernels;

/**
 * Long short-term memory, as PyTorch's {@code nn.LSTM} (batch_first): gates i, f, g, o in that order,
 * {@code c' = f⊙c + i⊙g}, {@code h' = o⊙tanh(c')}. State {@code {h_n, c_n}}.
 */
public final class Lstm extends Recurrent {

    public Lstm(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, false, true);
    }

    public Lstm(int inputSize, int hiddenSize, int numLayers, boolean bidirectional, boolean bias) {
        super(inputSize, hiddenSize, numLayers, bidirectional, bias, 4);
    }

    @Override public String type() { return "lstm"; }
    @Override int stateCount() { return 2; }
    /** c_{t−1} and c_t per step. */
    @Override int extraWidth() { return 2; }

    @Override
    void forwardStep(Sweep w, int s, int from, int m) {
        Kernels k = Kernels.active();
        int n = w.hidden, gh = 4 * n, steps = w.steps, ldg = w.gateLd();
        float[] g = w.gates, c = w.c, y = w.y, hPrev = w.hPrev, ex = w.extra;
        for (int b = from; b < m; ) {
            int t = w.tOf[b];
            if (t < 0) { b++; continue; }
            int e = w.runEnd(b, m), rows = e - b;
            int gi = w.gateRow(b, s, t) * gh, yo = w.outOff(b, t);
            if (hPrev == null) {
                k.lstmPointwise(rows, n, g, gi, ldg, c, b * n, n, c, b * n, n, y, yo, w.outLd());
            } else {
                int row = b * steps + t, po = w.prevOff(s, b, t), pld = w.prevLd(s);
                float[] prev = w.prevArray(s);
                for (int r = b; r < e; r++) {
                    int rr = r * steps + t;
                    System.arraycopy(prev, po + (r - b) * pld, hPrev, rr * n, n);
                    System.arraycopy(c, r * n, ex, rr * 2 * n, n);
                }
                k.lstmPointwise(rows, n, g, gi, ldg, ex, row * 2 * n, steps * 2 * n,
                        ex, row * 2 * n + n, steps * 2 * n, y, yo, w.outLd());
                for (int r = b; r < e; r++) System.arraycopy(ex, (r * steps + t) * 2 * n + n, c, r * n, n);
            }
            b = e;
        }
    }

    @Override
    void backwardStep(Sweep w, int from, int m) {
        Kernels k = Kernels.active();
        int n = w.hidden, gh = 4 * n, steps = w.steps;
        float[] g = w.gates, ex = w.extra, dy = w.dy, dG = w.dG, dGs = w.dGstep, dhRec = w.dhRec, dc = w.dc;
        for (int b = from; b < m; ) {
            int t = w.tOf[b];
            if (t < 0) { b++; continue; }
            int e = w.runEnd(b, m), rows = e - b;
            int row = b * steps + t;
            for (int r = b; r < e; r++) k.axpy(n, 1f, dy, (r * steps + t) * w.outStride + w.outOff, dhRec, r * n);
            k.lstmPointwiseBackward(rows, n, g, row * gh, steps * gh, ex, row * 2 * n, steps * 2 * n,
                    ex, row * 2 * n + n, steps * 2 * n, dhRec, b * n, n, dc, b * n, n, dG, row * gh, steps * gh);
            for (int r = b; r < e; r++) System.arraycopy(dG, (r * steps + t) * gh, dGs, r * gh, gh);
            b = e;
        }
    }
}
