package dev.recur.nn;

/** Helpers for the padded-step layout of a {@link Seq}: row b, step t, feature d at ((b·steps)+t)·dims+d. */
final class Steps {
    private Steps() {}

    /** True when some row of x is shorter than its step count, so padded steps exist. */
    static boolean hasPadding(Seq x) {
        if (!x.isSequence() || x.lengths() == null) return false;
        for (int b = 0; b < x.batch(); b++) if (x.length(b) < x.steps()) return true;
        return false;
    }

    /** Sets every padded step of data (laid out like x, with {@code dims} features) to zero. */
    static void zeroPadded(float[] data, Seq x, int dims) {
        if (!hasPadding(x)) return;
        int steps = x.steps();
        for (int b = 0; b < x.batch(); b++) {
            int from = (b * steps + x.length(b)) * dims, to = (b + 1) * steps * dims;
            java.util.Arrays.fill(data, from, to, 0f);
        }
    }

    /** d(loss)/d(output) with padded steps zeroed; the original when there is no padding. */
    static float[] maskedGrad(Seq dy) {
        float[] g = dy.values().data();
        if (!hasPadding(dy)) return g;
        float[] copy = g.clone();
        zeroPadded(copy, dy, dy.dims());
        return copy;
    }

    /** Checks that x is a [batch, steps, size] sequence whose lengths fit its steps. */
    static void requireSequence(String type, Seq x, int size) {
        if (!x.isSequence()) {
            throw new IllegalArgumentException(type + ": expects a sequence [batch, steps, " + size + "], got " + x.values().shapeString());
        }
        requireDims(type, x, size);
        if (x.lengths() != null) {
            if (x.lengths().length != x.batch()) {
                throw new IllegalArgumentException(type + ": " + x.lengths().length + " lengths for a batch of " + x.batch());
            }
            for (int b = 0; b < x.batch(); b++) {
                if (x.lengths()[b] < 0 || x.lengths()[b] > x.steps()) {
                    throw new IllegalArgumentException(type + ": row " + b + " has length " + x.lengths()[b] + " outside [0, " + x.steps() + "]");
                }
            }
        }
    }

    static void requireDims(String type, Seq x, int size) {
        if (size != Layer.ANY_SIZE && x.dims() != size) {
            throw new IllegalArgumentException(type + ": expects " + size + " features, got " + x.dims() + " in " + x.values().shapeString());
        }
    }

    /** Shape of x with its last dimension replaced by {@code dims}. */
    static int[] withDims(Seq x, int dims) {
        int[] s = x.values().shape();
        s[s.length - 1] = dims;
        return s;
    }

    static int positive(String type, String what, int v) {
        if (v <= 0) throw new IllegalArgumentException(type + ": " + what + " must be positive, got " + v);
        return v;
    }
}
