package dev.recur.app.series;

import dev.recur.series.MissingFill;
import dev.recur.series.SeriesSpec;
import dev.recur.series.WindowSet;
import dev.recur.series.WindowSpec;
import dev.recur.nn.Sequential;
import dev.recur.tensor.Tensor;
import dev.recur.train.NonFiniteLossException;
import dev.recur.train.TrainingState;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** A NaN in the data stops training with the epoch and step named, or the batch is skipped on request. */
class NonFiniteTrainingTest {

    private static WindowSet windows(int n, long seed, int nanAt) {
        Random r = new Random(seed);
        float[] in = new float[n * 4], out = new float[n];
        for (int i = 0; i < n; i++) {
            for (int s = 0; s < 4; s++) in[i * 4 + s] = (float) r.nextGaussian();
            out[i] = in[i * 4 + 3];
        }
        if (nanAt >= 0) in[nanAt * 4 + 1] = Float.NaN;
        int[] starts = new int[n];
        for (int i = 0; i < n; i++) starts[i] = i;
        return new WindowSet(Tensor.of(in, n, 4, 1), Tensor.of(out, n, 1), starts);
    }

    private static Sequential model() {
        SeriesSpec spec = new SeriesSpec(List.of("y"), List.of(), null, new WindowSpec(4, 1), 0.7, 0.15, MissingFill.NONE, null);
        return SeriesModel.build(spec, SeriesModel.Cell.GRU, 4, 1, 9);
    }

    @Test void stopsNamingEpochAndStepAndKeepsTheLastCheckpoint() {
        WindowSet train = windows(40, 1, 37), val = windows(10, 2, -1);
        List<TrainingState> saved = new ArrayList<>();
        SeriesTrainer.Settings s = new SeriesTrainer.Settings(3, 0.01, 8, 4, 10, 1.0);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class, () -> SeriesTrainer.train(model(), train, val, s, null,
                new dev.recur.train.Durability(null, 1, (mm, st) -> saved.add(st), false)));
        assertEquals(1, e.epoch());
        assertTrue(e.step() >= 1 && e.step() <= 5, "step " + e.step());
        assertTrue(e.getMessage().contains("the training loss is NaN at epoch 1, step " + e.step()), e.getMessage());
        assertTrue(e.getMessage().contains("--skip-nonfinite"), e.getMessage());
        assertTrue(saved.isEmpty(), "no checkpoint after a non-finite step");
    }

    @Test void skipsTheBadBatchWhenAsked() throws Exception {
        WindowSet train = windows(40, 1, 37), val = windows(10, 2, -1);
        List<TrainingState> saved = new ArrayList<>();
        Sequential m = model();
        SeriesTrainer.Settings s = new SeriesTrainer.Settings(3, 0.01, 8, 4, 10, 1.0);
        SeriesTrainer.Result r = SeriesTrainer.train(m, train, val, s, null, new dev.recur.train.Durability(null, 1, (mm, st) -> saved.add(st), true));
        assertEquals(3, r.history().size());
        for (SeriesTrainer.Epoch e : r.history()) assertTrue(Double.isFinite(e.trainLoss()) && Double.isFinite(e.validationLoss()), e.toString());
        for (var p : m.params()) for (float v : p.value().data()) assertTrue(Float.isFinite(v));
        assertEquals(3, saved.size());
        // one batch of 5 per epoch holds the NaN window: 4 steps per epoch
        assertEquals(12, saved.getLast().step());
        assertEquals(3L, ((Number) saved.getLast().progress().get("skipped")).longValue());
    }
}
