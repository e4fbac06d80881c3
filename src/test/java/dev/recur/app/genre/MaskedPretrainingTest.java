package dev.recur.app.genre;

import dev.recur.audio.FeatureSettings;
import dev.recur.data.AudioDataset;
import dev.recur.data.Segments;
import dev.recur.data.Track;
import dev.recur.io.Normalization;
import dev.recur.nn.Layer;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.Sequential;
import dev.recur.nn.loss.LossResult;
import dev.recur.nn.loss.MeanSquaredError;
import dev.recur.samples.Style;
import dev.recur.samples.SynthDataset;
import dev.recur.tensor.Tensor;
import dev.recur.train.Durability;
import dev.recur.train.Fit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/** Masked-frame pretraining of the classifier's encoder: targets by hand, the loss falls, seeds reproduce, fine-tuning starts from it. */
class MaskedPretrainingTest {
    /** conv 2 × 8 (stride 2, so 4 frames per encoder step), bi-GRU 6, attention pooling; 3 pretraining epochs, 2 supervised. */
    static final ClassifierConfig C = new ClassifierConfig("gru", 1, 6, true, 0, 0.1, "attention", 2, 16, 1e-2, 1e-3, 1.0, 0,
            1, true, 4, 2, 8, 5, 2, 0.0, 1, "constant", 3);
    static List<float[][]> tracks = new ArrayList<>();
    static int[] labels;
    static final int FRAMES = 40;
    static final Segments NO_VALIDATION = new Segments(List.of(), new int[0], List.of());

    /** Log-mel frames (16 bands with deltas) of synthetic tracks of three styles, standardised like training's. */
    @BeforeAll static void data(@TempDir Path dir) throws Exception {
        SynthDataset.write(dir, new SynthDataset.Spec(List.of(Style.DRUMS, Style.ORGAN, Style.AMBIENT), 4, 1.5, 5));
        AudioDataset ds = AudioDataset.load(dir, FeatureSettings.logMel(16).withDeltas(true), AudioDataset.byFile());
        Normalization norm = GenreTraining.normalization(ds.tracks());
        labels = new int[ds.tracks().size()];
        for (int i = 0; i < labels.length; i++) {
            Track t = ds.tracks().get(i);
            float[][] m = new float[t.frames().length][];
            for (int j = 0; j < m.length; j++) {
                m[j] = t.frames()[j].clone();
                norm.apply(m[j]);
            }
            tracks.add(m);
            labels[i] = ds.labelIndex(t.label());
        }
    }

    /** Ten frames of two values, stride product 4: windows 0-3, 4-7, 8-9. */
    @Test void targetsAreWindowMeansCountedWhereAFrameIsMasked() {
        float[][] crop = new float[10][2];
        for (int t = 0; t < 10; t++) crop[t] = new float[] {t, 10 * t};
        boolean[] mask = new boolean[10];
        mask[5] = mask[6] = true;
        MaskedPretraining.Targets x = MaskedPretraining.targets(crop, mask, 4, 3);
        assertArrayEquals(new float[] {1.5f, 15f}, x.means()[0]);
        assertArrayEquals(new float[] {5.5f, 55f}, x.means()[1]);
        assertArrayEquals(new float[] {8.5f, 85f}, x.means()[2], "the last window holds two frames");
        assertArrayEquals(new boolean[] {false, true, false}, x.counted());

        // stride 2, masked frames 3 and 9, one step more than the frames fill: it has target 0 and does not count
        boolean[] m2 = new boolean[10];
        m2[3] = m2[9] = true;
        MaskedPretraining.Targets y = MaskedPretraining.targets(crop, m2, 2, 6);
        assertArrayEquals(new boolean[] {false, true, false, false, true, false}, y.counted());
        assertArrayEquals(new float[] {2.5f, 25f}, y.means()[1]);
        assertArrayEquals(new float[] {8.5f, 85f}, y.means()[4]);
        assertArrayEquals(new float[] {0f, 0f}, y.means()[5]);

        float[][] in = MaskedPretraining.masked(crop, mask);
        assertArrayEquals(new float[] {0f, 0f}, in[5]);
        assertArrayEquals(new float[] {0f, 0f}, in[6]);
        assertArrayEquals(new float[] {4f, 40f}, in[4]);
        assertArrayEquals(new float[] {5f, 50f}, crop[5], "the crop itself is left alone");

        // the loss counts only the flagged steps: predicting 0 everywhere, (5.5² + 55²) / 2 from step 1 alone
        Seq prediction = new Seq(Tensor.zeros(1, 3, 2), null);
        float[] target = new float[6];
        for (int j = 0; j < 3; j++) System.arraycopy(x.means()[j], 0, target, 2 * j, 2);
        LossResult lr = new MeanSquaredError().compute(prediction, Tensor.of(target, 1, 3, 2), x.counted());
        assertEquals((5.5 * 5.5 + 55 * 55) / 2, lr.loss(), 1e-9);
        assertArrayEquals(new float[] {0, 0, -5.5f, -55f, 0, 0}, lr.grad().values().data(), 1e-6f);
    }

    @Test void spansHideAboutFifteenPercentInRunsOfEight() {
        for (long seed = 0; seed < 20; seed++) {
            boolean[] m = MaskedPretraining.spans(387, new Random(seed));
            int hidden = 0;
            for (boolean b : m) if (b) hidden++;
            assertTrue(hidden >= 8 && hidden <= 7 * 8, "7 spans of 8, overlapping or not: " + hidden);
            for (int t = 0; t < m.length; t++) {
                if (m[t] && (t == 0 || !m[t - 1])) {
                    int run = 0;
                    while (t + run < m.length && m[t + run]) run++;
                    assertTrue(run >= 8, "a run of " + run + " at " + t);
                }
            }
            assertArrayEquals(m, MaskedPretraining.spans(387, new Random(seed)));
        }
        boolean[] tiny = MaskedPretraining.spans(5, new Random(1));
        assertArrayEquals(new boolean[] {true, true, true, true, true}, tiny, "a crop shorter than a span is hidden whole");
    }

