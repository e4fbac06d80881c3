package dev.recur.app.melody;

import dev.recur.nn.Param;
import dev.recur.tensor.Tensor;
import dev.recur.train.Durability;
import dev.recur.train.ParamSnapshot;
import dev.recur.train.TrainingState;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The early-stopping state the melody trainers ({@link MelodyTrainer}, {@link AnswerTraining}) carry from epoch
 * to epoch and through a checkpoint: the per-epoch figures, the best validation loss with its epoch and
 * weights, and whether patience ran out. Not thread-safe.
 */
final class TrainingProgress {
    private static final String BEST_LOSS = "best_loss", BEST_EPOCH = "best_epoch", HISTORY = "history",
            STOPPED = "stopped_early";

    private final List<Param> params;
    private final int epochs, patience;
    private final List<EpochMetrics> history = new ArrayList<>();
    private float[][] bestWeights;
    private double bestLoss = Double.POSITIVE_INFINITY;
    private int bestEpoch;
    private boolean stopped, stoppedEarly;

    /** Tracks the best weights of {@code params} over at most {@code epochs} epochs, stopping after {@code patience} without a better one. */
    TrainingProgress(List<Param> params, int epochs, int patience) {
        this.params = params;
        this.epochs = epochs;
        this.patience = patience;
        bestWeights = ParamSnapshot.take(params);
    }

    /** Continues from a checkpoint of a run with {@code seed}; returns the first epoch still to run. */
    int resume(TrainingState r, long seed) {
        r.requireSeed(seed);
        bestWeights = ParamSnapshot.loadFrom(r.tensors(), params);
        Map<String, Object> p = r.progress();
        bestLoss = Durability.number(p.get(BEST_LOSS));
        bestEpoch = ((Number) p.get(BEST_EPOCH)).intValue();
        stoppedEarly = Boolean.TRUE.equals(p.get(STOPPED));
        stopped = stoppedEarly;
        history.addAll(history(r));
        return Math.toIntExact(r.epoch()) + 1;
    }

    /** Adds an epoch's figures; returns whether its validation loss is the best so far (then its weights are kept). */
    boolean record(EpochMetrics m) {
        history.add(m);
        boolean best = m.valLoss() < bestLoss;
        if (best) {
            bestLoss = m.valLoss();
            bestEpoch = m.epoch();
            bestWeights = ParamSnapshot.take(params);
        }
        if (m.epoch() - bestEpoch >= patience) {
            stoppedEarly = m.epoch() < epochs;
            stopped = true;
        }
        return best;
    }

    /** Whether no further epoch runs after {@code epoch}. */
    boolean last(int epoch) { return stopped || epoch >= epochs; }

    boolean stopped() { return stopped; }
    boolean stoppedEarly() { return stoppedEarly; }
    int bestEpoch() { return bestEpoch; }
    List<EpochMetrics> history() { return history; }

    /** Puts the best epoch's weights back into the parameters. */
    void restoreBest() { ParamSnapshot.restore(params, bestWeights); }

    /** Adds this state to a checkpoint's tensors and progress values (copies: training goes on). */
    void saveTo(Map<String, Tensor> tensors, Map<String, Object> progress) {
        ParamSnapshot.saveTo(tensors, bestWeights);
        progress.put(BEST_LOSS, Durability.json(bestLoss));
        progress.put(BEST_EPOCH, bestEpoch);
        progress.put(STOPPED, stoppedEarly);
        List<List<Object>> h = new ArrayList<>();
        for (EpochMetrics m : history) h.add(List.of(m.epoch(), Durability.json(m.trainLoss()), Durability.json(m.valLoss()),
                Durability.json(m.valPerplexity()), Durability.json(m.valAccuracy()), Durability.json(m.seconds())));
        progress.put(HISTORY, h);
    }

    /** The per-epoch figures recorded in a checkpoint. */
    static List<EpochMetrics> history(TrainingState state) {
        List<EpochMetrics> out = new ArrayList<>();
        for (double[] e : Durability.rows(state.progress().get(HISTORY))) out.add(new EpochMetrics((int) e[0], e[1], e[2], e[3], e[4], e[5]));
        return out;
    }
}
