package dev.recur.app.genre;

import dev.recur.audio.FeatureSettings;
import dev.recur.samples.Style;
import dev.recur.samples.SynthDataset;
import dev.recur.data.AudioDataset;
import dev.recur.data.Segments;
import dev.recur.data.Track;
import dev.recur.train.Durability;
import dev.recur.nn.Sequential;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.*;

/** The newer recipes end to end: log-mel input, convolution, attention (and attentive statistics) pooling, mixup, ensembles, overlapping test segments. */
class GenreRecipesTest {
    static Path dir;
    static AudioDataset mfcc, logMel;
    static final FeatureSettings LOGMEL = FeatureSettings.logMel(32).withDeltas(true);
    /** conv 1 × 8 (stride 2), bi-GRU 6, attention pooling, mixup 0.4, masking, 2 members, cosine learning rate. */
    static final ClassifierConfig RECIPE = new ClassifierConfig("gru", 1, 6, true, 0, 0.1, "attention", 3, 16, 1e-2, 1e-3, 1.0, 0,
            2, true, 3, 1, 8, 3, 2, 0.4, 2, "cosine");

    @BeforeAll static void data(@TempDir Path d) throws Exception {
        dir = d;
        SynthDataset.write(dir, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN, Style.AMBIENT), 5, 1.5, 12));
        mfcc = AudioDataset.load(dir, FeatureSettings.defaults(), AudioDataset.byFile());
        logMel = AudioDataset.load(dir, LOGMEL, AudioDataset.byFile());
    }

    static GenreTraining.Outcome train(ClassifierConfig c, int hop) throws Exception {
        return GenreTraining.run(logMel, mfcc, LOGMEL, new GenreTraining.Options(0.5, 0.2, 0.4, 2, c, hop),
                dev.recur.train.Fit.Listener.NONE, k -> Durability.NONE);
    }

    /** model.json's metadata.config: every component under its own name, in declaration order, values as given. */
    @Test void configMapHasTheComponentsInOrder() {
        var m = RECIPE.toMap();
        assertEquals(java.util.Arrays.stream(ClassifierConfig.class.getRecordComponents()).map(c -> c.getName()).toList(),
                List.copyOf(m.keySet()));
        assertEquals("gru", m.get("cell"));
        assertEquals(true, m.get("bidirectional"));
        assertEquals(1e-2, m.get("lr"));
        assertEquals(3, ((Number) m.get("seed")).intValue());
        assertEquals(0.4, m.get("mixup"));
        assertEquals("cosine", m.get("lrSchedule"));
    }

    @Test void segmentStarts() {
        assertArrayEquals(new int[] {0, 10, 20}, Segments.starts(35, 10, 10), "consecutive: the tail is dropped");
        assertArrayEquals(new int[] {0, 5, 10, 15, 20, 25}, Segments.starts(35, 10, 5), "overlapping: the last ends at the end");
        assertArrayEquals(new int[] {0, 4, 8, 12, 13}, Segments.starts(23, 10, 4));
        assertArrayEquals(new int[] {0}, Segments.starts(10, 10, 3));
        assertArrayEquals(new int[0], Segments.starts(9, 10, 3));
        assertThrows(IllegalArgumentException.class, () -> Segments.starts(30, 10, 11));
    }

    @Test void ensembleOfLogMelConvAttentionNetworksSavesAndLoadsExactly(@TempDir Path out) throws Exception {
        GenreTraining.Outcome o = train(RECIPE, 7);
        assertEquals(2, o.members().size());
        assertNotEquals(o.members().get(0).history(), o.members().get(1).history(), "members trained with their own seeds");
        assertEquals(32 * 2, o.classifier().features().dims());
        assertEquals(o.test().segmentTracks(), o.baselineTest().segmentTracks(), "model and baseline judged on the same segments");
        assertTrue(o.intervals().contains("95% intervals"));
        GenreTraining.write(o, out);
        GenreClassifier back = GenreClassifier.load(out);
        assertEquals(LOGMEL, back.features());
        assertEquals(7, back.segmentHop());
        assertTrue(back.network().namedParams().containsKey("ensemble.1.0.weight"), back.network().namedParams().keySet().toString());
        for (Track t : o.split().test()) {
            float[] want = o.classifier().classify(t.file()).probabilities(), got = back.classify(t.file()).probabilities();
            assertArrayEquals(want, got, 0f, "save -> load gives identical outputs");
        }
        // the ensemble's probabilities are the mean of its members'
        Track t = o.split().test().getFirst();
        float[][] frames = o.classifier().normalize(t.frames());
        List<float[][]> seg = List.<float[][]>of(java.util.Arrays.copyOf(frames, o.classifier().segmentFrames()));
        float[] p = Batches.probabilities(o.classifier().network(), seg)[0];
        float[] a = Batches.probabilities(o.members().get(0).model(), seg)[0], b = Batches.probabilities(o.members().get(1).model(), seg)[0];
        for (int c = 0; c < p.length; c++) assertEquals((a[c] + b[c]) / 2, p[c], 1e-6f);
    }

    /** RECIPE as one network trained for 2 epochs with the given pooling and seed. */
    static ClassifierConfig single(String pooling, long seed) {
        ClassifierConfig r = RECIPE;
        return new ClassifierConfig(r.cell(), r.layers(), r.units(), r.bidirectional(), r.pyramid(), r.dropout(),
                pooling, 2, r.batch(), r.lr(), r.weightDecay(), r.clip(), r.patience(), r.cropsPerTrack(),
                r.masking(), seed, r.convLayers(), r.convChannels(), r.convKernel(), r.convStride(), r.mixup(), 1, r.lrSchedule());
    }

    @Test void attentionStatsPoolingSavesAndLoadsExactly(@TempDir Path out) throws Exception {
        GenreTraining.Outcome o = train(single("attention-stats", 4), 7);
        GenreTraining.write(o, out);
        GenreClassifier back = GenreClassifier.load(out);
        List<dev.recur.nn.Layer> layers = back.network().layers();
        assertTrue(layers.stream().anyMatch(l -> l instanceof dev.recur.nn.AttentionStatsPool), layers.toString());
        assertEquals(2 * 2 * 6, layers.getLast().inputSize(), "the dense layer sees mean and std of the bi-GRU's 2 × 6");
        for (Track t : o.split().test()) {
            float[] want = o.classifier().classify(t.file()).probabilities(), got = back.classify(t.file()).probabilities();
            assertArrayEquals(want, got, 0f, "save -> load gives identical outputs");
        }
    }

    @Test void overlappingVoteIsTheMeanOverAManualLoop() throws Exception {
        GenreTraining.Outcome o = train(single(RECIPE.pooling(), 5), 5);
        GenreClassifier c = o.classifier();
        assertEquals(21, c.segmentFrames());
        for (Track t : o.split().test()) {
            float[][] frames = t.frames();   // 64 frames: starts 0, 5, ..., 40 and 43
            float[] sum = new float[c.labels().size()];
            int n = 0;
            for (int s = 0; s + 21 <= frames.length; s += 5) {
                add(sum, c, java.util.Arrays.copyOfRange(frames, s, s + 21));
                n++;
            }
            if ((n - 1) * 5 + 21 < frames.length) {
                add(sum, c, java.util.Arrays.copyOfRange(frames, frames.length - 21, frames.length));
                n++;
            }
            GenreClassifier.Prediction p = c.classify(t.file());
            assertEquals(n, p.segments());
            for (int k = 0; k < sum.length; k++) assertEquals(sum[k] / n, p.probabilities()[k], 1e-6f);
        }
        // the test report's track votes use the same segments: its track accuracy is the classify loop's
        int right = 0;
        for (Track t : o.split().test()) if (c.classify(t.file()).label().equals(t.label())) right++;
        assertEquals((double) right / o.split().test().size(), o.test().trackAccuracy(), 1e-12);
    }

    private static void add(float[] sum, GenreClassifier c, float[][] segment) {
        float[] p = c.segmentProbabilities(List.<float[][]>of(segment))[0];
        for (int k = 0; k < sum.length; k++) sum[k] += p[k];
    }

    /** docs/genre.md's Java example, with the library defaults, on the small synthesized set (0.5 s segments). */
    @Test void theDocsJavaExampleRuns(@TempDir Path out) throws Exception {
        FeatureSettings frames = FeatureSettings.logMel(64).withDeltas(true);
        AudioDataset ds = AudioDataset.load(dir, frames, AudioDataset.byFile());
        AudioDataset mfcc = AudioDataset.load(dir, GenreClassifier.baselineFeatures(frames), AudioDataset.byFile());
        GenreTraining.Outcome o = GenreTraining.run(ds, mfcc, frames,
                new GenreTraining.Options(0.5, 0, 0.2, 1, ClassifierConfig.defaults(), 0), dev.recur.train.Fit.Listener.NONE, k -> Durability.NONE);
        assertEquals(5, o.members().size(), "the default ensemble");
        assertTrue(o.intervals().contains("not distinguishable") || o.intervals().contains("is better"));
        GenreTraining.write(o, out);
        GenreClassifier c = GenreClassifier.load(out);
        assertEquals(3, c.classify(o.split().test().getFirst().file()).top(3).size());
    }

    @Test void logMelNeedsTheMfccsForTheBaseline() {
        assertThrows(IllegalArgumentException.class, () -> GenreTraining.run(logMel, LOGMEL,
                new GenreTraining.Options(0.5, 0.2, 0.4, 2, RECIPE), dev.recur.train.Fit.Listener.NONE));
    }

    /**
     * A whole run started from a trained ensemble with a vanishing learning rate (1e-30) keeps, member by member, the starting
     * weights outside the output layer: the start reaches each network, and nothing else moves them.
     */
    @Test void aRunStartsEachNetworkFromItsMember() throws Exception {
        GenreTraining.Outcome first = train(RECIPE, 0);
        ClassifierConfig still = new ClassifierConfig("gru", 1, 6, true, 0, 0.1, "attention", 1, 16, 1e-30, 1e-3, 1.0, 0,
                2, true, 7, 1, 8, 3, 2, 0.4, 2, "cosine");
        Sequential start = first.classifier().network();
        GenreTraining.Outcome o = GenreTraining.run(logMel, mfcc, LOGMEL,
                new GenreTraining.Options(0.5, 0.2, 0.4, 2, still, 0).startingFrom(new GenreTraining.Start(start, "first", "00")),
                dev.recur.train.Fit.Listener.NONE, k -> Durability.NONE);
        for (int k = 0; k < 2; k++) {
            Sequential member = o.members().get(k).model(), source = StartingWeights.forMember(start, k);
            String output = member.names().getLast() + ".";
            member.namedParams().forEach((name, p) -> {
                if (!name.startsWith(output)) assertArrayEquals(source.namedParams().get(name).value().data(), p.value().data(), 1e-20f, name);
            });
        }
        assertEquals(Map.of("model", "first", "weightsSha256", "00"), o.classifier().metadata().get("startFrom"));
    }
}
