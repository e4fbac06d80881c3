package dev.recur.peers;

import java.util.Arrays;

/** Warm-up, then the median of timed runs; each run repeats the call until it has lasted minSeconds. */
record Timing(double warmupSeconds, int runs, double minSeconds) {

    interface Call {
        void run() throws Exception;
    }

    /** Median over runs of wall seconds per call. */
    double secondsPerCall(Call call) throws Exception {
        long warmEnd = System.nanoTime() + (long) (warmupSeconds * 1e9);
        do call.run(); while (System.nanoTime() < warmEnd);
        double[] per = new double[runs];
        long min = (long) (minSeconds * 1e9);
        for (int r = 0; r < runs; r++) {
            long n = 0, t0 = System.nanoTime(), el;
            do {
                call.run();
                n++;
                el = System.nanoTime() - t0;
            } while (el < min);
            per[r] = el / 1e9 / n;
        }
        Arrays.sort(per);
        return runs % 2 == 1 ? per[runs / 2] : 0.5 * (per[runs / 2 - 1] + per[runs / 2]);
    }
}
