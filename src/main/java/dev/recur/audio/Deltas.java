package dev.recur.audio;

/** First-order deltas: regression over +-2 frames (HTK/librosa style), edges repeat the first/last frame. */
public final class Deltas {
    private Deltas() {}

    /** Fills columns {@code [dims, 2*dims)} of every row with the deltas of columns {@code [0, dims)}. */
    public static void append(float[][] rows, int dims) {
        int t = rows.length;
        for (int i = 0; i < t; i++) {
            for (int d = 0; d < dims; d++) {
                float acc = 0;
                for (int k = 1; k <= 2; k++) {
                    float next = rows[Math.min(t - 1, i + k)][d];
                    float prev = rows[Math.max(0, i - k)][d];
                    acc += k * (next - prev);
                }
                rows[i][dims + d] = acc / 10f; // 2 * (1^2 + 2^2)
            }
        }
    }
}
