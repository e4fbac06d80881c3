package dev.recur.nn;

import dev.recur.tensor.Tensor;

/**
 * Attentive statistics pooling over time (Okabe et al. 2018, "Attentive Statistics Pooling for Deep Speaker
 * Embedding"), [batch, steps, D] → [batch, 2D]: the weighted mean and weighted standard deviation of each row's
 * valid steps under learned attention weights. As in {@link AttentionPool}, step t gets the score
 * {@code s_t = w·h_t} and {@code α = softmax(s)} over the row's valid steps; then {@code μ = Σ α_t h_t},
 * {@code σ = sqrt(Σ α_t (h_t − μ)² + }{@value #VARIANCE_EPSILON}{@code )} per feature, and the output is
 * {@code [μ, σ]} (μ in columns 0..D-1, σ in D..2D-1). In PyTorch, for full-length rows:
 * <pre>{@code
 * alpha = torch.softmax(x @ weight.T, dim=1)                                # [B, T, 1]
 * mu = (alpha * x).sum(1)                                                   # [B, D]
 * sigma = torch.sqrt((alpha * (x - mu.unsqueeze(1)) ** 2).sum(1) + 1e-5)    # [B, D]
 * out = torch.cat([mu, sigma], dim=1)                                       # [B, 2D]
 * }</pre>
 * The variance is taken about μ (not as {@code Σ α h² − μ²}, which rounding can make negative), in double.
 *
 * <p>The weight [1, D] starts at zero, so a fresh layer is exactly a mean and standard-deviation pool. A row of
 * length 0 gives zeros (σ included).
 */
public final class AttentionStatsPool extends AttentionPooling {
    public static final String TYPE = "attention_stats_pool";
    /** Added to the variance under the square root: σ and its gradient stay finite where a row is constant. */
    public static final double VARIANCE_EPSILON = 1e-5;

    public AttentionStatsPool(int size) { super(TYPE, size); }

    @Override public int outputSize() { return 2 * size; }

    /** The attention weights [batch][steps] (zero past a row's length), μ and σ [batch][D] of a forward pass. */
    private record Cache(Seq x, double[] alpha, double[] mean, double[] std) {}

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(TYPE, x, size);
        int batch = x.batch(), steps = x.steps();
        float[] v = x.values().data(), w = weight.value().data();
        double[] alpha = new double[batch * steps], mean = new double[batch * size], std = new double[batch * size];
        float[] y = new float[batch * 2 * size];
        for (int b = 0; b < batch; b++) {
            int len = x.length(b);
            if (len == 0) continue;
            double[] a = softmax(v, b * steps * size, len, w);
            System.arraycopy(a, 0, alpha, b * steps, len);
            int m = b * size;
            for (int t = 0; t < len; t++) {
                int o = (b * steps + t) * size;
                for (int d = 0; d < size; d++) mean[m + d] += a[t] * v[o + d];
            }
            double[] var = new double[size];
            for (int t = 0; t < len; t++) {
                int o = (b * steps + t) * size;
                for (int d = 0; d < size; d++) {
                    double c = v[o + d] - mean[m + d];
                    var[d] += a[t] * c * c;
                }
            }
            for (int d = 0; d < size; d++) {
                std[m + d] = Math.sqrt(var[d] + VARIANCE_EPSILON);
                y[2 * m + d] = (float) mean[m + d];
                y[2 * m + size + d] = (float) std[m + d];
            }
        }
        if (pass.training()) pass.save(this, new Cache(x, alpha, mean, std));
        return Seq.full(Tensor.of(y, batch, 2 * size));
    }

    /**
     * With gμ, gσ the two halves of dL/dy and {@code e_t = Σ_d [gμ_d h_td + gσ_d (h_td − μ_d)² / (2σ_d)]} (dL/dα_t;
     * μ's own dependence on α drops out of σ because Σ α_t (h_t − μ) = 0):
     * dL/ds_t = α_t (e_t − Σ_u α_u e_u), dL/dh_td = α_t gμ_d + gσ_d α_t (h_td − μ_d) / σ_d + dL/ds_t w_d and
     * dL/dw = Σ_t dL/ds_t h_t (padded steps have α = 0 and get nothing).
     */
    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Cache c = pass.saved(this);
        Seq x = c.x();
        int batch = x.batch(), steps = x.steps();
        float[] v = x.values().data(), g = dy.values().data(), w = weight.value().data(), dw = weight.grad().data();
        float[] dx = new float[v.length];
        double[] dwAcc = new double[size], gsOverStd = new double[size];
        for (int b = 0; b < batch; b++) {
            int len = x.length(b), m = b * size;
            if (len == 0) continue;
            for (int d = 0; d < size; d++) gsOverStd[d] = g[2 * m + size + d] / c.std()[m + d];
            double[] e = new double[len];
            double eMean = 0;
            for (int t = 0; t < len; t++) {
                int o = (b * steps + t) * size;
                double acc = 0;
                for (int d = 0; d < size; d++) {
                    double h = v[o + d], dev = h - c.mean()[m + d];
                    acc += g[2 * m + d] * h + gsOverStd[d] * dev * dev / 2;
                }
                e[t] = acc;
                eMean += c.alpha()[b * steps + t] * acc;
            }
            for (int t = 0; t < len; t++) {
                int o = (b * steps + t) * size;
                double a = c.alpha()[b * steps + t], ds = a * (e[t] - eMean);   // dL/d(score_t)
                for (int d = 0; d < size; d++) {
                    double dev = v[o + d] - c.mean()[m + d];
                    dx[o + d] = (float) (a * (g[2 * m + d] + gsOverStd[d] * dev) + ds * w[d]);
                    dwAcc[d] += ds * v[o + d];
                }
            }
        }
        for (int d = 0; d < size; d++) dw[d] += (float) dwAcc[d];
        return new Seq(Tensor.of(dx, x.values().shape()), x.lengths());
    }
}