    @Test void encoderIsEverythingBeforeThePoolingAndShrinksTimeByTheStrides() {
        Sequential model = ClassifierNetwork.build(ClassifierConfig.defaults(), 128, 4);
        List<Layer> encoder = MaskedPretraining.encoder(model);
        assertEquals(5, encoder.size(), "conv, relu, conv, relu, gru");
        assertEquals(4, MaskedPretraining.factor(encoder));
        assertEquals(97, MaskedPretraining.outputSteps(encoder, 387));
        ClassifierConfig pyramid = new ClassifierConfig("gru", 2, 6, false, 1, 0.0, "mean", 1, 4, 1e-2, 0, 1.0, 0, 1, false, 1,
                1, 8, 3, 3, 0, 1, "constant");
        List<Layer> e2 = MaskedPretraining.encoder(ClassifierNetwork.build(pyramid, 5, 2));
        assertEquals(6, MaskedPretraining.factor(e2));
        assertEquals(4, MaskedPretraining.outputSteps(e2, 20), "20 → 7 (stride 3) → 4 (pyramid)");
        Sequential net = MaskedPretraining.network(model, 128, new Random(1));
        assertEquals(List.of("0", "1", "2", "3", "4", "head"), net.names());
        assertSame(model.layer("4"), net.layer("4"), "the encoder's layers are the model's own");
    }

    /**
     * Eight epochs of 48 crops: the masked-frame MSE falls relative to predicting the mean (the epochs' targets
     * differ, so the ratio is the fair measure) and ends below it.
     */
    @Test void reconstructionLossFallsAndBeatsPredictingTheMean() {
        ClassifierConfig c = new ClassifierConfig("gru", 1, 6, true, 0, 0.1, "attention", 2, 16, 1e-2, 1e-3, 1.0, 0,
                4, true, 4, 2, 8, 5, 2, 0.0, 1, "constant", 8);
        Sequential model = ClassifierNetwork.build(c, tracks.getFirst()[0].length, 3);
        MaskedPretraining.Result r = MaskedPretraining.run(c, model, tracks, FRAMES, Fit.Listener.NONE, false);
        assertEquals(8, r.history().size());
        MaskedPretraining.Epoch first = r.history().getFirst(), last = r.history().getLast();
        double before = first.loss() / first.meanLoss(), after = last.loss() / last.meanLoss();
        assertTrue(after < 0.85 * before && after < 1, r.history().toString());
        assertTrue(first.meanLoss() > 0.1, "standardised targets are not all 0: " + first);
    }

    /** Pretraining changes the encoder only, and the supervised phase starts from exactly those weights. */
    @Test void fineTuningStartsFromThePretrainedEncoder() throws Exception {
        int dims = tracks.getFirst()[0].length;
        Sequential fresh = ClassifierNetwork.build(C, dims, 3), model = ClassifierNetwork.build(C, dims, 3);
        MaskedPretraining.run(C, model, tracks, FRAMES, Fit.Listener.NONE, false);
        int encoderParams = 0;
        for (Layer l : MaskedPretraining.encoder(model)) encoderParams += l.params().size();
        List<Param> a = fresh.params(), b = model.params();
        for (int i = 0; i < a.size(); i++) {
            boolean same = java.util.Arrays.equals(a.get(i).value().data(), b.get(i).value().data());
            assertEquals(i >= encoderParams, same, "parameter " + i + " (" + a.get(i).name() + ")");
        }
        ClassifierTrainer.Result manual = ClassifierTrainer.supervised(C, model, tracks, labels, NO_VALIDATION, 3, FRAMES,
                Fit.Listener.NONE, Durability.NONE, null);
        ClassifierTrainer.Result whole = ClassifierTrainer.train(C, tracks, labels, NO_VALIDATION, 3, FRAMES, Fit.Listener.NONE);
        assertEquals(3, whole.pretraining().history().size());
        assertEquals(weights(manual.model()), weights(whole.model()));
    }

    @Test void sameSeedSameModelAndZeroEpochsIsNoPretraining() {
        ClassifierTrainer.Result a = ClassifierTrainer.train(C, tracks, labels, NO_VALIDATION, 3, FRAMES, Fit.Listener.NONE);
        ClassifierTrainer.Result b = ClassifierTrainer.train(C, tracks, labels, NO_VALIDATION, 3, FRAMES, Fit.Listener.NONE);
        assertEquals(weights(a.model()), weights(b.model()));
        assertEquals(a.pretraining().history(), b.pretraining().history());
        ClassifierTrainer.Result none = ClassifierTrainer.train(C.withPretrainEpochs(0), tracks, labels, NO_VALIDATION, 3, FRAMES, Fit.Listener.NONE);
        assertNull(none.pretraining());
        assertNotEquals(weights(a.model()), weights(none.model()));
        ClassifierTrainer.Result other = ClassifierTrainer.train(C.withSeed(5), tracks, labels, NO_VALIDATION, 3, FRAMES, Fit.Listener.NONE);
        assertNotEquals(a.pretraining().history(), other.pretraining().history(), "another seed, other masks and crops");
    }

    static Map<String, List<Float>> weights(Sequential s) {
        Map<String, List<Float>> out = new java.util.TreeMap<>();
        for (var e : s.namedParams().entrySet()) {
            List<Float> v = new ArrayList<>();
            for (float f : e.getValue().value().data()) v.add(f);
            out.put(e.getKey(), v);
        }
        return out;
    }
}
