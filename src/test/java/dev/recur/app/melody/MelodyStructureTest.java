package dev.recur.app.melody;

import dev.recur.midi.MelodyVocabulary;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Seq;
import dev.recur.tensor.Tensor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The structure inputs at work: songs made of a random 2-bar motif played four times (a new motif in every
 * song). After hearing a new motif once, a model with the lookback input (and attention) plays it again;
 * a plain LSTM of the same size, trained the same way, cannot keep 32 arbitrary steps in mind.
 */
class MelodyStructureTest {
    static final MelodyEncoding ENC = new MelodyEncoding(new MelodyVocabulary(60, 71), 4, 16);

    /** A random 2-bar motif: on each eighth note a new pitch (or, one time in four, a hold), repeated 4 times. */
    static int[] song(Random r) {
        int bars2 = 2 * ENC.stepsPerBar();
        int[] motif = new int[bars2];
        for (int t = 0; t < bars2; t++) {
            if (t % 2 == 1 || (t > 0 && r.nextInt(4) == 0)) motif[t] = MelodyVocabulary.NO_EVENT_ID;
            else motif[t] = 2 + r.nextInt(12);
        }
        int[] s = new int[4 * bars2];
        for (int i = 0; i < 4; i++) System.arraycopy(motif, 0, s, i * bars2, bars2);
        return s;
    }

    static List<int[]> songs(int n, long seed) {
        Random r = new Random(seed);
        List<int[]> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(song(r));
        return out;
    }

    /**
     * Share of the notes of each new motif's second pass that greedy generation plays at their step (pitch and
     * onset) after hearing the motif once; holds are not counted (a model that only learnt the rhythm scores 0).
     */
    static double reproduction(MelodyModel m, List<int[]> test) {
        int bars2 = 2 * ENC.stepsPerBar();
        int right = 0, total = 0;
        MelodyGenerator g = new MelodyGenerator(m);
        for (int[] s : test) {
            int[] out = MelodyComposer.greedy(g, Arrays.copyOf(s, bars2), bars2, null);
            for (int t = 0; t < bars2; t++) {
                if (s[bars2 + t] < 2) continue;
                total++;
                if (out[t] == s[bars2 + t]) right++;
            }
        }
        return right / (double) total;
    }

    static MelodyModel trained(MelodyModel.Architecture a, List<int[]> train, List<int[]> val) throws Exception {
        MelodyModel m = MelodyModel.create(ENC, a, 1);
        TrainOptions o = TrainOptions.DEFAULT.withArchitecture(a).withEpochs(12).withPatience(12).withBatch(8)
                .withWindow(128).withBptt(128).withLr(0.01);
        MelodyTrainer.train(m, train, val, o, null);
        return m;
    }

    @Test void lookbackAndAttentionRepeatAMotifThatAPlainLstmCannot() throws Exception {
        List<int[]> train = songs(64, 1), val = songs(8, 2), test = songs(12, 3);
        MelodyModel.Architecture plain = new MelodyModel.Architecture(32, 1, 16, 0f);
        double withStructure = reproduction(trained(plain.withStructure(true, 40), train, val), test);
        double without = reproduction(trained(plain, train, val), test);
        assertTrue(withStructure > 0.9, "with lookback and attention: " + withStructure);
        assertTrue(without < 0.3, "plain LSTM of the same size: " + without);
    }

    @Test void aWindowCutFromASongSeesTheBarsBeforeIt() {
        // The lookback state TokenBatch builds for a window equals the state after running the song up to it.
        MelodyModel m = MelodyModel.create(ENC, new MelodyModel.Architecture(8, 1, 4, 0f, true, 0), 2);
        int[] s = songs(1, 4).getFirst();
        TokenBatch whole = TokenBatch.of(List.of(TokenBatch.Window.whole(s)), ENC.startToken());
        Seq all = m.lookback().forward(whole.input(), ForwardPass.inference());
        TokenBatch.Window w = new TokenBatch.Window(s, 37, 80);
        ForwardPass pass = ForwardPass.inference();
        pass.setInitialState(m.lookback(), TokenBatch.lookbackState(List.of(w), ENC.startToken(), m.lookback().memory()));
        Seq part = m.lookback().forward(TokenBatch.of(List.of(w), ENC.startToken()).input(), pass);
        int d = part.dims();
        float[] want = Arrays.copyOfRange(all.values().data(), 37 * d, 80 * d);
        assertArrayEquals(want, part.values().data());
        assertEquals(Tensor.of(want, 1, 43, d).shapeString(), part.values().shapeString());
    }
}
