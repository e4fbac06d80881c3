package dev.recur.midi;

import dev.recur.midi.MelodyFeatures.Feature;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Known answers of every melody feature on hand-made melodies, and of the distribution overlap. */
class MelodyFeaturesTest {
    private static final double EPS = 1e-9;

    private static MelodyFeatures features(String text) { return MelodyFeatures.of(NoteText.parse(text, 4), 16); }

    private static String quarters(String... notes) {
        StringBuilder sb = new StringBuilder();
        for (String n : notes) sb.append(n).append(" - - - ");
        return sb + ".";
    }

    @Test void majorScale() {
        MelodyFeatures f = features(quarters("C4", "D4", "E4", "F4", "G4", "A4", "B4", "C5"));
        assertEquals(12, f.get(Feature.PITCH_RANGE), EPS);
        assertEquals(12.0 / 7, f.get(Feature.MEAN_INTERVAL), EPS);
        assertEquals(0, f.get(Feature.LEAP_SHARE), EPS);
        // C twice, six others once: -(2/8 log2 2/8) - 6 (1/8 log2 1/8) = 0.5 + 2.25
        assertEquals(2.75, f.get(Feature.PITCH_CLASS_ENTROPY), EPS);
        assertEquals(1.0, f.get(Feature.IN_SCALE_SHARE), EPS);
        assertEquals(1.0, f.get(Feature.NOTES_PER_BEAT), EPS);
        // intervals 2 2 1 2 2 2 1: the four 4-interval windows are all different
        assertEquals(0, f.get(Feature.MOTIF_REPETITION), EPS);
        // bar 2 (G A B C) shares no step state with bar 1 (C D E F): onsets align but pitches differ
        assertEquals(0, f.get(Feature.BAR_SIMILARITY), EPS);
    }

    @Test void repeatedMotif() {
        String bar = quarters("C4", "D4", "E4", "C4").replace(" .", "");
        MelodyFeatures f = features(bar + " " + bar + " " + bar + " " + bar + " .");
        assertEquals(4, f.get(Feature.PITCH_RANGE), EPS);
        assertEquals(32.0 / 15, f.get(Feature.MEAN_INTERVAL), EPS);     // (2+2+4+0)·3 + 2+2+4 over 15 intervals
        assertEquals(1.5, f.get(Feature.PITCH_CLASS_ENTROPY), EPS);      // C 1/2, D 1/4, E 1/4
        assertEquals(1.0, f.get(Feature.IN_SCALE_SHARE), EPS);
        assertEquals(1.0, f.get(Feature.MOTIF_REPETITION), EPS);         // every window recurs four notes later
        assertEquals(1.0, f.get(Feature.BAR_SIMILARITY), EPS);           // every bar repeats the first
        assertEquals(0, f.get(Feature.LEAP_SHARE), EPS);
    }

    @Test void chromaticRun() {
        MelodyFeatures f = features("C4 C#4 D4 D#4 E4 F4 F#4 G4 G#4 A4 A#4 B4 .");
        assertEquals(11, f.get(Feature.PITCH_RANGE), EPS);
        assertEquals(1, f.get(Feature.MEAN_INTERVAL), EPS);
        assertEquals(Math.log(12) / Math.log(2), f.get(Feature.PITCH_CLASS_ENTROPY), EPS);
        assertEquals(7.0 / 12, f.get(Feature.IN_SCALE_SHARE), EPS);
        assertEquals(4.0, f.get(Feature.NOTES_PER_BEAT), EPS);           // sixteenth notes
        assertEquals(1.0, f.get(Feature.MOTIF_REPETITION), EPS);         // (1,1,1,1) eight times
        assertTrue(Double.isNaN(f.get(Feature.BAR_SIMILARITY)));         // a single bar
    }

