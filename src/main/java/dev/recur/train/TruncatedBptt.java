package dev.recur.train;

import dev.recur.nn.ForwardPass;
import dev.recur.nn.Layer;
import dev.recur.nn.Seq;
import dev.recur.nn.loss.LossResult;
import dev.recur.tensor.Tensor;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Truncated backpropagation through time, TBPTT(k1, k2) (Williams and Peng; Sutskever's notation): every
 * k1 steps, the loss of those k1 new steps is backpropagated through the last k2 steps (k2 ≥ k1). The new
 * steps are [n·k1, (n+1)·k1) (the last block ends at T) and the window reaches k2 − k1 steps further back:
 * [n·k1 − (k2 − k1), (n+1)·k1), so k1 = k2 gives non-overlapping chunks. Only the outputs of the new steps
 * enter the loss. Recurrent states cross window boundaries through {@link ForwardPass}: each
 * window starts from the state saved at its first step, and when windows overlap (k2 > k1) the state at the
 * next window's start is found by re-running the forward (without dropout) over the overlap from the saved
 * state. k1 = k2 = T is full BPTT.
 *
 * <p>The model must keep the time axis (one output per input step); after each window's backward the
 * {@link WindowDone} callback runs, typically clip + optimizer step + zero gradients. Gradients are not
 * cleared here, so without such a callback they add up over the windows.
 */
public final class TruncatedBptt {
    private final int k1;
    private final int k2;

    /** Every {@code k1} steps, backpropagate through the last {@code k2} steps. */
    public TruncatedBptt(int k1, int k2) {
        if (k1 <= 0) throw new IllegalArgumentException("TBPTT: k1 must be > 0, got " + k1);
        if (k2 < k1) throw new IllegalArgumentException("TBPTT: k2 must be >= k1, got k1=" + k1 + ", k2=" + k2);
        this.k1 = k1;
        this.k2 = k2;
    }

    /** Full BPTT: one window over the whole sequence. */
    public static TruncatedBptt full() { return new TruncatedBptt(Integer.MAX_VALUE, Integer.MAX_VALUE); }

    public int k1() { return k1; }
    public int k2() { return k2; }

    /** Called after each window's backward, with the window and its loss. */
    @FunctionalInterface
    public interface WindowDone {
        void accept(Window window);
    }

    /**
     * One window: gradients flowed through steps [start, end); the loss covers steps [lossFrom, end) and
     * {@code counted} valid (row, step) pairs.
     */
    public record Window(int index, int start, int lossFrom, int end, double loss, long counted) {}

    /** All windows of one run and the mean loss per counted step over them. */
    public record Result(List<Window> windows, double meanLoss) {}

    public Result run(Layer model, Seq x, StepLoss loss, Random random, WindowDone done) {
        return run(model, x, Map.of(), loss, random, done);
    }

    /**
     * As above, with states the layers start from (e.g. what came before a window cut from a longer
     * sequence, for layers whose state is known from the data); layers not in the map start from zeros.
     */
    public Result run(Layer model, Seq x, Map<Layer, float[][]> initial, StepLoss loss, Random random, WindowDone done) {
        if (!x.isSequence()) throw new IllegalArgumentException("TBPTT: input must be a sequence [batch, steps, dims], got " + x.values().shapeString());
        int total = x.steps();
        Map<Layer, float[][]> state = new IdentityHashMap<>(initial);
        List<Window> windows = new ArrayList<>();
        double weighted = 0;
        long counted = 0;
        for (int lossFrom = 0, index = 0; lossFrom < total; index++) {
            int end = (int) Math.min((long) lossFrom + k1, total);
            int start = Math.max(0, lossFrom - (k2 - k1));
            int nextStart = Math.max(0, end - (k2 - k1));

            // State at the next window's start, unless it is this window's start or end.
            Map<Layer, float[][]> nextState = null;
            if (end < total && nextStart > start && nextStart < end) {
                ForwardPass probe = ForwardPass.inference();
                state.forEach(probe::setInitialState);
                model.forward(SeqWindows.window(x, start, nextStart), probe);
                nextState = new IdentityHashMap<>(probe.finalStates());
            } else if (end < total && nextStart == start) {
                nextState = new IdentityHashMap<>(state);
            }

            ForwardPass pass = ForwardPass.training(random);
            state.forEach(pass::setInitialState);
            Seq y = model.forward(SeqWindows.window(x, start, end), pass);
            if (!y.isSequence() || y.steps() != end - start) {
                throw new IllegalArgumentException("TBPTT: the model must give one output per input step, got "
                        + y.values().shapeString() + " for " + (end - start) + " steps");
            }
            Seq lossPart = lossFrom == start ? y : SeqWindows.window(y, lossFrom - start, end - start);
            LossResult r = loss.compute(lossPart, lossFrom, end);
            Seq dy = r.grad();
            if (lossFrom != start) {
                Tensor full = Tensor.zeros(y.values().shape());
                SeqWindows.put(r.grad().values(), full, lossFrom - start);
                dy = new Seq(full, y.lengths());
            }
            model.backward(dy, pass.skipInputGradient(model));

            long n = validSteps(x, lossFrom, end);
            Window w = new Window(index, start, lossFrom, end, r.loss(), n);
            windows.add(w);
            weighted += r.loss() * n;
            counted += n;
            if (done != null) done.accept(w);

            if (nextState == null) nextState = new IdentityHashMap<>(pass.finalStates());
            state = nextState;
            lossFrom = end;
        }
        return new Result(List.copyOf(windows), counted == 0 ? 0 : weighted / counted);
    }

    private static long validSteps(Seq x, int from, int to) {
        long n = 0;
        for (int b = 0; b < x.batch(); b++) n += Math.clamp(x.length(b) - from, 0, to - from);
        return n;
    }
}
