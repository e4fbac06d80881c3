package dev.recur.app.genre;

import dev.recur.data.Segments;
import dev.recur.nn.Param;
import dev.recur.train.Durability;
import dev.recur.train.NonFiniteLossException;
import dev.recur.train.TrainingState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** A NaN in the training data: the classifier's training stops naming epoch and step, or skips the batches. */
class ClassifierTrainerNonFiniteTest {
    static final ClassifierConfig C = new ClassifierConfig("gru", 1, 5, false, 0, 0.0, "mean", 3, 4, 1e-2, 0, 1.0, 0, 1, false, 9);

    /** Eight random tracks of two classes, 20 frames each; track 5 has a NaN in every frame, so each of its crops does. */
    static List<float[][]> tracks() {
        Random r = new Random(1);
        List<float[][]> out = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            float[][] m = new float[20][3];
            for (float[] row : m) for (int j = 0; j < 3; j++) row[j] = (float) r.nextGaussian() + (t % 2);
            out.add(m);
        }
        for (float[] row : out.get(5)) row[1] = Float.NaN;
        return out;
    }

    static final int[] LABELS = {0, 1, 0, 1, 0, 1, 0, 1};
    static final Segments NO_VALIDATION = new Segments(List.of(), new int[0], List.of());

    @Test void stopsWithEpochAndStepAndWritesNoCheckpointAfterIt() {
        List<TrainingState> saved = new ArrayList<>();
        Durability d = new Durability(null, 1, (m, s) -> saved.add(s), false);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> ClassifierTrainer.train(C, tracks(), LABELS, NO_VALIDATION, 2, 10, dev.recur.train.Fit.Listener.NONE, d));
        assertEquals(1, e.epoch());
        assertTrue(e.step() >= 1 && e.step() <= 4, "step " + e.step());   // 16 crops in batches of 4
        assertTrue(e.getMessage().contains("at epoch 1, step " + e.step()), e.getMessage());
        assertTrue(saved.isEmpty());
    }

    @Test void skipsTheBadBatchesWhenAsked() throws IOException {
        List<TrainingState> saved = new ArrayList<>();
        Durability d = new Durability(null, 1, (m, s) -> saved.add(s), true);
        ClassifierTrainer.Result r = ClassifierTrainer.train(C, tracks(), LABELS, NO_VALIDATION, 2, 10, dev.recur.train.Fit.Listener.NONE, d);
        assertEquals(3, r.history().size());
        assertEquals(3, saved.size());
        long skipped = ((Number) saved.getLast().progress().get("skipped")).longValue();
        assertEquals(skipped, r.skipped());
        assertTrue(skipped >= 3 && skipped <= 6, "the NaN track's two crops spoil one or two batches an epoch: " + skipped);
        assertEquals(3L * 16 - 4 * skipped, r.segmentsSeen(), "only the good batches count");
        for (Param p : r.model().params()) for (float v : p.value().data()) assertTrue(Float.isFinite(v), p.name());
        for (ClassifierTrainer.Epoch e : r.history()) assertTrue(Double.isFinite(e.trainLoss()));
    }
}
