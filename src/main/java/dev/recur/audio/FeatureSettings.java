package dev.recur.audio;

import java.util.Locale;

/**
 * How MFCCs are computed. Stored with every model (as JSON) so that inference extracts exactly the features
 * the model was trained on.
 *
 * @param sampleRate   rate every file is resampled to before analysis (Hz); default 22050
 * @param frameSize    analysis window length in samples, a power of two (FFT size); default 2048 (93 ms)
 * @param hopSize      samples between frame starts; default 512 (23 ms); a segment of n samples gives
 *                     {@code n / hopSize} frames (see {@link #frames(int)})
 * @param coefficients MFCCs per frame (DCT outputs kept, c0 included); default 13
 * @param melBands     triangular mel filters; default 40
 * @param lowHz        lower edge of the first mel filter (Hz, at least 25 as in TarsosDSP); default 25
 * @param highHz       upper edge of the last mel filter (Hz, at most sampleRate / 2); default 11025
 * @param deltas       append first-order deltas (regression over +-2 frames), doubling the dimension
 */
public record FeatureSettings(int sampleRate, int frameSize, int hopSize, int coefficients, int melBands,
                              double lowHz, double highHz, boolean deltas) {

    /** Bumped whenever the feature computation changes, so caches of older features are not reused. */
    public static final int ALGORITHM_VERSION = 1;

    public FeatureSettings {
        if (sampleRate < 1000 || sampleRate > 384_000) throw new IllegalArgumentException("sample rate out of range: " + sampleRate);
        if (frameSize < 64 || Integer.bitCount(frameSize) != 1) throw new IllegalArgumentException("frame size must be a power of two >= 64: " + frameSize);
        if (hopSize < 1 || hopSize > frameSize) throw new IllegalArgumentException("hop must be in 1.." + frameSize + ": " + hopSize);
        if (melBands < 2) throw new IllegalArgumentException("need at least 2 mel bands: " + melBands);
        if (coefficients < 1 || coefficients > melBands) throw new IllegalArgumentException("coefficients must be in 1.." + melBands + ": " + coefficients);
        if (lowHz < 25) throw new IllegalArgumentException("lowest mel frequency must be >= 25 Hz: " + lowHz);
        if (highHz <= lowHz || highHz > sampleRate / 2.0) throw new IllegalArgumentException("highest mel frequency must be in (" + lowHz + ", " + sampleRate / 2.0 + "]: " + highHz);
    }

    public static FeatureSettings defaults() {
        return new FeatureSettings(22050, 2048, 512, 13, 40, 25, 11025, false);
    }

    public FeatureSettings withDeltas(boolean d) {
        return new FeatureSettings(sampleRate, frameSize, hopSize, coefficients, melBands, lowHz, highHz, d);
    }

    /** Values per frame: coefficients, twice that with deltas. */
    public int dims() { return deltas ? 2 * coefficients : coefficients; }

    /**
     * Frames for {@code samples} samples: one frame per whole hop. Frame t is centred on the middle of hop
     * block [t*hop, (t+1)*hop) and zero-padded where it reaches past the segment, so a 9 s segment at
     * 22050 Hz (198450 samples) gives floor(198450 / 512) = 387 frames.
     */
    public int frames(int samples) { return samples / hopSize; }

    /** Canonical text of every setting that changes the numbers; part of cache keys. */
    public String key() {
        return String.format(Locale.ROOT, "mfcc-v%d sr=%d frame=%d hop=%d coef=%d mel=%d low=%s high=%s deltas=%b",
                ALGORITHM_VERSION, sampleRate, frameSize, hopSize, coefficients, melBands, lowHz, highHz, deltas);
    }
}
