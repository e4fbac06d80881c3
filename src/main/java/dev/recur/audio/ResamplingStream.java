package dev.recur.audio;

import be.tarsos.dsp.resample.Resampler;

import java.io.IOException;

/**
 * Converts a stream to another sample rate with TarsosDSP's port of libresample: a Kaiser-windowed sinc
 * low-pass (roll-off 0.90 of the lower Nyquist, 35 zero crossings in high-quality mode), so downsampling
 * does not alias. Works block by block; output sample k is aligned with input time k / factor.
 */
public final class ResamplingStream implements MonoStream {
    private final MonoStream src;
    private final int rate;
    private final double factor;
    private final Resampler resampler;
    private final float[] in = new float[8192];
    private int inStart, inEnd;
    private boolean srcDone, finished;
    private long consumed, produced;

    public ResamplingStream(MonoStream src, int targetRate) {
        if (targetRate <= 0) throw new IllegalArgumentException("target rate must be positive: " + targetRate);
        this.src = src;
        this.rate = targetRate;
        this.factor = targetRate / (double) src.sampleRate();
        this.resampler = new Resampler(true, factor, factor);
    }

    /** Returns {@code src} itself when it already has the target rate. */
    public static MonoStream to(MonoStream src, int targetRate) {
        return src.sampleRate() == targetRate ? src : new ResamplingStream(src, targetRate);
    }

    @Override public int sampleRate() { return rate; }
    @Override public String source() { return src.source(); }

    @Override
    public int read(float[] buf, int off, int len) throws IOException {
        if (finished) return -1;
        while (true) {
            if (inStart == inEnd && !srcDone) {
                inStart = 0;
                int n = src.read(in, 0, in.length);
                if (n < 0) { srcDone = true; inEnd = 0; } else inEnd = n;
            }
            int cap = len;
            if (srcDone) {
                // libresample keeps emitting zero padding past the end; stop at the expected length.
                long expected = (long) Math.floor(consumed * factor + 1e-9);
                cap = (int) Math.min(len, expected - produced);
                if (cap <= 0) { finished = true; return -1; }
            }
            Resampler.Result r = resampler.process(factor, in, inStart, inEnd - inStart, srcDone, buf, off, cap);
            inStart += r.inputSamplesConsumed;
            consumed += r.inputSamplesConsumed;
            produced += r.outputSamplesGenerated;
            if (r.outputSamplesGenerated > 0) return r.outputSamplesGenerated;
            if (srcDone && r.inputSamplesConsumed == 0) { finished = true; return -1; }
        }
    }

    @Override public void close() throws IOException { src.close(); }
}
