package dev.recur.audio;

import java.io.IOException;

/** Raw samples as a univariate series {@code [T][1]}, for models that read the waveform instead of MFCCs. */
public final class Waveform {
    private Waveform() {}

    /**
     * The first {@code length} samples of {@code samples} (at {@code rate} Hz) as {@code [T][1]}, optionally
     * downsampled by an integer {@code factor} with the band-limited resampler (1 keeps every sample).
     */
    public static float[][] series(float[] samples, int length, int rate, int factor) throws IOException {
        if (factor < 1) throw new IllegalArgumentException("downsampling factor must be >= 1: " + factor);
        float[] x = samples;
        int n = length;
        if (factor > 1) {
            if (rate % factor != 0) throw new IllegalArgumentException("rate " + rate + " is not divisible by " + factor);
            try (MonoStream s = new ResamplingStream(new ArrayStream(samples, length, rate), rate / factor)) {
                x = AudioFiles.readAll(s);
                n = x.length;
            }
        }
        float[][] out = new float[n][1];
        for (int i = 0; i < n; i++) out[i][0] = x[i];
        return out;
    }

    /** A stream over an in-memory array. */
    public static final class ArrayStream implements MonoStream {
        private final float[] x;
        private final int length, rate;
        private int pos;

        public ArrayStream(float[] x, int length, int rate) {
            this.x = x;
            this.length = length;
            this.rate = rate;
        }

        @Override public int sampleRate() { return rate; }
        @Override public String source() { return "memory"; }

        @Override public int read(float[] buf, int off, int len) {
            if (pos >= length) return -1;
            int n = Math.min(len, length - pos);
            System.arraycopy(x, pos, buf, off, n);
            pos += n;
            return n;
        }

        @Override public void close() {}
    }
}
