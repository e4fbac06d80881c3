package dev.recur.nn;

import dev.recur.tensor.Kernels;
import dev.recur.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A 1-D convolution over time, laid out like PyTorch's {@code nn.Conv1d} ({@code weight} [out_channels,
 * in_channels, kernel_size], {@code bias} [out_channels]) but on Recur's channels-last sequences: [batch,
 * steps, in] → [batch, steps', out] with {@code steps' = (steps + 2·padding − kernel) / stride + 1}. Output
 * step t reads input steps {@code t·stride − padding … t·stride − padding + kernel − 1}; steps outside a row's
 * valid length count as zeros, so a padded row gives exactly what PyTorch gives for that row alone, and its
 * output length is {@code (len + 2·padding − kernel) / stride + 1} (at least 0). Padded output steps are 0.
 *
 * <p>Runs as one matrix product: the input windows are unrolled into rows of kernel·in values (im2col), the
 * weight is read as [out, kernel·in] in the same order.
 */
public final class Conv1d implements Layer {
    public static final String TYPE = "conv1d";

    private final int in, out, kernel, stride, padding;
    private final Param weight;
    private final Param bias;

    public Conv1d(int in, int out, int kernel, int stride, int padding, boolean bias) {
        this.in = Steps.positive(TYPE, "in_channels", in);
        this.out = Steps.positive(TYPE, "out_channels", out);
        this.kernel = Steps.positive(TYPE, "kernel_size", kernel);
        this.stride = Steps.positive(TYPE, "stride", stride);
        if (padding < 0) throw new IllegalArgumentException(TYPE + ": padding must be >= 0, got " + padding);
        this.padding = padding;
        this.weight = new Param("weight", Tensor.zeros(out, in, kernel));
        this.bias = bias ? new Param("bias", Tensor.zeros(out)) : null;
    }

