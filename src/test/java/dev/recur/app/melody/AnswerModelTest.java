package dev.recur.app.melody;

import dev.recur.midi.MelodyVocabulary;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Param;
import dev.recur.nn.Seq;
import dev.recur.nn.loss.SoftmaxCrossEntropy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

class AnswerModelTest {
    static final MelodyEncoding SMALL = new MelodyEncoding(new MelodyVocabulary(60, 71), 4, 16);
    @TempDir Path dir;

    static List<AnswerTraining.Pair> somePairs() {
        return List.of(new AnswerTraining.Pair(new int[] {2, 0, 5, 1, 7, 0}, new int[] {9, 0, 0, 4, 1, 0}),
                new AnswerTraining.Pair(new int[] {3, 3, 0, 0, 12}, new int[] {2, 0, 6, 1, 0, 11}));
    }

    /** Loss of the pairs by forward passes only (no dropout in these models). */
    static double loss(AnswerModel m, List<AnswerTraining.Pair> pairs) {
        ForwardPass enc = ForwardPass.inference(), dec = ForwardPass.inference();
        m.encode(pairs.stream().map(AnswerTraining.Pair::call).toList(), enc, dec);
        TokenBatch tb = TokenBatch.of(pairs.stream().map(p -> TokenBatch.Window.whole(p.response())).toList(), SMALL.startToken());
        Seq y = m.decoder().network().forward(tb.input(), dec);
        return new SoftmaxCrossEntropy().compute(y, tb.targets()).loss();
    }

    @Test void encoderGradientsFlowThroughTheHandedOverState() {
        AnswerModel m = AnswerModel.create(SMALL, new MelodyModel.Architecture(5, 2, 4, 0f), 3);
        List<AnswerTraining.Pair> pairs = somePairs();
        double l = AnswerTraining.step(m, pairs, new SoftmaxCrossEntropy(), new Random(1));
        assertEquals(loss(m, pairs), l, 1e-6);
        Random rnd = new Random(4);
        float eps = 1e-2f;
        int nonZero = 0;
        for (Param p : m.encoder().params()) {
            float[] v = p.value().data();
            for (int n = 0; n < 4; n++) {
                int i = rnd.nextInt(v.length);
                float old = v[i];
                v[i] = old + eps;
                double lp = loss(m, pairs);
                v[i] = old - eps;
                double lm = loss(m, pairs);
                v[i] = old;
                double fd = (lp - lm) / (2 * eps);
                assertEquals(fd, p.grad().data()[i], 2e-3 + 3e-2 * Math.abs(fd), "encoder " + p.name() + "[" + i + "]");
                if (Math.abs(p.grad().data()[i]) > 1e-6) nonZero++;
            }
        }
        assertTrue(nonZero > 10, "the encoder learns: " + nonZero + " non-zero sampled gradients");
    }

    @Test void theResponseDependsOnTheCallAndTheModelRoundTrips() throws Exception {
        AnswerModel m = AnswerModel.create(SMALL, new MelodyModel.Architecture(6, 1, 4, 0f), 5);
        float[] a = m.respondTo(new int[] {2, 0, 5}).probabilities().clone();
        float[] b = m.respondTo(new int[] {9, 9, 1}).probabilities().clone();
        assertFalse(java.util.Arrays.equals(a, b));
        m.save(dir, java.util.Map.of("phrase_bars", 1));
        AnswerModel back = AnswerModel.load(dir);
        assertEquals(16, back.phraseSteps());
        assertArrayEquals(a, back.respondTo(new int[] {2, 0, 5}).probabilities(), 1e-6f);
        // the decoder alone is a plain melody model
        assertEquals(m.decoder().architecture(), MelodyModel.load(dir).architecture());
    }

    @Test void pairsAreConsecutivePhrasesWithNotes() {
        int[] s = {2, 0, 3, 0, /**/ 0, 0, 0, 0, /**/ 4, 0, 1, 0, /**/ 5, 6, 7, 8, /**/ 9};
        List<AnswerTraining.Pair> p = AnswerTraining.pairs(List.of(s), 4);
        assertEquals(1, p.size(), "phrase 2 is silent, so only (3, 4) pairs up");
        assertArrayEquals(new int[] {4, 0, 1, 0}, p.getFirst().call());
        assertArrayEquals(new int[] {5, 6, 7, 8}, p.getFirst().response());
    }
}
