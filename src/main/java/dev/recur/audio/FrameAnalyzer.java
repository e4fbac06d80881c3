package dev.recur.audio;

/**
 * Turns windows of mono samples into feature frames ({@link Mfcc}, {@link LogMel}), with the framing rule of
 * {@link FeatureSettings#frames(int)}: frame t is centred on the middle of hop block t and zero-padded where it
 * reaches outside the samples. Not thread-safe: one instance per thread ({@link FeatureSettings#analyzer()}).
 */
public interface FrameAnalyzer {

    FeatureSettings settings();

    /**
     * Writes the {@link FeatureSettings#baseDims()} values of the frame whose window starts at sample
     * {@code start} (may be negative; samples outside {@code [0, length)} count as zeros) into {@code out}.
     */
    void frame(float[] samples, int length, int start, float[] out);

    /** Frames of {@code samples[0..length)}: {@code [length / hop][dims]}, deltas appended when the settings ask. */
    default float[][] compute(float[] samples, int length) {
        FeatureSettings s = settings();
        int frames = s.frames(length), hop = s.hopSize(), half = s.frameSize() / 2;
        float[][] out = new float[frames][s.dims()];
        for (int t = 0; t < frames; t++) frame(samples, length, t * hop + hop / 2 - half, out[t]);
        if (s.deltas()) Deltas.append(out, s.baseDims());
        return out;
    }
}
