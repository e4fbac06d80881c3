package dev.recur.app.genre;

import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layers;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import dev.recur.eval.ClassificationReport;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Forward and backward of a sequence classifier (or of the encoder and head of {@link MaskedPretraining}) on a
 * batch, batch-parallel: the batch is cut into chunks of
 * {@link Batches#CHUNK} rows, each chunk runs forward and backward on its own replica of the model (same
 * weights, own gradients) on any free core, and the chunk gradients are summed in chunk order into the
 * model's gradients (the batch mean's gradient), ready for {@code train.Fit}'s update. The result depends only
 * on the batch and the seed.
 */
public final class ParallelStep {
    private final Sequential model;
    private final List<Param> params;
    private final List<Sequential> replicas = new ArrayList<>();
    private final SoftmaxCrossEntropy loss = new SoftmaxCrossEntropy();

    /** Summed cross-entropy over the batch's rows and the rows predicted right. */
    public record Outcome(double lossSum, long right) {}

    public ParallelStep(Sequential model, int maxBatch) {
        this.model = model;
        this.params = model.params();
        int chunks = (maxBatch + Batches.CHUNK - 1) / Batches.CHUNK;
        for (int r = 0; r < chunks; r++) replicas.add((Sequential) Layers.fromConfig(Sequential.TYPE, model.config()));
    }

    public Outcome run(List<float[][]> xs, int[] ys, long seed) { return run(xs, ys, null, seed); }

    /**
     * As {@link #run(List, int[], long)} with soft targets (one probability row per segment, e.g. mixup's)
     * instead of the labels' one-hot rows when {@code soft} is not null; {@code ys} is then only what a row
     * counts as right for the accuracy.
     */
    public Outcome run(List<float[][]> xs, int[] ys, float[][] soft, long seed) {
        int rows = xs.size();
        double[] chunkLoss = new double[chunks(rows)];
        long[] chunkRight = new long[chunkLoss.length];
        run(xs, seed, (ch, a, z, logits) -> {
            int[] y = Arrays.copyOfRange(ys, a, z);
            LossResult lr = soft == null ? loss.compute(logits, y) : loss.computeSoft(logits, Arrays.copyOfRange(soft, a, z));
            float scale = (float) (z - a) / rows;   // chunk mean → share of the batch mean
            float[] g = lr.grad().values().data();
            for (int i = 0; i < g.length; i++) g[i] *= scale;
            chunkLoss[ch] = lr.loss() * (z - a);
            float[] lv = logits.values().data();
            int k = logits.dims();
            for (int i = 0; i < z - a; i++) {
                if (ClassificationReport.argmax(Arrays.copyOfRange(lv, i * k, (i + 1) * k)) == y[i]) chunkRight[ch]++;
            }
            return lr.grad();
        });
        double lossSum = 0;
        long right = 0;
        for (int ch = 0; ch < chunkLoss.length; ch++) {
            lossSum += chunkLoss[ch];
            right += chunkRight[ch];
        }
        return new Outcome(lossSum, right);
    }

    /** What one chunk's output is judged by. */
    @FunctionalInterface
    public interface ChunkObjective {
        /**
         * The gradient to run backward for rows {@code from..to-1} (chunk {@code chunk}) given their output,
         * already scaled to the chunk's share of the batch loss. Called from several threads at once, one per
         * chunk: keep per-chunk results in arrays indexed by {@code chunk}.
         */
        Seq gradient(int chunk, int from, int to, Seq output);
    }

    /** Chunks a batch of {@code rows} is cut into. */
    public static int chunks(int rows) { return (rows + Batches.CHUNK - 1) / Batches.CHUNK; }

    /**
     * Forward and backward of every chunk on its own replica, judged by {@code objective}; the chunk gradients
     * are then summed in chunk order into the model's (any earlier gradient is cleared). The step behind
     * classification ({@link #run(List, int[], float[][], long)}) and masked-frame pretraining.
     */
    public void run(List<float[][]> xs, long seed, ChunkObjective objective) {
        int rows = xs.size(), chunks = chunks(rows);
        if (chunks > replicas.size()) throw new IllegalArgumentException("batch of " + rows + " is larger than the step was built for");
        for (int r = 0; r < chunks; r++) copyValues(params, replicas.get(r).params());
        IntStream.range(0, chunks).parallel().forEach(ch -> {
            int a = ch * Batches.CHUNK, z = Math.min(rows, a + Batches.CHUNK);
            Sequential rep = replicas.get(ch);
            rep.zeroGrad();
            ForwardPass pass = ForwardPass.training(new Random(seed + ch));
            Seq out = rep.forward(Batches.pack(xs.subList(a, z)), pass);
            rep.backward(objective.gradient(ch, a, z, out), pass.skipInputGradient(rep));
        });
        model.zeroGrad();
        for (int ch = 0; ch < chunks; ch++) addGrads(replicas.get(ch).params(), params);
    }

    private static void copyValues(List<Param> from, List<Param> to) {
        for (int i = 0; i < from.size(); i++) {
            float[] src = from.get(i).value().data();
            System.arraycopy(src, 0, to.get(i).value().data(), 0, src.length);
        }
    }

    private static void addGrads(List<Param> from, List<Param> to) {
        for (int i = 0; i < from.size(); i++) {
            float[] g = from.get(i).grad().data(), dst = to.get(i).grad().data();
            for (int j = 0; j < g.length; j++) dst[j] += g[j];
        }
    }
}
