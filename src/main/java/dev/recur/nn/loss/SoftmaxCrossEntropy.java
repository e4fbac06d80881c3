package dev.recur.nn.loss;

import dev.recur.nn.Seq;
import dev.recur.tensor.Tensor;

/**
 * Softmax cross-entropy on logits, like PyTorch's CrossEntropyLoss with reduction "mean": logits [B, C]
 * with targets int[B], or [B, T, C] with targets int[B·T] (index b·T + t) where only valid steps count.
 * With class weights the mean is weighted: Σ w[y]·nll / Σ w[y]. Computed with log-sum-exp in double.
 * Targets on padded steps are ignored (any value). When nothing counts the loss is 0 with a zero gradient.
 */
public final class SoftmaxCrossEntropy {
    private final float[] classWeights;

    public SoftmaxCrossEntropy() { this.classWeights = null; }

    /** Per-class weights (length C, each ≥ 0). */
    public SoftmaxCrossEntropy(float[] classWeights) {
        for (float w : classWeights) {
            if (!(w >= 0f) || Float.isInfinite(w)) throw new IllegalArgumentException("cross entropy: class weights must be finite and >= 0, got " + w);
        }
        this.classWeights = classWeights.clone();
    }

    public LossResult compute(Seq logits, int[] targets) {
        int classes = logits.dims();
        if (classWeights != null && classWeights.length != classes) {
            throw new IllegalArgumentException("cross entropy: " + classWeights.length + " class weights for " + classes + " classes");
        }
        int rows = Rows.count(logits, targets, "cross entropy");
        float[] x = logits.values().data();
        int steps = logits.isSequence() ? logits.steps() : 1;

        double totalWeight = 0;
        for (int r = 0; r < rows; r++) {
            if (!Rows.valid(logits, r, steps)) continue;
            int y = targets[r];
            if (y < 0 || y >= classes) {
                throw new IllegalArgumentException("cross entropy: target " + y + " at " + Rows.where(logits, r, steps) + " is outside [0, " + classes + ")");
            }
            totalWeight += weight(y);
        }
        float[] g = new float[x.length];
        if (totalWeight == 0) return new LossResult(0, new Seq(Tensor.of(g, logits.values().shape()), logits.lengths()));

        double loss = 0;
        for (int r = 0; r < rows; r++) {
            if (!Rows.valid(logits, r, steps)) continue;
            int o = r * classes, y = targets[r];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) max = Math.max(max, x[o + c]);
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += Math.exp(x[o + c] - max);
            double lse = max + Math.log(sum);
            double w = weight(y) / totalWeight;
            loss += w * (lse - x[o + y]);
            for (int c = 0; c < classes; c++) g[o + c] = (float) (w * Math.exp(x[o + c] - lse));
            g[o + y] -= (float) w;
        }
        return new LossResult(loss, new Seq(Tensor.of(g, logits.values().shape()), logits.lengths()));
    }

    /**
     * Cross-entropy against class probabilities (soft targets, e.g. mixup's), logits [B, C], targets [B][C]:
     * the mean over rows of {@code −Σ_c t_c · log softmax(x)_c}, like PyTorch's CrossEntropyLoss given
     * probabilities (1.10+). Gradient {@code (softmax(x) − t) / B}. Class weights are not supported here.
     */
    public LossResult computeSoft(Seq logits, float[][] targets) {
        if (logits.isSequence()) throw new IllegalArgumentException("cross entropy: soft targets need logits [batch, classes]");
        if (classWeights != null) throw new IllegalArgumentException("cross entropy: class weights with soft targets are not supported");
        int rows = logits.batch(), classes = logits.dims();
        if (targets.length != rows) throw new IllegalArgumentException("cross entropy: " + targets.length + " target rows for a batch of " + rows);
        float[] x = logits.values().data(), g = new float[x.length];
        double loss = 0;
        for (int r = 0; r < rows; r++) {
            if (targets[r].length != classes) throw new IllegalArgumentException("cross entropy: row " + r + " has " + targets[r].length + " targets for " + classes + " classes");
            int o = r * classes;
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < classes; c++) max = Math.max(max, x[o + c]);
            double sum = 0;
            for (int c = 0; c < classes; c++) sum += Math.exp(x[o + c] - max);
            double lse = max + Math.log(sum);
            for (int c = 0; c < classes; c++) {
                loss += targets[r][c] * (lse - x[o + c]) / rows;
                g[o + c] = (float) ((Math.exp(x[o + c] - lse) - targets[r][c]) / rows);
            }
        }
        return new LossResult(loss, new Seq(Tensor.of(g, logits.values().shape()), logits.lengths()));
    }

    private double weight(int y) { return classWeights == null ? 1.0 : classWeights[y]; }
}
