package dev.recur.cli;

import dev.recur.app.genre.ClassifierConfig;
import dev.recur.audio.FeatureSettings;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import static org.junit.jupiter.api.Assertions.*;

/** train-classifier's options give ClassifierConfig.defaults() untouched, and flags mean what they say. */
class TrainClassifierOptionsTest {
    static TrainClassifierCommand parse(String... args) {
        TrainClassifierCommand c = new TrainClassifierCommand();
        new CommandLine(c).parseArgs(args);
        return c;
    }

    @Test void defaultsAreTheLibraryDefaults() {
        TrainClassifierCommand c = parse("data", "--out", "m");
        assertEquals(ClassifierConfig.defaults(), c.config(ClassifierConfig.defaults().seed()));
        assertEquals(FeatureSettings.logMel(64).withDeltas(true), c.features());
    }

    @Test void booleanFlagsSetAndClear() {
        assertTrue(parse("data", "--masking").masking);
        assertFalse(parse("data", "--no-masking").masking);
        assertTrue(parse("data", "--bidirectional").bidirectional);
        assertFalse(parse("data", "--no-bidirectional").bidirectional);
        assertTrue(parse("data", "--deltas").deltas);
        assertFalse(parse("data", "--no-deltas").deltas);
        assertEquals(FeatureSettings.defaults(), parse("data", "--frames", "mfcc", "--no-deltas").features());
    }
}
