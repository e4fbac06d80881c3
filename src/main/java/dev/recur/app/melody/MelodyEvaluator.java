package dev.recur.app.melody;

import dev.recur.eval.NextEventScore;
import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layer;
import dev.recur.nn.Seq;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores a model on whole token sequences (every event, the first one after the start token included):
 * sequences run in batches, in time chunks with the LSTM state carried from chunk to chunk, so any length
 * fits in memory and the result equals one pass over the whole sequence.
 */
public final class MelodyEvaluator {
    private static final int BATCH = 32;
    private static final int CHUNK = 256;

    private MelodyEvaluator() {}

    public static MelodyScore evaluate(MelodyModel model, List<int[]> sequences) {
        NextEventScore score = new NextEventScore();
        int classes = model.encoding().outputSize();
        for (int from = 0; from < sequences.size(); from += BATCH) {
            List<int[]> group = sequences.subList(from, Math.min(sequences.size(), from + BATCH));
            int longest = 0;
            for (int[] s : group) longest = Math.max(longest, s.length);
            Map<Layer, float[][]> state = new IdentityHashMap<>();
            for (int t0 = 0; t0 < longest; t0 += CHUNK) {
                List<TokenBatch.Window> windows = new ArrayList<>();
                for (int[] s : group) {
                    int a = Math.min(t0, s.length), b = Math.min(t0 + CHUNK, s.length);
                    windows.add(new TokenBatch.Window(s, a, b));
                }
                TokenBatch batch = TokenBatch.of(windows, model.encoding().startToken());
                ForwardPass pass = ForwardPass.inference();
                state.forEach(pass::setInitialState);
                Seq logits = model.network().forward(batch.input(), pass);
                state = new IdentityHashMap<>(pass.finalStates());
                float[] y = logits.values().data();
                int steps = batch.steps();
                for (int b = 0; b < group.size(); b++) {
                    for (int t = 0; t < batch.input().length(b); t++) {
                        int r = b * steps + t;
                        score.add(y, r * classes, classes, batch.targets()[r]);
                    }
                }
            }
        }
        return MelodyScore.of(score.events(), score.nll(), score.correct());
    }
}
