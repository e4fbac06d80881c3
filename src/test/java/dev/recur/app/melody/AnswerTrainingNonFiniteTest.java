package dev.recur.app.melody;

import dev.recur.nn.Embedding;
import dev.recur.nn.Param;
import dev.recur.train.Durability;
import dev.recur.train.Fit;
import dev.recur.train.NonFiniteLossException;
import dev.recur.train.TrainingState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Answer mode trains through the one loop ({@link Fit}), so it has the non-finite guard: a NaN reaching the
 * loss stops training naming epoch and step, or with --skip-nonfinite those batches are skipped.
 */
class AnswerTrainingNonFiniteTest {
    static final MelodyEncoding ENC = AnswerModelTest.SMALL;
    /** A call token no clean pair uses; its encoder embedding row is poisoned with NaN. */
    static final int BAD = 13;
    static final TrainOptions O = TrainOptions.DEFAULT.withArchitecture(new MelodyModel.Architecture(5, 1, 4, 0f)).withEpochs(2)
            .withBatch(1).withLr(0.01);

    static AnswerModel poisoned() {
        AnswerModel m = AnswerModel.create(ENC, O.architecture(), 3);
        Embedding e = (Embedding) m.encoder().layers().getFirst();
        int dim = e.outputSize();
        Arrays.fill(e.weight().value().data(), BAD * dim, (BAD + 1) * dim, Float.NaN);
        return m;
    }

    static List<AnswerTraining.Pair> train() {
        List<AnswerTraining.Pair> p = new ArrayList<>(AnswerModelTest.somePairs());
        p.add(new AnswerTraining.Pair(new int[] {2, BAD, 5}, new int[] {4, 0, 7}));
        return p;
    }

    @Test void stopsWithEpochAndStepAndWritesNoCheckpointAfterIt() {
        List<TrainingState> saved = new ArrayList<>();
        Durability d = new Durability(null, 1, (m, s) -> saved.add(s), false);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> AnswerTraining.fit(poisoned(), train(), AnswerModelTest.somePairs(), O, (h, b) -> {}, Fit.Listener.NONE, d));
        assertEquals(1, e.epoch());
        assertTrue(e.getMessage().startsWith("the training loss is NaN at epoch 1, step " + e.step()), e.getMessage());
        assertTrue(saved.isEmpty());
    }

    @Test void skipsTheBadBatchesWhenAsked() throws IOException {
        List<TrainingState> saved = new ArrayList<>();
        AnswerModel m = poisoned();
        Fit.Result<EpochMetrics> r = AnswerTraining.fit(m, train(), AnswerModelTest.somePairs(), O, (h, b) -> {}, Fit.Listener.NONE,
                new Durability(null, 1, (mm, s) -> saved.add(s), true));
        assertEquals(2, r.history().size());
        assertEquals(2, r.skipped(), "the poisoned pair's batch, once per epoch");
        assertEquals(2L * 2, saved.getLast().step(), "the two clean batches of each epoch were applied");
        for (EpochMetrics e : r.history()) assertTrue(Double.isFinite(e.trainLoss()) && Double.isFinite(e.valLoss()), e.toString());
        Param poisonedRow = ((Embedding) m.encoder().layers().getFirst()).weight();
        for (Param p : m.decoder().network().params()) for (float v : p.value().data()) assertTrue(Float.isFinite(v), p.name());
        for (Param p : m.encoder().params()) {
            if (p == poisonedRow) continue;
            for (float v : p.value().data()) assertTrue(Float.isFinite(v), p.name());
        }
    }
}
