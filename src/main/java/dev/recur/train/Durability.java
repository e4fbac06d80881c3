package dev.recur.train;

import dev.recur.nn.Param;
import dev.recur.nn.Sequential;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Crash safety of a training loop: where to resume from, how often to write a checkpoint, where to write it,
 * and what to do with a NaN/Inf loss or gradient (stop with a {@link NonFiniteLossException}, or skip the
 * batch). The loop draws every random choice of epoch e from {@link Seeds#forEpoch}(seed, e), so a resumed run
 * ends with exactly the weights of the run never interrupted.
 *
 * @param resumeFrom      a checkpoint of an earlier run of the same settings, or null
 * @param checkpointEvery epochs between checkpoints; 0: only at the end
 * @param sink            writes a checkpoint (the model's current weights + the loop state), or null for none
 */
public record Durability(Resume resumeFrom, int checkpointEvery, CheckpointSink sink, boolean skipNonFinite) {
    public static final Durability NONE = new Durability(null, 0, null, false);

    public Durability {
        if (checkpointEvery < 0) throw new IllegalArgumentException("--checkpoint-every must be >= 0, got " + checkpointEvery);
    }

    /**
     * A checkpoint to continue from: its model's parameters by name and the loop state.
     *
     * @param source the checkpoint folder it was read from (for messages)
     */
    public record Resume(Map<String, Param> weights, TrainingState state, String source) {}

    /** Writes the model's current weights with the loop's state as a checkpoint. */
    @FunctionalInterface
    public interface CheckpointSink {
        void save(Sequential model, TrainingState state) throws IOException;
    }

    /** Writes a checkpoint after {@code epoch} when one is due ({@code last}: the run ends after this epoch). */
    public void checkpoint(Sequential model, long epoch, boolean last, Supplier<TrainingState> state) throws IOException {
        if (sink != null && (last || (checkpointEvery > 0 && epoch % checkpointEvery == 0))) sink.save(model, state.get());
    }

    /** Copies the resumed checkpoint's weights into {@code model}, which must have the same layers. */
    public void restoreWeights(Sequential model) {
        Map<String, Param> to = model.namedParams();
        if (!resumeFrom.weights().keySet().equals(to.keySet())) {
            throw new IllegalArgumentException(resumeFrom.source() + ": the checkpoint's layers differ from this run's");
        }
        for (Map.Entry<String, Param> e : to.entrySet()) {
            float[] src = resumeFrom.weights().get(e.getKey()).value().data(), dst = e.getValue().value().data();
            if (src.length != dst.length) throw new IllegalArgumentException(resumeFrom.source() + ": the checkpoint's parameter " + e.getKey() + " has another shape");
            System.arraycopy(src, 0, dst, 0, dst.length);
        }
    }

    /** A double for JSON progress: NaN and infinities as strings (JSON has no such numbers). */
    public static Object json(double v) { return Double.isFinite(v) ? (Object) v : Double.toString(v); }

    /** Reads back {@link #json(double)}. */
    public static double number(Object o) {
        if (o instanceof Number n) return n.doubleValue();
        if (o instanceof String s) return Double.parseDouble(s);
        throw new IllegalArgumentException("checkpoint progress: expected a number, got " + o);
    }

    /** Rows of numbers (e.g. the loss history) from JSON progress. */
    public static List<double[]> rows(Object o) {
        List<double[]> out = new ArrayList<>();
        if (o == null) return out;
        for (Object row : (List<?>) o) {
            List<?> r = (List<?>) row;
            double[] v = new double[r.size()];
            for (int i = 0; i < v.length; i++) v[i] = number(r.get(i));
            out.add(v);
        }
        return out;
    }
}
