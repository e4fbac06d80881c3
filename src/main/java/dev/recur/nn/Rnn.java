package dev.recur.nn;

import dev.recur.tensor.Kernels;

import java.util.Map;

/** Elman RNN, as PyTorch's {@code nn.RNN} (batch_first): {@code h' = act(W_ih x + b_ih + W_hh h + b_hh)}. */
public final class Rnn extends Recurrent {

    /** The nonlinearity, PyTorch's {@code nonlinearity} argument. */
    public enum Activation {
        TANH, RELU;

        /** PyTorch's spelling ("tanh", "relu"). */
        public String pytorchName() { return name().toLowerCase(java.util.Locale.ROOT); }
    }

    private final Activation activation;

    public Rnn(int inputSize, int hiddenSize) {
        this(inputSize, hiddenSize, 1, false, true, Activation.TANH);
    }

    public Rnn(int inputSize, int hiddenSize, int numLayers, boolean bidirectional, boolean bias, Activation activation) {
        super(inputSize, hiddenSize, numLayers, bidirectional, bias, 1);
        if (activation == null) throw new IllegalArgumentException("rnn: activation must not be null");
        this.activation = activation;
    }

    public Activation activation() { return activation; }

    @Override public String type() { return "rnn"; }

    @Override public Map<String, Object> config() {
        Map<String, Object> c = super.config();
        c.put("nonlinearity", activation.pytorchName());
        return c;
    }

    @Override
    void forwardStep(Sweep w, int s, int from, int m) {
        Kernels k = Kernels.active();
        int n = w.hidden, steps = w.steps;
        boolean relu = activation == Activation.RELU;
        float[] g = w.gates, y = w.y, prev = w.prevArray(s);
        for (int b = from; b < m; b++) {
            int t = w.tOf[b];
            if (t < 0) continue;
            int gi = w.gateRow(b, s, t) * n;
            if (relu) k.relu(n, g, gi); else k.tanh(n, g, gi);
            if (w.hPrev != null) System.arraycopy(prev, w.prevOff(s, b, t), w.hPrev, (b * steps + t) * n, n);
            System.arraycopy(g, gi, y, w.outOff(b, t), n);
        }
    }

    @Override
    void backwardStep(Sweep w, int from, int m) {
        Kernels k = Kernels.active();
        int n = w.hidden, steps = w.steps;
        boolean relu = activation == Activation.RELU;
        float[] g = w.gates, dy = w.dy, dG = w.dG, dGs = w.dGstep, dhRec = w.dhRec;
        for (int b = from; b < m; b++) {
            int t = w.tOf[b];
            if (t < 0) continue;
            int row = b * steps + t, gi = row * n, si = b * n;
            k.axpy(n, 1f, dy, row * w.outStride + w.outOff, dhRec, si);
            if (relu) k.reluBackward(n, g, gi, dhRec, si); else k.tanhBackward(n, g, gi, dhRec, si);
            System.arraycopy(dhRec, si, dG, gi, n);
            System.arraycopy(dhRec, si, dGs, si, n);
        }
    }
}
