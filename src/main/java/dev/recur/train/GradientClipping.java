package dev.recur.train;

import dev.recur.nn.Param;
import dev.recur.tensor.Kernels;

import java.util.List;

/** Gradient clipping as {@code torch.nn.utils.clip_grad_norm_}. */
public final class GradientClipping {
    private GradientClipping() {}

    /**
     * Scales all gradients by maxNorm / (norm + 1e-6) when that factor is below 1, where norm is the L2
     * norm of all gradients together, and returns that norm (before clipping). A non-finite norm leaves the
     * gradients untouched (PyTorch would fill them with NaN); callers should skip that step.
     */
    public static double clipGlobalNorm(List<Param> params, double maxNorm) {
        if (!(maxNorm > 0)) throw new IllegalArgumentException("max norm must be > 0, got " + maxNorm);
        Kernels k = Kernels.active();
        double sum = 0;
        for (Param p : params) sum += k.sumSquares(p.grad().size(), p.grad().data(), 0);
        double norm = Math.sqrt(sum);
        if (!Double.isFinite(norm)) return norm;
        double coef = maxNorm / (norm + 1e-6);
        if (coef < 1) {
            for (Param p : params) k.scale(p.grad().size(), (float) coef, p.grad().data(), 0);
        }
        return norm;
    }
}
