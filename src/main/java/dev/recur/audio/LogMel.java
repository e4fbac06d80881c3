package dev.recur.audio;

import be.tarsos.dsp.util.fft.FloatFFT;

/**
 * Log-mel spectrogram frames: periodic Hann window of {@code frameSize}, power spectrum |X_k|², {@code melBands}
 * triangular filters whose edges and centres are equally spaced on the HTK mel scale
 * ({@code 2595·log10(1 + f/700)}) from {@code lowHz} to {@code highHz}, weighted on each bin's exact frequency
 * {@code k·sampleRate/frameSize} (peak 1, no area normalisation: torchaudio's {@code melscale_fbanks} with
 * {@code norm=None, mel_scale="htk"}), then the natural log floored at {@code ln(1e-10)} so silence stays
 * finite. Same framing as the MFCCs (a 9 s segment is [387, bands]). The reference is an independent numpy
 * implementation, src/test/python/logmel_reference.py, whose outputs are test fixtures.
 *
 * <p>Why a second front end: the MFCC's DCT keeps 13 smooth coefficients of the mel spectrum, which throws away
 * the detail of pitch and instrumentation that a convolution over the bands can use. Not thread-safe.
 */
public final class LogMel implements FrameAnalyzer {
    /** Bumped whenever the computation changes, so cached features of an older version are not reused. */
    public static final int ALGORITHM_VERSION = 1;
    /** Mel energies are floored at this before the log: ln(1e-10) ≈ −23.03 for silence. */
    public static final double ENERGY_FLOOR = 1e-10;

    private final FeatureSettings s;
    private final int n, half, bands;
    private final float[] window;
    private final FloatFFT fft;
    private final int[] filterStart;
    private final float[][] filterWeights;
    private final float[] frame, power;
    private final float logFloor = (float) Math.log(ENERGY_FLOOR);

    public LogMel(FeatureSettings settings) {
        if (settings.computesMfcc()) throw new IllegalArgumentException("LogMel needs log-mel settings, got kind " + settings.kind());
        this.s = settings;
        this.n = settings.frameSize();
        this.half = n / 2;
        this.bands = settings.melBands();
        this.window = new float[n];
        for (int i = 0; i < n; i++) window[i] = (float) (0.5 - 0.5 * Math.cos(2 * Math.PI * i / n));
        this.fft = new FloatFFT(n);
        double[][] fb = filterBank(settings);
        this.filterStart = new int[bands];
        this.filterWeights = new float[bands][];
        for (int b = 0; b < bands; b++) {
            int lo = 0, hi = half;
            while (lo <= half && fb[b][lo] == 0) lo++;
            while (hi >= lo && fb[b][hi] == 0) hi--;
            filterStart[b] = Math.min(lo, half);
            filterWeights[b] = new float[Math.max(0, hi - lo + 1)];
            for (int k = lo; k <= hi; k++) filterWeights[b][k - lo] = (float) fb[b][k];
        }
        this.frame = new float[n];
        this.power = new float[half + 1];
    }

    /** The filter bank, [bands][frameSize/2 + 1] weights on the FFT bins. */
    public static double[][] filterBank(FeatureSettings s) {
        int bands = s.melBands(), bins = s.frameSize() / 2 + 1;
        double m0 = mel(s.lowHz()), m1 = mel(s.highHz());
        double[] edge = new double[bands + 2];
        for (int i = 0; i < edge.length; i++) edge[i] = hz(m0 + (m1 - m0) * i / (bands + 1));
        double[][] fb = new double[bands][bins];
        for (int b = 0; b < bands; b++) {
            double lo = edge[b], c = edge[b + 1], hi = edge[b + 2];
            for (int k = 0; k < bins; k++) {
                double f = (double) k * s.sampleRate() / s.frameSize();
                fb[b][k] = Math.max(0, Math.min((f - lo) / (c - lo), (hi - f) / (hi - c)));
            }
        }
        return fb;
    }

    static double mel(double hz) { return 2595 * Math.log10(1 + hz / 700); }

    static double hz(double mel) { return 700 * (Math.pow(10, mel / 2595) - 1); }

    @Override public FeatureSettings settings() { return s; }

    @Override
    public void frame(float[] samples, int length, int start, float[] out) {
        float[] f = frame;
        int from = Math.max(0, -start), to = Math.min(n, length - start);
        if (from > 0 || to < n) java.util.Arrays.fill(f, 0f);
        for (int i = from; i < to; i++) f[i] = samples[start + i] * window[i];
        fft.realForward(f);
        // JTransforms packs Re(0) and Re(n/2) into f[0] and f[1]
        power[0] = f[0] * f[0];
        power[half] = f[1] * f[1];
        for (int k = 1; k < half; k++) power[k] = f[2 * k] * f[2 * k] + f[2 * k + 1] * f[2 * k + 1];
        for (int b = 0; b < bands; b++) {
            float[] w = filterWeights[b];
            int lo = filterStart[b];
            double acc = 0;
            for (int i = 0; i < w.length; i++) acc += power[lo + i] * w[i];
            float l = (float) Math.log(Math.max(acc, ENERGY_FLOOR));
            out[b] = l >= logFloor ? l : logFloor;   // also catches NaN
        }
    }
}
