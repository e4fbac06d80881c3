package dev.recur.train;

import dev.recur.nn.Param;
import dev.recur.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Adam as {@code torch.optim.Adam} (weight decay added to the gradient), or AdamW as
 * {@code torch.optim.AdamW} when {@code decoupled} (p ← p·(1 − lr·weightDecay) before the Adam update).
 * Bias correction follows PyTorch: p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + eps).
 */
public final class Adam implements Optimizer {
    private static final String M = "exp_avg", V = "exp_avg_sq";

    private final List<Param> params;
    private double lr;
    private final double beta1, beta2, eps, weightDecay;
    private final boolean decoupled;
    private final float[][] m, v;
    private long steps;

    /** Adam with PyTorch's defaults: betas (0.9, 0.999), eps 1e-8, no weight decay. */
    public Adam(List<Param> params, double lr) {
        this(params, lr, 0.9, 0.999, 1e-8, 0, false);
    }

    public Adam(List<Param> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        this(params, lr, beta1, beta2, eps, weightDecay, false);
    }

    public Adam(List<Param> params, double lr, double beta1, double beta2, double eps, double weightDecay, boolean decoupled) {
        if (!(lr >= 0)) throw new IllegalArgumentException("Adam: learning rate must be >= 0, got " + lr);
        if (!(beta1 >= 0 && beta1 < 1)) throw new IllegalArgumentException("Adam: beta1 must be in [0, 1), got " + beta1);
        if (!(beta2 >= 0 && beta2 < 1)) throw new IllegalArgumentException("Adam: beta2 must be in [0, 1), got " + beta2);
        if (!(eps >= 0)) throw new IllegalArgumentException("Adam: eps must be >= 0, got " + eps);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("Adam: weight decay must be >= 0, got " + weightDecay);
        this.params = List.copyOf(params);
        this.lr = lr;
        this.beta1 = beta1;
        this.beta2 = beta2;
        this.eps = eps;
        this.weightDecay = weightDecay;
        this.decoupled = decoupled;
        this.m = new float[this.params.size()][];
        this.v = new float[this.params.size()][];
        for (int i = 0; i < this.params.size(); i++) {
            m[i] = new float[this.params.get(i).value().size()];
            v[i] = new float[m[i].length];
        }
    }

    /** AdamW ({@code torch.optim.AdamW}): decoupled weight decay. */
    public static Adam adamW(List<Param> params, double lr, double beta1, double beta2, double eps, double weightDecay) {
        return new Adam(params, lr, beta1, beta2, eps, weightDecay, true);
    }

    @Override public List<Param> params() { return params; }
    @Override public long steps() { return steps; }
    @Override public double learningRate() { return lr; }
    @Override public void setLearningRate(double lr) { this.lr = lr; }

    @Override public void step() {
        steps++;
        double bc1 = 1 - Math.pow(beta1, steps);
        double bc2Sqrt = Math.sqrt(1 - Math.pow(beta2, steps));
        float stepSize = (float) (lr / bc1);
        float b1 = (float) beta1, b2 = (float) beta2, epsF = (float) eps, wd = (float) weightDecay;
        float invBc2Sqrt = (float) (1 / bc2Sqrt);
        float decay = (float) (1 - lr * weightDecay);
        for (int i = 0; i < params.size(); i++) {
            float[] p = params.get(i).value().data();
            float[] grad = params.get(i).grad().data();
            float[] mi = m[i], vi = v[i];
            for (int j = 0; j < p.length; j++) {
                float g = grad[j];
                if (decoupled) p[j] *= decay;
                else g += wd * p[j];
                mi[j] = b1 * mi[j] + (1 - b1) * g;
                vi[j] = b2 * vi[j] + (1 - b2) * g * g;
                float denom = (float) Math.sqrt(vi[j]) * invBc2Sqrt + epsF;
                p[j] -= stepSize * mi[j] / denom;
            }
        }
    }

    @Override public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put(OptimizerState.STEP, OptimizerState.stepTensor(steps));
        for (int i = 0; i < params.size(); i++) {
            int[] shape = params.get(i).value().shape();
            s.put(i + "." + M, Tensor.of(m[i].clone(), shape));
            s.put(i + "." + V, Tensor.of(v[i].clone(), shape));
        }
        return s;
    }

    @Override public void loadState(Map<String, Tensor> state) {
        OptimizerState.checkKeys(state, params.size(), Set.of(M, V));
        long s = OptimizerState.readStep(state);
        float[][] lm = new float[params.size()][], lv = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) {
            lm[i] = OptimizerState.readBuffer(state, params, i, M);
            lv[i] = OptimizerState.readBuffer(state, params, i, V);
            if (lm[i] == null || lv[i] == null) {
                throw new IllegalArgumentException("optimizer state: missing moments of parameter " + i + " (" + params.get(i).name() + ")");
            }
        }
        for (int i = 0; i < params.size(); i++) { m[i] = lm[i]; v[i] = lv[i]; }
        steps = s;
    }
}
