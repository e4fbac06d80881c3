package dev.recur.nn;

import dev.recur.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A lookup table from token ids to vectors, like PyTorch's nn.Embedding ({@code weight} [num, dim]).
 * Input is [batch, steps, 1] holding the ids as floats; output is [batch, steps, dim], zero on padded steps.
 */
public final class Embedding implements Layer {
    public static final String TYPE = "embedding";

    private final int num;
    private final int dim;
    private final Param weight;

    public Embedding(int num, int dim) {
        this.num = Steps.positive(TYPE, "num_embeddings", num);
        this.dim = Steps.positive(TYPE, "embedding_dim", dim);
        ParamShapes.check(TYPE, sizes(num, dim), paramShapes(num, dim));
        this.weight = new Param("weight", Tensor.zeros(num, dim));
    }

    /** nn.Embedding's parameter: weight [num_embeddings, embedding_dim]. */
    static Map<String, long[]> paramShapes(long num, long dim) {
        Map<String, long[]> shapes = new LinkedHashMap<>();
        shapes.put("weight", new long[] {num, dim});
        return shapes;
    }

    static String sizes(long num, long dim) { return "num_embeddings=" + num + ", embedding_dim=" + dim; }

    @Override public String type() { return TYPE; }
    @Override public int inputSize() { return 1; }
    @Override public int outputSize() { return dim; }
    public int numEmbeddings() { return num; }
    public Param weight() { return weight; }

    @Override public List<Param> params() { return List.of(weight); }

    /** nn.Embedding's default: N(0, 1). */
    @Override
    public void initialize(Random random) {
        float[] w = weight.value().data();
        for (int i = 0; i < w.length; i++) w[i] = (float) random.nextGaussian();
    }

    @Override
    public Seq forward(Seq x, ForwardPass pass) {
        Steps.requireSequence(TYPE, x, 1);
        int batch = x.batch(), steps = x.steps();
        float[] v = x.values().data();
        int[] ids = new int[batch * steps];
        float[] y = new float[batch * steps * dim];
        float[] w = weight.value().data();
        for (int b = 0; b < batch; b++) {
            for (int t = 0; t < steps; t++) {
                int i = b * steps + t;
                if (t >= x.length(b)) { ids[i] = -1; continue; }
                float f = v[i];
                int id = (int) f;
                if (id != f || id < 0 || id >= num) {
                    throw new IllegalArgumentException(TYPE + ": token id " + f + " at row " + b + ", step " + t
                            + " is not an integer in [0, " + num + ")");
                }
                ids[i] = id;
                System.arraycopy(w, id * dim, y, i * dim, dim);
            }
        }
        if (pass.training()) pass.save(this, ids);
        return new Seq(Tensor.of(y, batch, steps, dim), x.lengths());
    }

    /** Scatters the output gradient into the rows that were looked up; ids get no gradient (zeros). */
    @Override
    public Seq backward(Seq dy, ForwardPass pass) {
        int[] ids = pass.saved(this);
        float[] g = dy.values().data();
        float[] gw = weight.grad().data();
        for (int i = 0; i < ids.length; i++) {
            if (ids[i] < 0) continue;
            int src = i * dim, dst = ids[i] * dim;
            for (int d = 0; d < dim; d++) gw[dst + d] += g[src + d];
        }
        return new Seq(Tensor.zeros(dy.batch(), dy.steps(), 1), dy.lengths());
    }

    @Override
    public Map<String, Object> config() {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("num_embeddings", num);
        c.put("embedding_dim", dim);
        return c;
    }
}
