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
    /** c_{t−1} and tanh(c_t) per step. */
    @Override int extraWidth() { return 2; }

    @Override
    void forwardStep(Sweep w, int m) {
        Kernels k = Kernels.active();
        int n = w.hidden, gh = 4 * n, steps = w.steps;
        float[] g = w.gates, hh = w.hh, h = w.h, c = w.c, y = w.y;
        for (int b = 0; b < m; b++) {
            int t = w.tOf[b];
            if (t < 0) continue;
            int row = b * steps + t, gi = row * gh, hi = b * gh, si = b * n;
            for (int j = 0; j < gh; j++) g[gi + j] += hh[hi + j];
            k.sigmoid(2 * n, g, gi);
            k.tanh(n, g, gi + 2 * n);
            k.sigmoid(n, g, gi + 3 * n);
            float[] tc;
            int ti;
            if (w.hPrev != null) {
                System.arraycopy(h, si, w.hPrev, row * n, n);
                ti = row * 2 * n;
                System.arraycopy(c, si, w.extra, ti, n);
                tc = w.extra;
                ti += n;
            } else {
                tc = w.tmp;
                ti = 0;
            }
            int fi = gi + n, ci = gi + 2 * n;
            for (int j = 0; j < n; j++) {
                float cv = g[fi + j] * c[si + j] + g[gi + j] * g[ci + j];
                c[si + j] = cv;
                tc[ti + j] = cv;
            }
            k.tanh(n, tc, ti);
            int oi = gi + 3 * n, yi = row * w.outStride + w.outOff;
            for (int j = 0; j < n; j++) {
                float hv = g[oi + j] * tc[ti + j];
                h[si + j] = hv;
                y[yi + j] = hv;
            }
        }
    }

    @Override
    void backwardStep(Sweep w, int m) {
        int n = w.hidden, gh = 4 * n, steps = w.steps;
        float[] g = w.gates, ex = w.extra, dy = w.dy, dG = w.dG, dGs = w.dGstep, dhRec = w.dhRec, dc = w.dc;
        for (int b = 0; b < m; b++) {
            int t = w.tOf[b];
            if (t < 0) continue;
            int row = b * steps + t, gi = row * gh, ei = row * 2 * n, yi = row * w.outStride + w.outOff;
            int si = b * n, di = b * gh;
            for (int j = 0; j < n; j++) {
                float i = g[gi + j], f = g[gi + n + j], gg = g[gi + 2 * n + j], o = g[gi + 3 * n + j];
                float cPrev = ex[ei + j], tc = ex[ei + n + j];
                float dh = dy[yi + j] + dhRec[si + j];
                float dcv = dc[si + j] + dh * o * (1f - tc * tc);
                float dI = dcv * gg * i * (1f - i);
                float dF = dcv * cPrev * f * (1f - f);
                float dGg = dcv * i * (1f - gg * gg);
                float dO = dh * tc * o * (1f - o);
                dc[si + j] = dcv * f;
                dhRec[si + j] = 0f;
                dG[gi + j] = dI;
                dG[gi + n + j] = dF;
                dG[gi + 2 * n + j] = dGg;
                dG[gi + 3 * n + j] = dO;
            }
            System.arraycopy(dG, gi, dGs, di, gh);
        }
    }
}
