package dev.recur.peers;

import java.nio.file.Path;
import java.util.List;

/** One runtime under test. A job is (config, cell, mode); prepare() loads it, the call runs it once. */
interface Peer extends AutoCloseable {
    /** Name for the CSV, with versions, e.g. libtorch2.7.1-djl0.36.0. */
    String name();

    /** Modes measured for a config: forward (and train where the runtime trains) for C and M, step for S. */
    List<String> modes(String config);

    /**
     * Loads the model and input of a job from {@code models} and checks its output against PyTorch 1.13's
     * reference in the same file before returning the timed call (forward, training step or streaming step).
     */
    Timing.Call prepare(Path models, String config, String cell, String mode) throws Exception;

    /** A forward of the sweep model with hidden size {@code hidden} on a [batch, steps, 64] input. */
    Timing.Call prepareSweep(Path models, int hidden, int batch, int steps) throws Exception;

    /** Frees what the last prepare made. */
    void release() throws Exception;

    @Override
    void close() throws Exception;

    /** Largest |a − b|; NaN anywhere counts as infinite. */
    static double maxAbsDiff(float[] a, float[] b) {
        if (a.length != b.length) throw new IllegalStateException("length " + a.length + " vs " + b.length);
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (!(d <= m)) m = Double.isNaN(d) ? Double.POSITIVE_INFINITY : d;
        }
        return m;
    }

    /** Throws unless got agrees with want within {@link Main#TOLERANCE}; prints the check on stderr. */
    static void agree(String peer, String what, float[] got, float[] want) {
        double d = maxAbsDiff(got, want);
        System.err.printf("check %s %s: max |diff| %.2g against PyTorch 1.13%n", peer, what, d);
        if (!(d <= Main.TOLERANCE)) {
            throw new IllegalStateException(peer + " " + what + ": output differs from PyTorch's by " + d);
        }
    }

    /** y[:, -1, :] of a batch-first [batch, steps, hidden] array. */
    static float[] lastStep(float[] y, int batch, int steps, int hidden) {
        float[] out = new float[batch * hidden];
        for (int b = 0; b < batch; b++) System.arraycopy(y, (b * steps + steps - 1) * hidden, out, b * hidden, hidden);
        return out;
    }
}
