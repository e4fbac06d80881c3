package dev.recur.audio;

import java.io.Serializable;
import java.util.Locale;

/**
 * How the frames of a track are computed: MFCCs ({@link Mfcc}, kind {@value #MFCC}) or log-mel spectrogram
 * frames ({@link LogMel}, kind {@value #LOGMEL}). Stored with every model (as JSON) so that inference
 * extracts exactly the features the model was trained on.
 *
 * @param sampleRate   rate every file is resampled to before analysis (Hz); default 22050
 * @param frameSize    analysis window length in samples, a power of two (FFT size); default 2048 (93 ms)
 * @param hopSize      samples between frame starts; default 512 (23 ms); a segment of n samples gives
 *                     {@code n / hopSize} frames (see {@link #frames(int)})
 * @param coefficients MFCCs per frame (DCT outputs kept, c0 included); default 13; not used by log-mel
 * @param melBands     triangular mel filters; default 40 (MFCC), 64 (log-mel: the values per frame)
 * @param lowHz        lower edge of the first mel filter (Hz; MFCC: at least 25 as in TarsosDSP); default 25
 *                     (MFCC), 0 (log-mel)
 * @param highHz       upper edge of the last mel filter (Hz, at most sampleRate / 2); default 11025
 * @param deltas       append first-order deltas (regression over +-2 frames), doubling the dimension
 * @param kind         {@value #MFCC} or {@value #LOGMEL}; null reads as MFCC (settings stored before log-mel)
 *
 * <p>Serializable so that Spark can ship the settings to its executors (a record is deserialized through its
 * canonical constructor, so they are checked again there).
 */
public record FeatureSettings(int sampleRate, int frameSize, int hopSize, int coefficients, int melBands,
                              double lowHz, double highHz, boolean deltas, String kind) implements Serializable {

    /** Bumped whenever the feature computation changes, so caches of older features are not reused. */
    public static final int ALGORITHM_VERSION = 1;

    public static final String MFCC = "mfcc", LOGMEL = "logmel";

    /** MFCC settings. */
    public FeatureSettings(int sampleRate, int frameSize, int hopSize, int coefficients, int melBands,
                           double lowHz, double highHz, boolean deltas) {
        this(sampleRate, frameSize, hopSize, coefficients, melBands, lowHz, highHz, deltas, MFCC);
    }

    public FeatureSettings {
        kind = kind == null ? MFCC : kind.toLowerCase(Locale.ROOT);
        if (!kind.equals(MFCC) && !kind.equals(LOGMEL)) throw new IllegalArgumentException("feature kind must be mfcc or logmel, got " + kind);
        if (sampleRate < 1000 || sampleRate > 384_000) throw new IllegalArgumentException("sample rate out of range: " + sampleRate);
        if (frameSize < 64 || Integer.bitCount(frameSize) != 1) throw new IllegalArgumentException("frame size must be a power of two >= 64: " + frameSize);
        if (hopSize < 1 || hopSize > frameSize) throw new IllegalArgumentException("hop must be in 1.." + frameSize + ": " + hopSize);
        if (melBands < 2) throw new IllegalArgumentException("need at least 2 mel bands: " + melBands);
        if (kind.equals(LOGMEL) && coefficients > melBands) coefficients = melBands;   // unused by log-mel
        if (coefficients < 1 || coefficients > melBands) throw new IllegalArgumentException("coefficients must be in 1.." + melBands + ": " + coefficients);
        if (lowHz < (kind.equals(MFCC) ? 25 : 0)) throw new IllegalArgumentException("lowest mel frequency must be >= " + (kind.equals(MFCC) ? 25 : 0) + " Hz: " + lowHz);
        if (highHz <= lowHz || highHz > sampleRate / 2.0) throw new IllegalArgumentException("highest mel frequency must be in (" + lowHz + ", " + sampleRate / 2.0 + "]: " + highHz);
    }

    public static FeatureSettings defaults() {
        return new FeatureSettings(22050, 2048, 512, 13, 40, 25, 11025, false);
    }

    /**
     * Log-mel frames with {@code bands} bands over 0 Hz … sampleRate / 2 and the MFCC defaults' rate, window
     * and hop (so a 9 s segment is [387, bands] too).
     */
    public static FeatureSettings logMel(int bands) {
        FeatureSettings d = defaults();
        return new FeatureSettings(d.sampleRate, d.frameSize, d.hopSize, Math.min(d.coefficients, bands), bands, 0, d.sampleRate / 2.0, false, LOGMEL);
    }

    public FeatureSettings withDeltas(boolean d) {
        return new FeatureSettings(sampleRate, frameSize, hopSize, coefficients, melBands, lowHz, highHz, d, kind);
    }

    public boolean computesMfcc() { return kind.equals(MFCC); }

    /** Values per frame before deltas: the coefficients (MFCC) or the bands (log-mel). */
    public int baseDims() { return computesMfcc() ? coefficients : melBands; }

    /** Values per frame: {@link #baseDims()}, twice that with deltas. */
    public int dims() { return deltas ? 2 * baseDims() : baseDims(); }

    /** A new analyser of single frames for these settings (not thread-safe: one per thread). */
    public FrameAnalyzer analyzer() { return computesMfcc() ? new Mfcc(this) : new LogMel(this); }

    /**
     * Frames for {@code samples} samples: one frame per whole hop. Frame t is centred on the middle of hop
     * block [t*hop, (t+1)*hop) and zero-padded where it reaches past the segment, so a 9 s segment at
     * 22050 Hz (198450 samples) gives floor(198450 / 512) = 387 frames.
     */
    public int frames(int samples) { return samples / hopSize; }

    /** Canonical text of every setting that changes the numbers; part of cache keys. */
    public String key() {
        if (!computesMfcc()) {
            return String.format(Locale.ROOT, "logmel-v%d sr=%d frame=%d hop=%d mel=%d low=%s high=%s deltas=%b",
                    LogMel.ALGORITHM_VERSION, sampleRate, frameSize, hopSize, melBands, lowHz, highHz, deltas);
        }
        return String.format(Locale.ROOT, "mfcc-v%d sr=%d frame=%d hop=%d coef=%d mel=%d low=%s high=%s deltas=%b",
                ALGORITHM_VERSION, sampleRate, frameSize, hopSize, coefficients, melBands, lowHz, highHz, deltas);
    }
}
