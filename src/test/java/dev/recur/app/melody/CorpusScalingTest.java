package dev.recur.app.melody;

import dev.recur.data.MelodyDataset;
import dev.recur.midi.Melody;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CorpusScalingTest {
    private static final MelodyEncoding ENC = MelodyEncoding.DEFAULT;
    private static final Set<CorpusScaling.Setting> NONE = EnumSet.noneOf(CorpusScaling.Setting.class);

    /** {@code count} melodies of {@code steps} steps each: a scale in quarter notes. */
    private static List<MelodyDataset.Item> corpus(int count, int steps) {
        List<MelodyDataset.Item> items = new ArrayList<>();
        int[] scale = {60, 62, 64, 65, 67, 69, 71, 72};
        for (int i = 0; i < count; i++) {
            int[] events = new int[steps];
            for (int s = 0; s < steps; s++) events[s] = s % 4 == 0 ? scale[(s / 4) % scale.length] : Melody.NO_EVENT;
            items.add(new MelodyDataset.Item(Path.of("tune-" + i + ".mid"), new Melody(events, ENC.stepsPerQuarter())));
        }
        return items;
    }

    @Test void aCorpusAsLargeAsTheDevelopmentOneGetsExactlyTodaysDefaults() {
        // ~/recur-data/midi: 68 training files, 126,116 events; 32 windows of 256 steps make about 70 updates an epoch.
        CorpusScaling.Chosen c = CorpusScaling.choose(TrainOptions.DEFAULT, NONE, ENC, corpus(68, 1855));
        assertEquals(126_140, c.events());
        assertEquals(false, c.small());
        assertEquals(TrainOptions.DEFAULT, c.options());
        assertTrue(c.description().startsWith("large corpus (126,140 training events): 2 × LSTM 256, dropout 0.20, batch 32, window 256"),
                c.description());
    }

    @Test void aMidSizedCorpusKeepsTheModelButCapsTheBatchSoAnEpochMakesEnoughUpdates() {
        // 10 × 2,500 events: 10 × (10 + 1) windows of 256 steps, 4 BPTT chunks each: 440 chunks, 64 updates at batch 6.
        CorpusScaling.Chosen c = CorpusScaling.choose(TrainOptions.DEFAULT, NONE, ENC, corpus(10, 2500));
        assertEquals(TrainOptions.DEFAULT.withBatch(6), c.options());
        assertEquals(6, CorpusScaling.cappedBatch(ENC.sequences(corpus(10, 2500)), 32, 256, 64));
        assertEquals(1, CorpusScaling.cappedBatch(List.of(new int[100]), 32, 256, 64));
    }

    @Test void aSmallCorpusGetsASmallerModelOneWindowPerUpdateAndItsOctaves() {
        // samples/midi: 20 training tunes, 3,030 events.
        CorpusScaling.Chosen c = CorpusScaling.choose(TrainOptions.DEFAULT, NONE, ENC, corpus(20, 150));
        TrainOptions o = c.options();
        assertTrue(c.small());
        assertEquals(new MelodyModel.Architecture(128, 2, 64, 0f), o.architecture());
        assertEquals(1, o.batch());
        assertEquals(64, o.window());
        assertEquals(64, o.bptt());
        assertEquals(0.005, o.lr());
        assertEquals(80, o.epochs());
        assertEquals(20, o.patience());
        assertTrue(o.augment());
        assertTrue(c.description().endsWith("lr 0.005, up to 80 epochs (patience 20), octave copies"), c.description());
    }

    @Test void givenSettingsAreKeptAndAsPlayedTrainingIsNotAugmentedUnasked() {
        TrainOptions given = TrainOptions.DEFAULT.withBatch(8).withLr(0.002)
                .withArchitecture(new MelodyModel.Architecture(64, 2, 64, 0.3f));
        CorpusScaling.Chosen c = CorpusScaling.choose(given,
                EnumSet.of(CorpusScaling.Setting.BATCH, CorpusScaling.Setting.LR, CorpusScaling.Setting.UNITS, CorpusScaling.Setting.DROPOUT),
                ENC, corpus(20, 150));
        assertEquals(8, c.options().batch());
        assertEquals(0.002, c.options().lr());
        assertEquals(new MelodyModel.Architecture(64, 2, 64, 0.3f), c.options().architecture());
        assertEquals(64, c.options().window());
        assertTrue(c.description().endsWith("; given: --units, --dropout, --batch, --lr"), c.description());

        MelodyEncoding asPlayed = new MelodyEncoding(ENC.vocabulary(), ENC.stepsPerQuarter(), ENC.stepsPerBar(), false);
        assertEquals(false, CorpusScaling.choose(TrainOptions.DEFAULT, NONE, asPlayed, corpus(20, 150)).options().augment());
    }

    @Test void aSmallCorpusSamplesItsPitchesCooler() {
        assertEquals(0.5, CorpusScaling.pitchTemperature(3_030));
        assertEquals(0.5, CorpusScaling.pitchTemperature(CorpusScaling.SMALL_EVENTS));
        assertEquals(0.9, CorpusScaling.pitchTemperature(126_116));
        // With the copy cache, hotter: it repeats earlier phrases, the network adds the new pitches.
        assertEquals(0.75, CorpusScaling.cachePitchTemperature(3_030));
        assertEquals(1.05, CorpusScaling.cachePitchTemperature(126_116));
        assertEquals(1.05, CorpusScaling.cachePitchTemperature(-1), "not known: a large corpus");
    }
}
