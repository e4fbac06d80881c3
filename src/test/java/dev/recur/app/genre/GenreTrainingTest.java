package dev.recur.app.genre;

import dev.recur.data.AudioDataset;
import dev.recur.data.Track;
import dev.recur.audio.FeatureSettings;
import dev.recur.samples.Style;
import dev.recur.samples.SynthDataset;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.*;

class GenreTrainingTest {
    static AudioDataset ds;
    static final ClassifierConfig SMALL = new ClassifierConfig("lstm", 1, 12, false, 0, 0.1, "mean", 8, 16, 1e-2, 1e-3, 1.0, 0, 2, true, 5);

    @BeforeAll static void data(@TempDir Path dir) throws Exception {
        SynthDataset.write(dir, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN, Style.AMBIENT), 6, 1.5, 11));
        ds = AudioDataset.load(dir, FeatureSettings.defaults(), AudioDataset.byFile());
    }

    static GenreTraining.Outcome train(ClassifierConfig c) {
        return GenreTraining.run(ds, FeatureSettings.defaults(), new GenreTraining.Options(0.5, 0.2, 0.34, 2, c), dev.recur.train.Fit.Listener.NONE);
    }

    @Test void learnsHeldOutTracksReproduciblyWithoutLeakage(@TempDir Path out) throws Exception {
        GenreTraining.Outcome a = train(SMALL), b = train(SMALL);
        // same seed, same run
        assertEquals(GenreTraining.metricsCsv(a.training().history()), GenreTraining.metricsCsv(b.training().history()));
        assertEquals(8, a.training().history().size());
        // every test segment comes from a test track, none of which was trained on
        Set<String> train = new HashSet<>(), test = new HashSet<>();
        a.split().train().forEach(t -> train.add(t.id()));
        a.split().test().forEach(t -> test.add(t.id()));
        train.retainAll(test);
        assertTrue(train.isEmpty());
        assertEquals(6, a.test().tracks().total());    // 2 of 6 tracks per class
        assertEquals(18, a.test().segments().total());  // 1.5 s = 64 frames = 3 segments of 21
        // three classes: chance is 33 %
        assertTrue(a.test().segmentAccuracy() >= 0.75, "test segment accuracy " + a.test().segmentAccuracy());
        assertTrue(a.baselineTest().segmentAccuracy() >= 0.75, "baseline " + a.baselineTest().segmentAccuracy());

        GenreTraining.write(a, out);
        for (String f : List.of("model.safetensors", "model.json", "metrics.csv", "loss.png", "split.csv", "test_report.txt",
                "test_confusion_tracks.png", "baseline_test_report.txt", "comparison.csv")) {
            assertTrue(Files.size(out.resolve(f)) > 0, f);
        }
        GenreClassifier back = GenreClassifier.load(out);
        assertEquals(ds.labels(), back.labels());
        assertEquals(21, back.segmentFrames());
        Track t = a.split().test().getFirst();
        assertArrayEquals(a.classifier().classify(t.file()).probabilities(), back.classify(t.file()).probabilities(), 1e-6f);
        assertArrayEquals(a.classifier().baseline().predictProba(t.frames()), back.baseline().predictProba(t.frames()), 1e-6f);
        assertEquals(3, back.classify(t.file()).segments());
    }

    @Test void otherCellsPoolingsAndPyramidTrain() {
        for (ClassifierConfig c : List.of(
                new ClassifierConfig("gru", 2, 8, true, 1, 0.0, "max", 2, 16, 1e-2, 0, 1.0, 0, 1, false, 1),
                new ClassifierConfig("rnn", 1, 8, false, 0, 0.0, "last", 2, 16, 1e-2, 0, 1.0, 0, 1, false, 1))) {
            GenreTraining.Outcome o = train(c);
            assertEquals(2, o.training().history().size());
            assertTrue(Double.isFinite(o.training().history().getLast().trainLoss()));
            assertEquals(18, o.test().segments().total());
        }
    }

    @Test void baselineWarningOnlyWhenTheBaselineWins() {
        var r = ds.labels();
        var good = dev.recur.eval.ClassificationReport.of(r, new int[] {0, 1}, new float[][] {{1, 0, 0}, {0, 1, 0}}, List.of("a", "b"));
        var bad = dev.recur.eval.ClassificationReport.of(r, new int[] {0, 1}, new float[][] {{0, 1, 0}, {0, 1, 0}}, List.of("a", "b"));
        assertNull(GenreTraining.baselineWarning(good, bad));
        assertTrue(GenreTraining.baselineWarning(bad, good).startsWith("warning: the mean+std baseline beats this model"));
    }
}