    static Map<String, long[]> paramShapes(long in, long out, long kernel, boolean bias) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("weight", new long[] {out, in, kernel});
        if (bias) shapes.put("bias", new long[] {out});
        return shapes;
    }

    static String sizes(long in, long out, long kernel) { return "in_channels=" + in + ", out_channels=" + out + ", kernel_size=" + kernel; }

    @Override public String type() { return TYPE; }
    @Override public int inputSize() { return in; }
    @Override public int outputSize() { return out; }
    public int kernel() { return kernel; }
    public int stride() { return stride; }
    public int padding() { return padding; }
    public Param weight() { return weight; }
    /** The bias, or null when built without one. */
    public Param bias() { return bias; }

    @Override
    public List<Param> params() { return bias == null ? List.of(weight) : List.of(weight, bias); }

    /** nn.Conv1d's default: U(−1/√fan_in, 1/√fan_in) with fan_in = in_channels · kernel_size, weight and bias. */
    @Override
    public void initialize(Random random) { Dense.uniformFanIn(params(), (double) in * kernel, random); }

    /** Output steps for {@code steps} input steps (0 when the padded input is shorter than the kernel). */
    public int outputSteps(int steps) {
        int span = steps + 2 * padding - kernel;
        return span < 0 ? 0 : span / stride + 1;
    }

    private record Cache(Seq x, float[] cols, int outSteps, int[] outLengths) {}

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(TYPE, x, in);
        int batch = x.batch(), outSteps = outputSteps(x.steps()), width = kernel * in;
        int[] outLengths = null;
        if (x.lengths() != null) {
            outLengths = new int[batch];
            for (int b = 0; b < batch; b++) outLengths[b] = outputSteps(x.length(b));
        }
        float[] cols = im2col(x, outSteps, outLengths);
        float[] w = kernelMajor(weight.value().data());
        float[] y = new float[batch * outSteps * out];
        Kernels k = Kernels.active();
        int rows = batch * outSteps;
        if (rows > 0) {
            k.gemm(false, true, rows, out, width, cols, 0, width, w, 0, width, 0f, y, 0, out);
            if (bias != null) k.addBias(y, 0, rows, out, bias.value().data(), 0);
        }
        Seq result = new Seq(Tensor.of(y, batch, outSteps, out), outLengths);
        Steps.zeroPadded(y, result, out);
        if (pass.training()) pass.save(this, new Cache(x, cols, outSteps, outLengths));
        return result;
    }

    /**
     * Row (b, t) of the result holds the window of output step t: kernel blocks of {@code in} values, block j
     * from input step {@code t·stride − padding + j}, zeros where that step is outside the row's valid length
     * (and for output steps past the row's own output length).
     */
    private float[] im2col(Seq x, int outSteps, int[] outLengths) {
        int batch = x.batch(), steps = x.steps(), width = kernel * in;
        float[] v = x.values().data();
        float[] cols = new float[batch * outSteps * width];
        for (int b = 0; b < batch; b++) {
            int len = x.length(b), outLen = outLengths == null ? outSteps : outLengths[b];
            for (int t = 0; t < outLen; t++) {
                int row = (b * outSteps + t) * width, start = t * stride - padding;
                int j0 = Math.max(0, -start), j1 = Math.min(kernel, len - start);
                if (j1 > j0) System.arraycopy(v, (b * steps + start + j0) * in, cols, row + j0 * in, (j1 - j0) * in);
            }
        }
        return cols;
    }

    /** PyTorch's [out][in][kernel] as [out][kernel][in], the column order of {@link #im2col}. */
    private float[] kernelMajor(float[] w) {
        float[] r = new float[w.length];
        for (int o = 0; o < out; o++) {
            for (int c = 0; c < in; c++) {
                for (int j = 0; j < kernel; j++) r[(o * kernel + j) * in + c] = w[(o * in + c) * kernel + j];
            }
        }
        return r;
    }

    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        Cache c = pass.saved(this);
        Seq x = c.x();
        int batch = x.batch(), steps = x.steps(), outSteps = c.outSteps(), width = kernel * in, rows = batch * outSteps;
        float[] g = Steps.maskedGrad(dy);
        Kernels k = Kernels.active();
        if (rows > 0) {
            float[] dwKm = new float[out * width];
            k.gemm(true, false, out, width, rows, g, 0, out, c.cols(), 0, width, 0f, dwKm, 0, width);
            float[] dw = weight.grad().data();
            for (int o = 0; o < out; o++) {
                for (int j = 0; j < kernel; j++) {
                    for (int ch = 0; ch < in; ch++) dw[(o * in + ch) * kernel + j] += dwKm[(o * kernel + j) * in + ch];
                }
            }
            if (bias != null) k.sumRows(g, 0, rows, out, bias.grad().data(), 0);
        }
        if (pass.inputGradientSkipped(this)) return null;
        float[] dx = new float[x.values().size()];
        if (rows > 0) {
            float[] dcols = new float[rows * width];
            k.gemm(false, false, rows, width, out, g, 0, out, kernelMajor(weight.value().data()), 0, width, 0f, dcols, 0, width);
            for (int b = 0; b < batch; b++) {
                int len = x.length(b), outLen = c.outLengths() == null ? outSteps : c.outLengths()[b];
                for (int t = 0; t < outLen; t++) {
                    int row = (b * outSteps + t) * width, start = t * stride - padding;
                    int j0 = Math.max(0, -start), j1 = Math.min(kernel, len - start);
                    for (int j = j0; j < j1; j++) {
                        int src = row + j * in, dst = (b * steps + start + j) * in;
                        for (int ch = 0; ch < in; ch++) dx[dst + ch] += dcols[src + ch];
                    }
                }
            }
        }
        return new Seq(Tensor.of(dx, x.values().shape()), x.lengths());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("in_channels", in);
        c.put("out_channels", out);
        c.put("kernel_size", kernel);
        c.put("stride", stride);
        c.put("padding", padding);
        c.put("bias", bias != null);
        return c;
    }
}
