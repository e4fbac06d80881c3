package dev.recur.train;

import dev.recur.nn.Seq;
import dev.recur.tensor.Tensor;

/** Copies of a window of steps out of a sequence batch, and back. */
final class SeqWindows {
    private SeqWindows() {}

    /** Steps [from, to) of values [batch, steps, dims], as a new [batch, to−from, dims] tensor. */
    static Tensor steps(Tensor values, int from, int to) {
        if (values.rank() != 3) throw new IllegalArgumentException("expected [batch, steps, dims], got " + values.shapeString());
        int batch = values.dim(0), steps = values.dim(1), dims = values.dim(2), w = to - from;
        if (from < 0 || to > steps || w < 0) {
            throw new IllegalArgumentException("steps [" + from + ", " + to + ") outside a sequence of " + steps);
        }
        float[] src = values.data(), dst = new float[batch * w * dims];
        for (int b = 0; b < batch; b++) {
            System.arraycopy(src, (b * steps + from) * dims, dst, b * w * dims, w * dims);
        }
        return Tensor.of(dst, batch, w, dims);
    }

    /** Steps [from, to) of a batch, with each row's valid length clipped to the window (possibly 0). */
    static Seq window(Seq x, int from, int to) {
        return new Seq(steps(x.values(), from, to), lengths(x, from, to));
    }

    static int[] lengths(Seq x, int from, int to) {
        if (x.lengths() == null) return null;
        int[] len = new int[x.batch()];
        for (int b = 0; b < len.length; b++) len[b] = Math.clamp(x.length(b) - from, 0, to - from);
        return len;
    }

    /** Writes src [batch, w, dims] into steps [at, at+w) of dst [batch, steps, dims]. */
    static void put(Tensor src, Tensor dst, int at) {
        int batch = src.dim(0), w = src.dim(1), dims = src.dim(2), steps = dst.dim(1);
        for (int b = 0; b < batch; b++) {
            System.arraycopy(src.data(), b * w * dims, dst.data(), (b * steps + at) * dims, w * dims);
        }
    }
}
