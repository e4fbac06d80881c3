package dev.recur.nn;

import dev.recur.tensor.Tensor;

/**
 * Attention pooling over time, [batch, steps, D] → [batch, D]: a learned weighted mean. Each valid step t of a
 * row gets the score {@code s_t = w·h_t}, the weights are {@code α = softmax(s)} over the row's valid steps,
 * and the output is {@code Σ α_t h_t}. In PyTorch: {@code torch.softmax(x @ weight.T, dim=1)} masked to the
 * lengths, times x, summed over time; {@code weight} is [1, D] like an {@code nn.Linear(D, 1, bias=False)}
 * (a bias would add the same number to every score and change nothing).
 *
 * <p>The weight starts at zero, so a fresh layer is exactly a mean pool and learns from there where to look.
 * A row of length 0 gives zeros.
 */
public final class AttentionPool extends AttentionPooling {
    public static final String TYPE = "attention_pool";

    public AttentionPool(int size) { super(TYPE, size); }

    @Override public int outputSize() { return size; }

    /** The attention weights of a forward pass, [batch][steps] (zero past a row's length), for backward. */
    private record Cache(Seq x, float[] alpha, float[] pooled) {}

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(TYPE, x, size);
        int batch = x.batch(), steps = x.steps();
        float[] v = x.values().data(), w = weight.value().data();
        float[] alpha = new float[batch * steps];
        float[] y = new float[batch * size];
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            if (len == 0) continue;
            double[] a = softmax(v, b * steps * size, len, w);
            double[] sum = new double[size];
            for (int t = 0; t < len; t++) {
                alpha[b * steps + t] = (float) a[t];
                int o = (b * steps + t) * size;
                for (int d = 0; d < size; d++) sum[d] += a[t] * v[o + d];
            }
            for (int d = 0; d < size; d++) y[b * size + d] = (float) sum[d];
        }
        if (pass.training()) pass.save(this, new Cache(x, alpha, y));
        return Seq.full(Tensor.of(y, batch, size));
    }

    /**
     * With g = dL/dy: dL/dh_t = α_t g + α_t (g·h_t − g·y) w and dL/dw = Σ_t α_t (g·h_t − g·y) h_t (the softmax
     * Jacobian folded in; padded steps have α = 0 and get nothing).
     */
    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Cache c = pass.saved(this);
        Seq x = c.x();
        int batch = x.batch(), steps = x.steps();
        float[] v = x.values().data(), g = dy.values().data(), w = weight.value().data(), dw = weight.grad().data();
        float[] dx = new float[v.length];
        double[] dwAcc = new double[size];
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            double gy = 0;
            for (int d = 0; d < size; d++) gy += (double) g[b * size + d] * c.pooled()[b * size + d];
            for (int t = 0; t < len; t++) {
                int o = (b * steps + t) * size;
                double a = c.alpha()[b * steps + t], gh = 0;
                for (int d = 0; d < size; d++) gh += (double) g[b * size + d] * v[o + d];
                double ds = a * (gh - gy);   // dL/d(score_t)
                for (int d = 0; d < size; d++) {
                    dx[o + d] = (float) (a * g[b * size + d] + ds * w[d]);
                    dwAcc[d] += ds * v[o + d];
                }
            }
        }
        for (int d = 0; d < size; d++) dw[d] += (float) dwAcc[d];
        return new Seq(Tensor.of(dx, x.values().shape()), x.lengths());
    }
}
