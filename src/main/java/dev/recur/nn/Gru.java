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
    /** W_hn·h + b_hn per step, which r scales. */
    @Override int extraWidth() { return 1; }
    @Override boolean foldsHiddenBias() { return false; }

    @Override
    void forwardStep(Sweep w, int m) {
        Kernels k = Kernels.active();
        int n = w.hidden, gh = 3 * n, steps = w.steps;
        float[] g = w.gates, hh = w.hh, h = w.h, y = w.y, bhh = w.bhh;
        for (int b = 0; b < m; b++) {
            int t = w.tOf[b];
            if (t < 0) continue;
            int row = b * steps + t, gi = row * gh, hi = b * gh, si = b * n;
            if (bhh != null) k.axpy(gh, 1f, bhh, 0, hh, hi);
            for (int j = 0; j < 2 * n; j++) g[gi + j] += hh[hi + j];
            k.sigmoid(2 * n, g, gi);
            int ni = gi + 2 * n, hni = hi + 2 * n;
            for (int j = 0; j < n; j++) g[ni + j] += g[gi + j] * hh[hni + j];
            k.tanh(n, g, ni);
            if (w.hPrev != null) {
                System.arraycopy(h, si, w.hPrev, row * n, n);
                System.arraycopy(hh, hni, w.extra, row * n, n);
            }
            int zi = gi + n, yi = row * w.outStride + w.outOff;
            for (int j = 0; j < n; j++) {
                float nv = g[ni + j];
                float hv = (h[si + j] - nv) * g[zi + j] + nv;
                h[si + j] = hv;
                y[yi + j] = hv;
            }
        }
    }

    @Override
    void backwardStep(Sweep w, int m) {
        int n = w.hidden, gh = 3 * n, steps = w.steps;
        float[] g = w.gates, hn = w.extra, hp = w.hPrev, dy = w.dy, dG = w.dG, dGh = w.dGh, dGs = w.dGstep;
        float[] dhRec = w.dhRec;
        for (int b = 0; b < m; b++) {
            int t = w.tOf[b];
            if (t < 0) continue;
            int row = b * steps + t, gi = row * gh, si = b * n, hi = row * n, yi = row * w.outStride + w.outOff;
            for (int j = 0; j < n; j++) {
                float r = g[gi + j], z = g[gi + n + j], nv = g[gi + 2 * n + j];
                float dh = dy[yi + j] + dhRec[si + j];
                float dn = dh * (1f - z) * (1f - nv * nv);
                float dz = dh * (hp[hi + j] - nv) * z * (1f - z);
                float dr = dn * hn[hi + j] * r * (1f - r);
                dhRec[si + j] = dh * z;
                dG[gi + j] = dr;
                dG[gi + n + j] = dz;
                dG[gi + 2 * n + j] = dn;
                dGh[gi + j] = dr;
                dGh[gi + n + j] = dz;
                dGh[gi + 2 * n + j] = dn * r;
            }
            System.arraycopy(dGh, gi, dGs, b * gh, gh);
        }
    }
}
