package dev.recur.nn;

import dev.recur.tensor.Tensor;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * Several networks of the same shape run on the same input, their class probabilities averaged: the output is
 * {@code log(mean_k softmax(z_k))}, so it is a valid row of logits whose softmax is the mean of the members'
 * probabilities (seed ensembles: networks trained with different seeds on the same data). Members are
 * {@link Sequential}s whose parameters are keyed {@code k.<member key>} ("1.0.weight_ih_l0"), as in a PyTorch
 * {@code nn.ModuleList} of {@code nn.Sequential}s; config {@code {"members": [member config, ...]}}.
 * Padded steps of sequence outputs are 0.
 */
public final class Ensemble implements Container {
    public static final String TYPE = "ensemble";

    private final List<Sequential> members;

    public Ensemble(List<Sequential> members) {
        if (members.isEmpty()) throw new IllegalArgumentException(TYPE + ": needs at least one member");
        Sequential first = members.getFirst();
        for (Sequential m : members) {
            if (!m.config().equals(first.config())) throw new IllegalArgumentException(TYPE + ": members must share one architecture");
        }
        for (int i = 0; i < members.size(); i++) {
            for (int j = 0; j < i; j++) {
                if (members.get(i) == members.get(j)) throw new IllegalArgumentException(TYPE + ": member " + i + " is the same object as member " + j);
            }
        }
        this.members = List.copyOf(members);
    }

    public List<Sequential> members() { return members; }
    /** The members. */
    @Override public List<Sequential> layers() { return members; }
    /** "0", "1", ...: member k's parameters are keyed {@code k.<member key>}. */
    @Override public List<String> names() { return IntStream.range(0, members.size()).mapToObj(String::valueOf).toList(); }

    @Override public String type() { return TYPE; }
    @Override public int inputSize() { return members.getFirst().inputSize(); }
    @Override public int outputSize() { return members.getFirst().outputSize(); }

    private record Cache(float[][] probs, float[] mean, Seq out) {}

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        int k = members.size();
        float[][] probs = new float[k][];
        Seq shape = null;
        for (int m = 0; m < k; m++) {
            Seq z = members.get(m).forward(x, pass);
            if (shape == null) shape = z;
            probs[m] = softmaxRows(z.values().data(), z.dims());
        }
        int n = probs[0].length, c = shape.dims();
        float[] mean = new float[n], y = new float[n];
        for (int i = 0; i < n; i++) {
            double s = 0;
            for (int m = 0; m < k; m++) s += probs[m][i];
            mean[i] = (float) (s / k);
            y[i] = (float) Math.log(s / k);
        }
        Seq out = new Seq(Tensor.of(y, shape.values().shape()), shape.lengths());
        zeroPadded(y, out, c);
        if (pass.training()) pass.save(this, new Cache(probs, mean, out));
        return out;
    }

    private static float[] softmaxRows(float[] z, int c) {
        float[] p = new float[z.length];
        for (int o = 0; o < z.length; o += c) {
            double max = Double.NEGATIVE_INFINITY, sum = 0;
            for (int j = 0; j < c; j++) max = Math.max(max, z[o + j]);
            for (int j = 0; j < c; j++) sum += Math.exp(z[o + j] - max);
            for (int j = 0; j < c; j++) p[o + j] = (float) (Math.exp(z[o + j] - max) / sum);
        }
        return p;
    }

    private static void zeroPadded(float[] y, Seq s, int c) {
        if (!s.isSequence() || s.lengths() == null) return;
        int steps = s.steps();
        for (int b = 0; b < s.batch(); b++) {
            for (int t = s.length(b); t < steps; t++) java.util.Arrays.fill(y, (b * steps + t) * c, (b * steps + t + 1) * c, 0f);
        }
    }

    /**
     * With g = dL/dy and P = mean probabilities: dL/dz_k,j = w_k,j − p_k,j Σ_c w_k,c where w_k,c = g_c p_k,c /
     * (K·P_c). The input gradient is the sum of the members'.
     */
    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Cache cache = pass.saved(this);
        int k = members.size(), c = cache.out().dims();
        float[] g = dy.values().data().clone();
        zeroPadded(g, cache.out(), c);
        Seq dx = null;
        for (int m = members.size() - 1; m >= 0; m--) {
            float[] p = cache.probs()[m], dz = new float[p.length];
            for (int o = 0; o < p.length; o += c) {
                double sw = 0;
                for (int j = 0; j < c; j++) {
                    double w = g[o + j] * p[o + j] / (k * (double) cache.mean()[o + j]);
                    dz[o + j] = (float) w;
                    sw += w;
                }
                for (int j = 0; j < c; j++) dz[o + j] -= (float) (p[o + j] * sw);
            }
            if (pass.inputGradientSkipped(this)) pass.skipInputGradient(members.get(m));
            Seq d = members.get(m).backward(new Seq(Tensor.of(dz, cache.out().values().shape()), cache.out().lengths()), pass);
            if (d == null) continue;
            if (dx == null) dx = new Seq(d.values().copy(), d.lengths());
            else {
                float[] acc = dx.values().data(), v = d.values().data();
                for (int i = 0; i < acc.length; i++) acc[i] += v[i];
            }
        }
        return dx;
    }

    @Override
    public Map<String, Object> config() {
        List<Map<String, Object>> list = new ArrayList<>();
        for (Sequential m : members) list.add(m.config());
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("members", list);
        return c;
    }
}
