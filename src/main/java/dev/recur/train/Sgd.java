package dev.recur.train;

import dev.recur.nn.Param;
import dev.recur.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Stochastic gradient descent as {@code torch.optim.SGD} (dampening 0): g = grad + weightDecay·p;
 * with momentum, buf = g on the first step and momentum·buf + g after; the update uses buf, or
 * g + momentum·buf when nesterov.
 */
public final class Sgd implements Optimizer {
    private static final String BUFFER = "momentum_buffer";

    private final List<Param> params;
    private double lr;
    private final double momentum;
    private final double weightDecay;
    private final boolean nesterov;
    private final float[][] buffers;
    private long steps;

    public Sgd(List<Param> params, double lr) {
        this(params, lr, 0, 0, false);
    }

    public Sgd(List<Param> params, double lr, double momentum, double weightDecay) {
        this(params, lr, momentum, weightDecay, false);
    }

    public Sgd(List<Param> params, double lr, double momentum, double weightDecay, boolean nesterov) {
        if (!(lr >= 0)) throw new IllegalArgumentException("SGD: learning rate must be >= 0, got " + lr);
        if (!(momentum >= 0)) throw new IllegalArgumentException("SGD: momentum must be >= 0, got " + momentum);
        if (!(weightDecay >= 0)) throw new IllegalArgumentException("SGD: weight decay must be >= 0, got " + weightDecay);
        if (nesterov && momentum == 0) throw new IllegalArgumentException("SGD: nesterov needs momentum > 0");
        this.params = List.copyOf(params);
        this.lr = lr;
        this.momentum = momentum;
        this.weightDecay = weightDecay;
        this.nesterov = nesterov;
        this.buffers = new float[this.params.size()][];
    }

    @Override public List<Param> params() { return params; }
    @Override public long steps() { return steps; }
    @Override public double learningRate() { return lr; }
    @Override public void setLearningRate(double lr) { this.lr = lr; }

    @Override public void step() {
        float lrF = (float) lr, mom = (float) momentum, wd = (float) weightDecay;
        for (int i = 0; i < params.size(); i++) {
            float[] p = params.get(i).value().data();
            float[] grad = params.get(i).grad().data();
            float[] buf = buffers[i];
            boolean first = buf == null && momentum != 0;
            if (first) buf = buffers[i] = new float[p.length];
            for (int j = 0; j < p.length; j++) {
                float g = grad[j] + wd * p[j];
                if (momentum != 0) {
                    buf[j] = first ? g : mom * buf[j] + g;
                    g = nesterov ? g + mom * buf[j] : buf[j];
                }
                p[j] -= lrF * g;
            }
        }
        steps++;
    }

    @Override public Map<String, Tensor> state() {
        Map<String, Tensor> s = new LinkedHashMap<>();
        s.put(OptimizerState.STEP, OptimizerState.stepTensor(steps));
        for (int i = 0; i < params.size(); i++) {
            if (buffers[i] != null) s.put(i + "." + BUFFER, Tensor.of(buffers[i].clone(), params.get(i).value().shape()));
        }
        return s;
    }

    @Override public void loadState(Map<String, Tensor> state) {
        OptimizerState.checkKeys(state, params.size(), Set.of(BUFFER));
        long s = OptimizerState.readStep(state);
        float[][] loaded = new float[params.size()][];
        for (int i = 0; i < params.size(); i++) loaded[i] = OptimizerState.readBuffer(state, params, i, BUFFER);
        System.arraycopy(loaded, 0, buffers, 0, loaded.length);
        steps = s;
    }
}
