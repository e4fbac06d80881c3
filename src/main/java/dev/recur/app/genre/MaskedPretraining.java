package dev.recur.app.genre;

import dev.recur.nn.Conv1d;
import dev.recur.nn.Dense;
import dev.recur.nn.Layer;
import dev.recur.nn.Pyramid;
import dev.recur.nn.SequenceToVector;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.MeanSquaredError;
import dev.recur.tensor.Tensor;
import dev.recur.train.Adam;
import dev.recur.train.Durability;
import dev.recur.train.Fit;
import dev.recur.train.Seeds;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Self-supervised pretraining of the classifier's encoder (its convolutions and recurrent layers: everything
 * before the pooling) on the training clips without their labels, by masked-frame reconstruction, the masked
 * acoustic modelling of Mockingjay (Liu et al. 2020, "Mockingjay: unsupervised speech representation learning
 * with deep bidirectional transformer encoders"). Next-frame prediction or contrastive predictive coding would
 * need a causal encoder; a bidirectional one sees the future through its backward direction, whereas a masked
 * frame stays hidden from both directions.
 *
 * <p>Each epoch cuts the same kind of random crops as supervised training ({@link ClassifierTrainer#crops}),
 * hides about {@value #MASK_FRACTION} of each crop's frames in spans of {@value #SPAN} ({@link #spans}: the
 * frames are set to 0, the standardised mean), runs the encoder and a per-step dense head (discarded
 * afterwards) that predicts, for each encoder output step, the mean of the original frames its window covers
 * (output step j covers frames j·f … (j+1)·f − 1, f the product of the convolution strides and pyramid
 * halvings, 4 by default). The loss is the mean squared error over the steps whose window overlaps a masked
 * span, and nothing else: reconstructing visible frames would teach the encoder to copy its input. The batch
 * loss is the mean over all counted values of the batch (chunks weighted by what they count).
 *
 * <p>The loop is {@link Fit}'s (AdamW with the supervised settings and learning-rate schedule, run over the
 * pretraining epochs, clipping, the non-finite guard); it keeps
 * the epoch with the lowest reconstruction loss, as it keeps the best epoch of any run. No checkpoints: an
 * interrupted pretraining is redone from the start on resume, with the same result, since every draw (masks,
 * crops, dropout, head initialisation) derives from the configuration's seed. Only the encoder's weights
 * change; the pooling and dense layers keep their fresh initialisation.
 */
public final class MaskedPretraining {
    private MaskedPretraining() {}

    /** Share of each crop's frames the spans hide (before overlaps). */
    public static final double MASK_FRACTION = 0.15;
    /** Frames per masked span. */
    public static final int SPAN = 8;
    /** Salt of the generator behind the head's initial weights and the pretraining run's seed. */
    private static final long SALT = 0x7072657472616E4CL;

    /**
     * One pretraining epoch: the masked-frame mean squared error, and that of always predicting 0 (the
     * standardised mean) on the same targets, for scale.
     */
    public record Epoch(int epoch, double loss, double meanLoss) implements Fit.EpochRecord {
        @Override public double monitored() { return loss; }

        @Override public double[] toRow() { return new double[] {epoch, loss, meanLoss}; }

        @Override public String summary() {
            return String.format(Locale.ROOT, "pretraining: masked-frame MSE %.4f (predicting the mean: %.4f)", loss, meanLoss);
        }
    }

    /** The pretraining epochs, the one whose encoder weights were kept, and the wall time it took. */
    public record Result(List<Epoch> history, int bestEpoch, double seconds) {
        public Epoch best() { return history.get(bestEpoch - 1); }
    }

    /** Per encoder output step: the mean of the original frames its window covers, and whether the window overlaps a masked frame. */
    record Targets(float[][] means, boolean[] counted) {
        int countedSteps() {
            int n = 0;
            for (boolean b : counted) if (b) n++;
            return n;
        }
    }

    /**
     * Pretrains the encoder of {@code model} (built by {@link ClassifierNetwork#build} from {@code c}) in place
     * for {@code c.pretrainEpochs()} epochs on crops of {@code tracks} (standardised frames).
     */
    public static Result run(ClassifierConfig c, Sequential model, List<float[][]> tracks, int segmentFrames,
                             Fit.Listener listener, boolean skipNonFinite) {
        long t0 = System.nanoTime();
        int dims = tracks.getFirst()[0].length;
        Random seeds = Seeds.forEpoch(c.seed(), 0, SALT);
        Sequential net = network(model, dims, seeds);
        List<Layer> encoder = encoder(model);
        Adam adam = Adam.adamW(net.params(), c.lr(), 0.9, 0.999, 1e-8, c.weightDecay());
        Job job = new Job(c, tracks, segmentFrames, encoder, new ParallelStep(net, c.batch()), new double[2]);
        try {
            Fit.Result<Epoch> r = Fit.run(net, net.params(), adam, new Fit.Settings(c.pretrainEpochs(), 0, c.clip(), seeds.nextLong(),
                    c.schedule()),
                    job, listener, new Durability(null, 0, null, skipNonFinite));
            return new Result(r.history(), r.bestEpoch(), (System.nanoTime() - t0) / 1e9);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // unreachable: no checkpoint sink
        }
    }

    /** The layers before the first that turns a sequence into a vector (the pooling). */
    static List<Layer> encoder(Sequential model) {
        List<Layer> out = new ArrayList<>();
        for (Layer l : model.layers()) {
            if (l instanceof SequenceToVector) return out;
            out.add(l);
        }
        throw new IllegalArgumentException("the network has no pooling layer: nothing to pretrain before it");
    }

    /**
     * The encoder's layers (the same objects as {@code model}'s, under the same names, so training them trains
     * the model) followed by a dense head {@code "head"} from the encoder's width back to {@code inputDims}.
     */
    static Sequential network(Sequential model, int inputDims, Random random) {
        Sequential.Builder b = Sequential.builder();
        List<Layer> encoder = encoder(model);
        int width = inputDims;
        for (int i = 0; i < encoder.size(); i++) {
            b.add(model.names().get(i), encoder.get(i));
            if (encoder.get(i).outputSize() != Layer.ANY_SIZE) width = encoder.get(i).outputSize();
        }
        Dense head = new Dense(width, inputDims);
        head.initialize(random);
        return b.add("head", head).build();
    }

    /** Input frames per encoder output step: the product of the convolution strides and pyramid halvings. */
    static int factor(List<Layer> encoder) {
        int f = 1;
        for (Layer l : encoder) {
            if (l instanceof Conv1d conv) f *= conv.stride();
            if (l instanceof Pyramid) f *= 2;
        }
        return f;
    }

    /** Encoder output steps for an input of {@code frames} frames. */
    static int outputSteps(List<Layer> encoder, int frames) {
        int t = frames;
        for (Layer l : encoder) {
            if (l instanceof Conv1d conv) t = conv.outputSteps(t);
            if (l instanceof Pyramid) t = (t + 1) / 2;
        }
        return t;
    }

    /**
     * Which frames to hide: max(1, round({@value #MASK_FRACTION} · frames / {@value #SPAN})) spans of
     * min({@value #SPAN}, frames) frames at uniform random starts (they may overlap).
     */
    static boolean[] spans(int frames, Random random) {
        boolean[] m = new boolean[frames];
        int span = Math.min(SPAN, frames), n = Math.max(1, (int) Math.round(MASK_FRACTION * frames / SPAN));
        for (int k = 0; k < n; k++) {
            int start = random.nextInt(frames - span + 1);
            Arrays.fill(m, start, start + span, true);
        }
        return m;
    }

    /** A copy of {@code crop} with the masked frames set to 0. */
    static float[][] masked(float[][] crop, boolean[] mask) {
        float[][] out = new float[crop.length][];
        for (int i = 0; i < crop.length; i++) out[i] = mask[i] ? new float[crop[i].length] : crop[i].clone();
        return out;
    }

    /**
     * The targets of {@code steps} encoder output steps: step j's window is frames j·factor … (j+1)·factor − 1
     * within the crop; its target is the mean of the original frames there, and it counts when one of them is
     * masked (a window wholly past the crop's end has target 0 and does not count).
     */
    static Targets targets(float[][] crop, boolean[] mask, int factor, int steps) {
        int d = crop[0].length;
        float[][] means = new float[steps][d];
        boolean[] counted = new boolean[steps];
        for (int j = 0; j < steps; j++) {
            int a = j * factor, z = Math.min(crop.length, a + factor);
            if (a >= z) continue;
            double[] sum = new double[d];
            for (int t = a; t < z; t++) {
                counted[j] |= mask[t];
                for (int i = 0; i < d; i++) sum[i] += crop[t][i];
            }
            for (int i = 0; i < d; i++) means[j][i] = (float) (sum[i] / (z - a));
        }
        return new Targets(means, counted);
    }

    /** Masked inputs and their targets. */
    record Batch(List<float[][]> inputs, List<Targets> targets) {}

    /** {@code tally}: the summed squares of the targets that counted and the values counted, for the mean-prediction figure. */
    private record Job(ClassifierConfig c, List<float[][]> tracks, int segmentFrames, List<Layer> encoder, ParallelStep step,
                       double[] tally) implements Fit.Job<Batch, Epoch> {

        @Override public List<Batch> batches(int epoch, Random random) {
            tally[0] = 0;
            tally[1] = 0;
            List<ClassifierTrainer.Crop> crops = ClassifierTrainer.crops(c, tracks, segmentFrames, random, x -> x);
            Integer[] order = ClassifierTrainer.shuffled(crops.size(), random);
            int f = factor(encoder);
            List<Batch> out = new ArrayList<>();
            for (int from = 0; from < order.length; from += c.batch()) {
                int to = Math.min(order.length, from + c.batch());
                List<float[][]> inputs = new ArrayList<>(to - from);
                List<Targets> targets = new ArrayList<>(to - from);
                for (int i = from; i < to; i++) {
                    float[][] x = crops.get(order[i]).x();
                    boolean[] mask = spans(x.length, random);
                    inputs.add(masked(x, mask));
                    targets.add(targets(x, mask, f, outputSteps(encoder, x.length)));
                }
                out.add(new Batch(inputs, targets));
            }
            return out;
        }

        @Override public void step(Batch b, Fit.Update update, Random random) {
            int chunks = ParallelStep.chunks(b.inputs().size()), d = tracks.getFirst()[0].length;
            long total = 0;
            for (Targets t : b.targets()) total += (long) t.countedSteps() * d;
            double[] squares = new double[chunks], meanSquares = new double[chunks];
            MeanSquaredError mse = new MeanSquaredError();
            long values = total;
            step.run(b.inputs(), random.nextLong(), (ch, from, to, out) -> {
                int steps = out.steps();
                float[] target = new float[(to - from) * steps * d];
                boolean[] counted = new boolean[(to - from) * steps];
                long n = 0;
                double zero = 0;
                for (int r = from; r < to; r++) {
                    Targets t = b.targets().get(r);
                    int len = out.lengths() == null ? steps : out.length(r - from);
                    if (t.means().length != len) {
                        throw new IllegalStateException("encoder gave " + len + " steps where " + t.means().length + " were expected");
                    }
                    for (int j = 0; j < len; j++) {
                        int row = (r - from) * steps + j;
                        System.arraycopy(t.means()[j], 0, target, row * d, d);
                        counted[row] = t.counted()[j];
                        if (!counted[row]) continue;
                        n += d;
                        for (float v : t.means()[j]) zero += (double) v * v;
                    }
                }
                LossResult lr = mse.compute(out, Tensor.of(target, out.values().shape()), counted);
                float scale = values == 0 ? 0f : (float) ((double) n / values);   // chunk mean → share of the batch mean
                float[] g = lr.grad().values().data();
                for (int i = 0; i < g.length; i++) g[i] *= scale;
                squares[ch] = lr.loss() * n;
                meanSquares[ch] = zero;
                return lr.grad();
            });
            double sum = 0, zero = 0;
            for (int ch = 0; ch < chunks; ch++) {
                sum += squares[ch];
                zero += meanSquares[ch];
            }
            if (update.apply(sum, total)) {
                tally[0] += zero;
                tally[1] += total;
            }
        }

        @Override public Epoch score(int epoch, double trainLoss) {
            return new Epoch(epoch, trainLoss, tally[1] == 0 ? Double.NaN : tally[0] / tally[1]);
        }

        @Override public Epoch fromRow(double[] row) { return new Epoch((int) row[0], row[1], row[2]); }
    }
}
