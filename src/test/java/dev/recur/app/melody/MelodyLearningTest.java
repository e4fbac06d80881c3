package dev.recur.app.melody;

import dev.recur.midi.Melody;
import dev.recur.midi.NoteText;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class MelodyLearningTest {
    /** Two bars of sixteenths with holds and a rest. */
    static final String PHRASE = "C4 - E4 - G4 - - - A4 G4 F4 - E4 - D4 - | "
            + "E4 - C4 - D4 - B3 - C4 - - - . - G3 -";

    @Test void aModelTrainedOnOneRepeatedMelodyReproducesItFromItsFirstBar() throws Exception {
        MelodyEncoding enc = MelodyEncoding.DEFAULT;
        Melody phrase = NoteText.parse(PHRASE, 4);
        int bar = enc.stepsPerBar();
        int[] one = enc.vocabulary().encode(phrase);
        int[] song = new int[one.length * 8];
        for (int i = 0; i < 8; i++) System.arraycopy(one, 0, song, i * one.length, one.length);

        MelodyModel model = MelodyModel.create(enc, new MelodyModel.Architecture(32, 1, 8, 0f), 1);
        TrainOptions o = TrainOptions.DEFAULT.withArchitecture(model.architecture()).withEpochs(150).withPatience(150)
                .withBatch(4).withWindow(64).withBptt(32).withLr(0.02);
        MelodyTrainer.Result r = MelodyTrainer.train(model, List.of(song), List.of(song), o, null);
        assertTrue(r.best().valAccuracy() > 0.95, "fits the melody: " + r.best());

        int[] primer = Arrays.copyOf(song, bar);
        int[] continuation = MelodyComposer.greedy(new MelodyGenerator(model), primer, 5 * bar, null);
        int[] want = Arrays.copyOfRange(song, bar, 6 * bar);
        assertEquals(NoteText.format(enc.vocabulary().decode(want, 4), bar),
                NoteText.format(enc.vocabulary().decode(continuation, 4), bar));
    }
}
