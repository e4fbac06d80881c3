package dev.recur.train;

import dev.recur.tensor.Tensor;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a training loop needs besides the model's current weights to continue exactly where it stopped:
 * the epoch and optimizer step reached, the run's seed (all randomness derives from seed and epoch, see
 * {@link Seeds}), the optimizer's state, named tensors the loop keeps (e.g. the best weights so far for
 * early stopping) and JSON-friendly progress values (loss history, best score, patience counter...).
 * {@code dev.recur.io.Checkpointer} writes and reads it together with the model.
 *
 * @param epoch      epochs completed
 * @param step       optimizer steps taken (batches applied)
 * @param progress   values of JSON types only: String, Number, Boolean, List, Map (doubles round-trip exactly)
 */
public record TrainingState(long epoch, long step, long seed, String optimizerKind, double learningRate,
                            Map<String, Tensor> optimizerState, Map<String, Tensor> tensors, Map<String, Object> progress) {

    public TrainingState {
        if (epoch < 0 || step < 0) throw new IllegalArgumentException("epoch and step must be >= 0, got " + epoch + ", " + step);
        optimizerState = Map.copyOf(optimizerState);
        tensors = new LinkedHashMap<>(tensors);
        progress = new LinkedHashMap<>(progress);
    }

    /** A snapshot of {@code optimizer} (its state is copied) with the loop's own tensors and progress. */
    public static TrainingState of(long epoch, long seed, Optimizer optimizer, Map<String, Tensor> tensors, Map<String, Object> progress) {
        return new TrainingState(epoch, optimizer.steps(), seed, optimizer.getClass().getSimpleName(), optimizer.learningRate(),
                optimizer.state(), tensors, progress);
    }

    /** Refuses to continue a run made with another seed (all of a run's randomness derives from it). */
    public void requireSeed(long runSeed) {
        if (seed != runSeed) throw new IllegalArgumentException("the checkpoint was trained with seed " + seed + ", not " + runSeed);
    }

    /** Puts the saved state into an optimizer of the same kind built over the same (restored) parameters. */
    public void restore(Optimizer optimizer) {
        String kind = optimizer.getClass().getSimpleName();
        if (!kind.equals(optimizerKind)) {
            throw new IllegalArgumentException("the checkpoint holds the state of a " + optimizerKind + " optimizer, not " + kind);
        }
        optimizer.loadState(optimizerState);
        optimizer.setLearningRate(learningRate);
    }
}