    @Test void singleHeldNote() {
        MelodyFeatures f = features("G4 " + "- ".repeat(31) + ".");
        assertEquals(0, f.get(Feature.PITCH_RANGE), EPS);
        assertTrue(Double.isNaN(f.get(Feature.MEAN_INTERVAL)));
        assertTrue(Double.isNaN(f.get(Feature.LEAP_SHARE)));
        assertTrue(Double.isNaN(f.get(Feature.MOTIF_REPETITION)));
        assertEquals(0, f.get(Feature.PITCH_CLASS_ENTROPY), EPS);
        assertEquals(1.0, f.get(Feature.IN_SCALE_SHARE), EPS);
        assertEquals(1.0 / 8, f.get(Feature.NOTES_PER_BEAT), EPS);       // one note over 8 beats
        assertEquals(15.0 / 16, f.get(Feature.BAR_SIMILARITY), EPS);     // the same pitch, but no onset at bar 2's start
    }

    @Test void leapsAndRestsBetweenNotes() {
        MelodyFeatures f = features("C4 . G4 . C5 . D4 .");
        assertEquals((7 + 5 + 10) / 3.0, f.get(Feature.MEAN_INTERVAL), EPS);
        assertEquals(1.0 / 3, f.get(Feature.LEAP_SHARE), EPS);           // only C5 → D4 is over a fifth
        assertEquals(4.0 / 7 * 4, f.get(Feature.NOTES_PER_BEAT), EPS);   // 4 notes from step 0 to step 7
    }

    @Test void emptyMelodyIsUndefinedNotAnError() {
        MelodyFeatures f = MelodyFeatures.of(new Melody(new int[0], 4), 16);
        for (Feature x : Feature.values()) assertTrue(Double.isNaN(f.get(x)), x.key());
    }

    @Test void overlapOfIdenticalSetsIsOneAndOfDistantSetsZero() {
        double[] a = {1, 2, 2.5, 3, 4};
        assertEquals(1.0, MelodySetComparison.overlap(a, a), 1e-3);
        assertEquals(0.0, MelodySetComparison.overlap(a, new double[] {101, 102, 103}), 1e-9);
        assertEquals(1.0, MelodySetComparison.overlap(new double[] {5, 5}, new double[] {5}), 0);
        assertEquals(0.0, MelodySetComparison.overlap(new double[] {0, 0}, new double[] {1, 1}), 1e-6);
    }

    @Test void overlapOfTwoGaussianKernelsHasItsClosedForm() {
        // Two unit Gaussians d apart overlap by 2 Φ(−d/2); Φ(−0.5) = 0.30853753872598688
        double oa = MelodySetComparison.overlap(new double[] {0}, 1, new double[] {1}, 1);
        assertEquals(2 * 0.30853753872598688, oa, 1e-6);
    }

    @Test void overlapOfLargeSamplesApproachesTheDistributions() {
        Random r = new Random(1);
        double[] a = new double[2000], b = new double[2000];
        for (int i = 0; i < a.length; i++) { a[i] = r.nextGaussian(); b[i] = 1 + r.nextGaussian(); }
        assertEquals(2 * 0.30853753872598688, MelodySetComparison.overlap(a, b), 0.04);
    }

    @Test void comparisonMeansAndMeanOverlap() {
        List<MelodyFeatures> ref = new ArrayList<>(), gen = new ArrayList<>();
        ref.add(features(quarters("C4", "D4", "E4", "F4", "G4", "A4", "B4", "C5")));
        ref.add(features("C4 C#4 D4 D#4 E4 F4 F#4 G4 G#4 A4 A#4 B4 ."));
        gen.add(features("C4 C#4 D4 D#4 E4 F4 F#4 G4 G#4 A4 A#4 B4 ."));
        MelodySetComparison c = MelodySetComparison.of(ref, gen);
        MelodySetComparison.Row range = c.row(Feature.PITCH_RANGE);
        assertEquals(11.5, range.referenceMean(), EPS);
        assertEquals(Math.sqrt(0.5), range.referenceSd(), EPS);
        assertEquals(11, range.generatedMean(), EPS);
        assertEquals(0, range.generatedSd(), EPS);
        assertEquals(1, c.row(Feature.BAR_SIMILARITY).referenceCount());  // the chromatic run has one bar: undefined
        assertTrue(Double.isNaN(c.row(Feature.BAR_SIMILARITY).overlap()));
        double sum = 0;
        int n = 0;
        for (MelodySetComparison.Row row : c.rows()) if (!Double.isNaN(row.overlap())) { sum += row.overlap(); n++; }
        assertEquals(sum / n, c.meanOverlap(), EPS);
        assertEquals(7, n);
    }
}
