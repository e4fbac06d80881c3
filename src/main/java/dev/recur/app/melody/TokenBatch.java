package dev.recur.app.melody;

import dev.recur.nn.Seq;
import dev.recur.tensor.Tensor;

import java.util.List;

/**
 * A padded batch of next-event examples: row b holds steps [from, to) of one token sequence, each step's
 * input being the previous token (the start token before step 0) and its target the token itself.
 *
 * @param input   [batch, steps, 1] token ids as floats, with each row's valid length
 * @param targets target ids, index b·steps + t (0 on padded steps, which losses ignore)
 */
public record TokenBatch(Seq input, int[] targets) {

    /** Steps [from, to) of one sequence. */
    public record Window(int[] tokens, int from, int to) {
        public Window {
            if (from < 0 || to > tokens.length || to < from) {
                throw new IllegalArgumentException("window [" + from + ", " + to + ") outside a sequence of " + tokens.length);
            }
        }

        public static Window whole(int[] tokens) { return new Window(tokens, 0, tokens.length); }

        public int length() { return to - from; }
    }

    public static TokenBatch of(List<Window> windows, int startToken) {
        int batch = windows.size(), steps = 0;
        for (Window w : windows) steps = Math.max(steps, w.length());
        steps = Math.max(steps, 1);
        float[] x = new float[batch * steps];
        int[] targets = new int[batch * steps];
        int[] lengths = new int[batch];
        for (int b = 0; b < batch; b++) {
            Window w = windows.get(b);
            lengths[b] = w.length();
            for (int t = 0; t < w.length(); t++) {
                int pos = w.from() + t;
                x[b * steps + t] = pos == 0 ? startToken : w.tokens()[pos - 1];
                targets[b * steps + t] = w.tokens()[pos];
            }
        }
        return new TokenBatch(new Seq(Tensor.of(x, batch, steps, 1), lengths), targets);
    }

    public int steps() { return input.steps(); }

    /**
     * The {@link dev.recur.nn.Lookback} state each window starts from: the {@code memory} inputs before its first
     * step (the start token before event 0, −1 before that) and the count of inputs before it, so a window
     * cut from the middle of a melody sees the bars before it and its true bar position.
     */
    public static float[][] lookbackState(List<Window> windows, int startToken, int memory) {
        float[] tokens = new float[windows.size() * memory], seen = new float[windows.size()];
        for (int b = 0; b < windows.size(); b++) {
            Window w = windows.get(b);
            for (int i = 0; i < memory; i++) {
                int q = w.from() - memory + i;          // input q is event q − 1 (the start token for q = 0)
                tokens[b * memory + i] = q < 0 ? -1 : q == 0 ? startToken : w.tokens()[q - 1];
            }
            seen[b] = w.from();
        }
        return new float[][] {tokens, seen};
    }
}
