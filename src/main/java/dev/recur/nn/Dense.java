package dev.recur.nn;

import dev.recur.tensor.Kernels;
import dev.recur.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A fully connected layer, y = x·Wᵀ + b, laid out like PyTorch's nn.Linear ({@code weight} [out, in],
 * {@code bias} [out]). On a sequence [batch, steps, in] it applies to every step; padded steps give 0.
 */
public final class Dense implements Layer {
    public static final String TYPE = "dense";

    private final int in;
    private final int out;
    private final Param weight;
    private final Param bias;

    public Dense(int in, int out) { this(in, out, true); }

    public Dense(int in, int out, boolean bias) {
        this.in = Steps.positive(TYPE, "in_features", in);
        this.out = Steps.positive(TYPE, "out_features", out);
        ParamShapes.check(TYPE, sizes(in, out), paramShapes(in, out, bias));
        this.weight = new Param("weight", Tensor.zeros(out, in));
        this.bias = bias ? new Param("bias", Tensor.zeros(out)) : null;
    }

    /** nn.Linear's parameters: weight [out, in], bias [out]. */
    static Map<String, long[]> paramShapes(long in, long out, boolean bias) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("weight", new long[] {out, in});
        if (bias) shapes.put("bias", new long[] {out});
        return shapes;
    }

    static String sizes(long in, long out) { return "in_features=" + in + ", out_features=" + out; }

    @Override public String type() { return TYPE; }
    @Override public int inputSize() { return in; }
    @Override public int outputSize() { return out; }
    public boolean hasBias() { return bias != null; }
    public Param weight() { return weight; }
    /** The bias, or null when built without one. */
    public Param bias() { return bias; }

    @Override
    public List<Param> params() { return bias == null ? List.of(weight) : List.of(weight, bias); }

    /** nn.Linear's default: U(−1/√in, 1/√in) for the weight and the bias. */
    @Override
    public void initialize(Random random) { uniformFanIn(params(), in, random); }

    /**
     * PyTorch's default for nn.Linear and nn.Conv1d (kaiming_uniform_ with a = √5 for the weight, the same bound for
     * the bias): every value of {@code params}, in order, drawn U(−1/√fanIn, 1/√fanIn).
     */
    static void uniformFanIn(List<Param> params, double fanIn, Random random) {
        float bound = (float) (1.0 / Math.sqrt(fanIn));
        for (Param p : params) uniform(p.value().data(), bound, random);
    }

    static void uniform(float[] a, float bound, Random random) {
        for (int i = 0; i < a.length; i++) a[i] = (random.nextFloat() * 2f - 1f) * bound;
    }

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        if (x.isSequence()) Steps.requireSequence(TYPE, x, in);
        else Steps.requireDims(TYPE, x, in);
        int rows = x.values().size() / in;
        float[] y = new float[rows * out];
        Kernels k = Kernels.active();
        k.gemm(false, true, rows, out, in, x.values().data(), 0, in, weight.value().data(), 0, in, 0f, y, 0, out);
        if (bias != null) k.addBias(y, 0, rows, out, bias.value().data(), 0);
        Steps.zeroPadded(y, x, out);
        if (pass.training()) pass.save(this, x);
        return new Seq(Tensor.of(y, Steps.withDims(x, out)), x.lengths());
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Seq x = pass.saved(this);
        int rows = x.values().size() / in;
        float[] g = Steps.maskedGrad(dy);  // padded rows zero, so they add nothing below and get dx = 0
        Kernels k = Kernels.active();
        k.gemm(true, false, out, in, rows, g, 0, out, x.values().data(), 0, in, 1f, weight.grad().data(), 0, in);
        if (bias != null) k.sumRows(g, 0, rows, out, bias.grad().data(), 0);
        float[] dx = new float[rows * in];
        k.gemm(false, false, rows, in, out, g, 0, out, weight.value().data(), 0, in, 0f, dx, 0, in);
        return new Seq(Tensor.of(dx, x.values().shape()), x.lengths());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("in_features", in);
        c.put("out_features", out);
        c.put("bias", bias != null);
        return c;
    }
}
