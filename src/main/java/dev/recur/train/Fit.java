package dev.recur.train;

import dev.recur.nn.Param;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Tensor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The one training loop. An application supplies a {@link Job}: the batches of an epoch, the step that runs
 * one batch forward and backward, and the scorer that judges the model after the epoch. The loop does the
 * rest, the same way for every application:
 * <ul>
 *   <li>every random draw of epoch e comes from {@link Seeds#forEpoch}(seed, e), so a run resumed from the
 *       checkpoint of epoch e ends with exactly the weights and history of the run never interrupted;</li>
 *   <li>each optimiser update goes through {@link Update#apply}: global-norm clipping, the non-finite guard
 *       (stop with a {@link NonFiniteLossException} naming epoch and step, or skip the update with
 *       {@link Durability#skipNonFinite()}), the optimiser step, zeroed gradients;</li>
 *   <li>early stopping on the job's {@link EpochRecord#monitored()} value with the best epoch's weights put
 *       back at the end;</li>
 *   <li>checkpoints through {@link Durability}'s sink (the loop writes no file) and resumption from one;</li>
 *   <li>progress through a {@link Listener} (the loop prints nothing).</li>
 * </ul>
 * Not thread-safe; a step may use threads inside (see {@code app.genre.ParallelStep}).
 */
public final class Fit {
    private Fit() {}

    /** One epoch's figures as an application keeps them (metrics.csv, plots, the checkpoint's history). */
    public interface EpochRecord {
        int epoch();

        /** What early stopping watches, lower is better: usually the validation loss. */
        double monitored();

        /** The figures as one row of numbers for the checkpoint's history; {@link Job#fromRow} reads it back. */
        double[] toRow();

        /** One line for a progress log, e.g. {@code loss 0.512 acc 81.0% | val 0.633 77.1%}. */
        String summary();
    }

    /**
     * The application's part of a training run.
     *
     * @param <B> one batch, as the step takes it
     * @param <E> the epoch figures
     */
    public interface Job<B, E extends EpochRecord> {
        /**
         * The batches of one epoch, in the order they run. {@code random} is the epoch's generator; the steps
         * draw from the same one after this returns, so draw everything here first (crops, shuffles).
         */
        List<B> batches(int epoch, Random random);

        /**
         * Forward and backward of one batch, then {@link Update#apply} once per optimiser update the batch
         * makes (once for a plain batch, once per window for truncated BPTT).
         */
        void step(B batch, Update update, Random random);

        /** The figures after an epoch; {@code trainLoss} is the mean over the updates applied (NaN if none). */
        E score(int epoch, double trainLoss);

        /** Reads back {@link EpochRecord#toRow()} from a checkpoint. */
        E fromRow(double[] row);

        /**
         * After each epoch (the last of {@code history}, which holds a resumed run's earlier epochs too), with
         * whether it is the best so far: e.g. save the model, write metrics.csv.
         */
        default void epochDone(List<E> history, boolean best) throws IOException {}

        /** Tensors to keep in a checkpoint besides the checkpointed model's weights (e.g. an encoder's). */
        default void saveState(Map<String, Tensor> tensors) {}

        /** Puts back what {@link #saveState} kept. */
        default void restoreState(Map<String, Tensor> tensors) {}
    }

    /** Progress of a run, for people (the CLI draws bars or writes log lines from it). All optional. */
    public interface Listener {
        /** The run starts at {@code firstEpoch} (1, or the epoch after a resumed checkpoint) of {@code epochs}. */
        default void started(int firstEpoch, int epochs) {}

        default void epochStarted(int epoch, int batches) {}

        /** After batch {@code batch} (1-based) of the epoch; {@code runningLoss}: the epoch's mean loss so far. */
        default void batchDone(int epoch, int batch, double runningLoss) {}

        default void epochDone(EpochRecord epoch, boolean best) {}

        /** No progress reported. */
        Listener NONE = new Listener() {};
    }

    /**
     * @param epochs   the last epoch
     * @param patience stop after this many epochs without a lower {@link EpochRecord#monitored()} value (0: never)
     * @param clip     global gradient-norm limit of each update
     * @param seed     the run's seed: every epoch's generator derives from it
     * @param schedule the learning rate of each epoch, as a factor of the optimizer's rate when the run starts
     * @param averageLast 0, or the run's weights are the mean of the weights after each of its last
     *                 {@code averageLast} epochs (stochastic weight averaging, Izmailov et al. 2018) instead of
     *                 the best epoch's; needs a fixed number of epochs ({@code patience} 0)
     */
    public record Settings(int epochs, int patience, double clip, long seed, LearningRateSchedule schedule, int averageLast) {
        /** A constant learning rate. */
        public Settings(int epochs, int patience, double clip, long seed) {
            this(epochs, patience, clip, seed, LearningRateSchedule.CONSTANT);
        }

        /** The best epoch's weights, no averaging. */
        public Settings(int epochs, int patience, double clip, long seed, LearningRateSchedule schedule) {
            this(epochs, patience, clip, seed, schedule, 0);
        }

        public Settings {
            java.util.Objects.requireNonNull(schedule, "schedule");
            if (epochs < 1) throw new IllegalArgumentException("--epochs must be at least 1, got " + epochs);
            if (patience < 0) throw new IllegalArgumentException("--patience must be >= 0, got " + patience);
            if (!(clip > 0)) throw new IllegalArgumentException("--clip must be > 0, got " + clip);
            if (averageLast < 0 || averageLast > epochs) {
                throw new IllegalArgumentException("--average-epochs must be in 0.." + epochs + " (the epochs), got " + averageLast);
            }
            if (averageLast > 0 && patience > 0) {
                throw new IllegalArgumentException("--average-epochs averages the last epochs of a fixed run; it cannot be combined with --patience");
            }
        }

        /** The first epoch whose weights go into the average (past the last when there is no averaging). */
        int firstAveraged() { return epochs - averageLast + 1; }
    }

    /**
     * What a run produced; the parameters hold the best epoch's weights (or, with {@link Settings#averageLast},
     * the average of the last epochs' weights).
     *
     * @param bestEpoch    0 when no epoch had a finite monitored value
     * @param stoppedEarly patience ran out before the last epoch
     * @param skipped      optimiser updates skipped for a non-finite loss or gradient (all epochs)
     * @param counted      the count summed over the updates applied (all epochs; e.g. segments trained on)
     */
    public record Result<E>(List<E> history, int bestEpoch, double bestMonitored, boolean stoppedEarly, long skipped, long counted) {
        public E best() { return history.get(bestEpoch - 1); }
    }

    /** What a step hands each optimiser update to: it clips, guards, steps the optimiser and clears the gradients. */
    public static final class Update {
        private final List<Param> params;
        private final Optimizer optimizer;
        private final double clip;
        private final boolean skipNonFinite;
        private int epoch;
        private double lossSum;
        private long count, skipped, counted;

        private Update(List<Param> params, Optimizer optimizer, double clip, boolean skipNonFinite) {
            this.params = params;
            this.optimizer = optimizer;
            this.clip = clip;
            this.skipNonFinite = skipNonFinite;
        }

        /**
         * Applies the gradients accumulated since the last update. {@code lossSum}: the loss summed over the
         * {@code count} items (rows, steps) it covers. Returns false when the update was skipped for a
         * non-finite loss or gradient (then nothing of it counts).
         */
        public boolean apply(double lossSum, long count) {
            double norm = GradientClipping.clipGlobalNorm(params, clip);
            boolean lossBad = !Double.isFinite(lossSum), gradBad = !Double.isFinite(norm);
            if (lossBad || gradBad) {
                // no update from these gradients: the weights stay those of the last good step
                if (!skipNonFinite) {
                    throw lossBad ? new NonFiniteLossException("the training loss", lossSum / count, epoch, optimizer.steps() + 1)
                            : new NonFiniteLossException("the gradient norm", norm, epoch, optimizer.steps() + 1);
                }
                skipped++;
                optimizer.zeroGrad();
                return false;
            }
            optimizer.step();
            optimizer.zeroGrad();
            this.lossSum += lossSum;
            this.count += count;
            counted += count;
            return true;
        }

        private double meanLoss() { return count == 0 ? Double.NaN : lossSum / count; }
    }

    private static final String BEST_LOSS = "best_loss", BEST_EPOCH = "best_epoch", SINCE_BEST = "since_best",
            STOPPED = "stopped", COUNTED = "counted", SKIPPED = "skipped", HISTORY = "history";

    /** {@link #run(Sequential, List, Optimizer, Settings, Job, Listener, Durability)} without checkpoints. */
    public static <B, E extends EpochRecord> Result<E> run(Sequential model, List<Param> params, Optimizer optimizer, Settings s,
                                                           Job<B, E> job, Listener listener) {
        try {
            return run(model, params, optimizer, s, job, listener, Durability.NONE);
        } catch (IOException e) {
            throw new UncheckedIOException(e);   // only a job's epochDone writes files without a sink
        }
    }

    /**
     * Trains {@code params} (the optimizer's) for up to {@code s.epochs()} epochs.
     *
     * @param model the network a checkpoint holds as its model (resumed weights go back into it); for a
     *              model of several networks, the job keeps the others' weights with {@link Job#saveState}
     */
    public static <B, E extends EpochRecord> Result<E> run(Sequential model, List<Param> params, Optimizer optimizer, Settings s,
                                                           Job<B, E> job, Listener listener, Durability d) throws IOException {
        Update update = new Update(params, optimizer, s.clip(), d.skipNonFinite());
        double initialRate = optimizer.learningRate();   // read before a resume restores the last epoch's rate
        List<E> history = new ArrayList<>();
        float[][] best = ParamSnapshot.take(params);
        double bestLoss = Double.POSITIVE_INFINITY;
        int bestEpoch = 0, sinceBest = 0, first = 1;
        boolean stopped = false;
        if (d.resumeFrom() != null) {
            TrainingState r = d.resumeFrom().state();
            Progress p = new Progress(d.resumeFrom().source(), r.progress());
            r.requireSeed(s.seed());
            d.restoreWeights(model);
            job.restoreState(r.tensors());
            r.restore(optimizer);
            best = ParamSnapshot.loadFrom(r.tensors(), params);
            bestLoss = p.number(BEST_LOSS);
            bestEpoch = (int) p.integer(BEST_EPOCH);
            sinceBest = (int) p.integer(SINCE_BEST);
            stopped = p.bool(STOPPED);
            update.skipped = p.integer(SKIPPED);
            update.counted = p.integer(COUNTED);
            for (double[] row : p.rows(HISTORY)) history.add(job.fromRow(row));
            first = Math.toIntExact(r.epoch()) + 1;
        }
        optimizer.zeroGrad();
        listener.started(first, s.epochs());
        for (int epoch = first; epoch <= s.epochs() && !stopped; epoch++) {
            Random random = Seeds.forEpoch(s.seed(), epoch);
            if (s.schedule() != LearningRateSchedule.CONSTANT) optimizer.setLearningRate(initialRate * s.schedule().factor(epoch, s.epochs()));
            update.epoch = epoch;
            update.lossSum = 0;
            update.count = 0;
            List<B> batches = job.batches(epoch, random);
            listener.epochStarted(epoch, batches.size());
            for (int b = 0; b < batches.size(); b++) {
                job.step(batches.get(b), update, random);
                listener.batchDone(epoch, b + 1, update.meanLoss());
            }
            E e = job.score(epoch, update.meanLoss());
            if (!Double.isFinite(e.monitored()) && !d.skipNonFinite()) {
                throw new NonFiniteLossException("the validation loss", e.monitored(), epoch, optimizer.steps());
            }
            history.add(e);
            boolean improved = e.monitored() < bestLoss;
            if (improved) {
                bestLoss = e.monitored();
                bestEpoch = epoch;
                if (s.averageLast() == 0) best = ParamSnapshot.take(params);
                sinceBest = 0;
            } else {
                sinceBest++;
            }
            // With averaging, the kept snapshot (and the checkpoint's copy of it) is the running mean instead
            if (epoch >= s.firstAveraged()) ParamSnapshot.addToMean(best, params, epoch - s.firstAveraged() + 1);
            stopped = s.patience() > 0 && sinceBest >= s.patience();
            listener.epochDone(e, improved);
            job.epochDone(java.util.Collections.unmodifiableList(history), improved);
            long ep = epoch;
            Map<String, Object> progress = new LinkedHashMap<>();
            progress.put(BEST_LOSS, Durability.json(bestLoss));
            progress.put(BEST_EPOCH, bestEpoch);
            progress.put(SINCE_BEST, sinceBest);
            progress.put(STOPPED, stopped);
            progress.put(SKIPPED, update.skipped);
            progress.put(COUNTED, update.counted);
            List<List<Object>> rows = new ArrayList<>();
            for (E h : history) {
                List<Object> row = new ArrayList<>();
                for (double v : h.toRow()) row.add(Durability.json(v));
                rows.add(row);
            }
            progress.put(HISTORY, rows);
            float[][] bestNow = best;
            d.checkpoint(model, epoch, stopped || epoch == s.epochs(), () -> {
                Map<String, Tensor> tensors = new LinkedHashMap<>();
                job.saveState(tensors);
                ParamSnapshot.saveTo(tensors, bestNow);
                return TrainingState.of(ep, s.seed(), optimizer, tensors, progress);
            });
        }
        ParamSnapshot.restore(params, best);
        boolean early = stopped && !history.isEmpty() && history.getLast().epoch() < s.epochs();
        return new Result<>(List.copyOf(history), bestEpoch, bestLoss, early, update.skipped, update.counted);
    }

    /**
     * Checks that a checkpoint's progress record holds what {@link #run} reads back, so a damaged one is refused
     * (one message naming the file and the value) before anything else happens.
     */
    public static void checkResumable(Durability.Resume r) {
        Progress p = new Progress(r.source(), r.state().progress());
        p.number(BEST_LOSS);
        p.integer(BEST_EPOCH);
        p.integer(SINCE_BEST);
        p.bool(STOPPED);
        p.integer(SKIPPED);
        p.integer(COUNTED);
        p.rows(HISTORY);
    }

    /**
     * A checkpoint's progress values, read with messages that name the checkpoint's progress file when one is
     * missing or malformed.
     */
    private record Progress(String source, Map<String, Object> values) {
        private Object get(String key) {
            Object v = values.get(key);
            if (v == null) throw bad("\"" + key + "\" is missing");
            return v;
        }

        private IllegalArgumentException bad(String what) {
            return new IllegalArgumentException(source + "/progress.json: damaged progress record: " + what);
        }

        double number(String key) {
            try {
                return Durability.number(get(key));
            } catch (IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(source)) throw e;
                throw bad("\"" + key + "\" must be a number, got " + values.get(key));
            }
        }

        long integer(String key) {
            if (!(get(key) instanceof Number n) || n instanceof Double || n instanceof Float) {
                throw bad("\"" + key + "\" must be an integer, got " + values.get(key));
            }
            return n.longValue();
        }

        boolean bool(String key) {
            if (!(get(key) instanceof Boolean b)) throw bad("\"" + key + "\" must be true or false, got " + values.get(key));
            return b;
        }

        List<double[]> rows(String key) {
            try {
                return Durability.rows(get(key));
            } catch (ClassCastException | IllegalArgumentException e) {
                if (e.getMessage() != null && e.getMessage().startsWith(source)) throw e;
                throw bad("\"" + key + "\" must be a list of rows of numbers");
            }
        }
    }
}
