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
        return run(model, sequences, null);
    }

    /** {@link #evaluate}'s score, and the model's next-event distribution at every step (for the copy cache). */
    public record Predictions(MelodyScore score, List<double[]> rows) {}

    /**
     * {@link #evaluate} that also keeps the softmax of every step: sequence s's row t (the distribution of
     * event t given the events before it) at {@code rows().get(s)[t · vocabulary]}.
     */
    public static Predictions predict(MelodyModel model, List<int[]> sequences) {
        int classes = model.encoding().outputSize();
        List<double[]> rows = new ArrayList<>();
        for (int[] s : sequences) rows.add(new double[s.length * classes]);
        MelodyScore score = run(model, sequences, rows);
        return new Predictions(score, rows);
    }

    private static MelodyScore run(MelodyModel model, List<int[]> sequences, List<double[]> rows) {
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
                        if (rows != null) softmax(y, r * classes, classes, rows.get(from + b), (t0 + t) * classes);
                    }
                }
            }
        }
        return MelodyScore.of(score.events(), score.nll(), score.correct());
    }

    private static void softmax(float[] logits, int offset, int classes, double[] out, int at) {
        double max = Double.NEGATIVE_INFINITY, sum = 0;
        for (int c = 0; c < classes; c++) max = Math.max(max, logits[offset + c]);
        for (int c = 0; c < classes; c++) sum += out[at + c] = Math.exp(logits[offset + c] - max);
        for (int c = 0; c < classes; c++) out[at + c] /= sum;
    }
}
