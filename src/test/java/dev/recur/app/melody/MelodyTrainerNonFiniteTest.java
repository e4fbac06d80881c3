package dev.recur.app.melody;

import dev.recur.midi.NoteText;
import dev.recur.nn.Param;
import dev.recur.train.Durability;
import dev.recur.train.NonFiniteLossException;
import dev.recur.train.TrainingState;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/** A NaN reaching the melody LSTM's loss: training stops naming epoch and step, or skips those BPTT windows. */
class MelodyTrainerNonFiniteTest {
    static final MelodyEncoding ENC = MelodyEncoding.DEFAULT;
    static final int[] CLEAN = ENC.vocabulary().encode(NoteText.parse(MelodyLearningTest.PHRASE, 4));
    /** A token the clean phrase never uses (C6); its embedding row is poisoned with NaN. */
    static final int BAD = ENC.vocabulary().id(84);

    static MelodyModel poisonedModel() {
        MelodyModel m = MelodyModel.create(ENC, new MelodyModel.Architecture(8, 1, 4, 0.1f), 2);
        float[] w = m.embedding().weight().value().data();
        int dim = m.embedding().outputSize();
        Arrays.fill(w, BAD * dim, (BAD + 1) * dim, Float.NaN);
        return m;
    }

    static List<int[]> train() {
        int[] bad = CLEAN.clone();
        bad[5] = BAD;
        return List.of(CLEAN, CLEAN, bad, CLEAN);
    }

    static final TrainOptions O = TrainOptions.DEFAULT.withArchitecture(new MelodyModel.Architecture(8, 1, 4, 0.1f)).withEpochs(2)
            .withBatch(1).withWindow(16).withBptt(8).withLr(0.01);

    @Test void stopsWithEpochAndStepAndWritesNoCheckpointAfterIt() {
        assertFalse(Arrays.stream(CLEAN).anyMatch(t -> t == BAD));
        List<TrainingState> saved = new ArrayList<>();
        Durability d = new Durability(null, 1, (m, s) -> saved.add(s), false);
        NonFiniteLossException e = assertThrows(NonFiniteLossException.class,
                () -> MelodyTrainer.train(poisonedModel(), train(), List.of(CLEAN), O, null, dev.recur.train.Fit.Listener.NONE, d));
        assertEquals(1, e.epoch());
        assertTrue(e.getMessage().startsWith("the training loss is NaN at epoch 1, step " + e.step()), e.getMessage());
        assertTrue(saved.isEmpty());
    }

    @Test void skipsTheBadWindowsWhenAsked() throws IOException {
        List<TrainingState> saved = new ArrayList<>();
        Durability d = new Durability(null, 1, (m, s) -> saved.add(s), true);
        MelodyModel model = poisonedModel();
        MelodyTrainer.Result r = MelodyTrainer.train(model, train(), List.of(CLEAN), O, null, dev.recur.train.Fit.Listener.NONE, d);
        assertEquals(2, r.history().size());
        assertEquals(2, saved.size());
        long skipped = ((Number) saved.getLast().progress().get("skipped")).longValue();
        assertEquals(skipped, r.skipped());
        assertTrue(skipped >= 2, "the poisoned sequence's windows are skipped each epoch: " + skipped);
        for (EpochMetrics m : r.history()) assertTrue(Double.isFinite(m.trainLoss()) && Double.isFinite(m.valLoss()), m.toString());
        for (Param p : model.network().params()) {
            if (p == model.embedding().weight()) continue;
            for (float v : p.value().data()) assertTrue(Float.isFinite(v), p.name());
        }
    }
}
