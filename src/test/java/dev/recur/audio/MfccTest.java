package dev.recur.audio;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class MfccTest {
    private static final FeatureSettings S = FeatureSettings.defaults();

    @Test void nineSecondsGive387By13() {
        float[] x = TestAudio.music(9, 22050);
        assertEquals(198450, x.length);
        float[][] m = new Mfcc(S).compute(x, x.length);
        assertEquals(387, m.length);
        assertEquals(13, m[0].length);
    }

    @Test void matchesTarsosDspReference() {
        float[] x = TestAudio.music(3, 22050);
        float[] noise = TestAudio.noise(3, 22050, 0.05, 7);
        for (int i = 0; i < x.length; i++) x[i] += noise[i];
        float[][] ours = new Mfcc(S).compute(x, x.length);
        float[][] ref = TarsosMfcc.compute(x, x.length, S);
        assertEquals(ref.length, ours.length);
        double worst = 0;
        for (int t = 0; t < ref.length; t++) {
            for (int c = 0; c < 13; c++) {
                double diff = Math.abs(ours[t][c] - ref[t][c]) / Math.max(1, Math.abs(ref[t][c]));
                worst = Math.max(worst, diff);
            }
        }
        // Stated tolerance: 1e-4 relative (absolute below magnitude 1); both work in float (measured ~1e-5).
        assertTrue(worst < 1e-4, "worst relative difference " + worst);
    }

    @Test void silenceIsFinite() {
        float[] x = new float[22050 * 2];
        float[][] m = new Mfcc(S).compute(x, x.length);
        for (float[] row : m) {
            for (float v : row) assertTrue(Float.isFinite(v));
            assertEquals(Mfcc.LOG_FLOOR * S.melBands(), row[0], 1e-2);
            for (int c = 1; c < 13; c++) assertEquals(0, row[c], 1e-3);
        }
        float[][] d = new Mfcc(S.withDeltas(true)).compute(x, x.length);
        for (float[] row : d) for (float v : row) assertTrue(Float.isFinite(v));
    }

    @Test void toneLandsInItsMelBand() {
        int[] c = Mfcc.centerBins(S);
        Mfcc m = new Mfcc(S);
        for (int band : new int[] {5, 12, 20, 33}) {
            double hz = c[band + 1] * S.sampleRate() / (double) S.frameSize(); // centre of filter `band`
            float[] x = TestAudio.tone(hz, 1, 22050, 0.5);
            float[] mel = m.logMel(x, x.length, 4096);
            int best = 0;
            for (int k = 1; k < mel.length; k++) if (mel[k] > mel[best]) best = k;
            assertEquals(band, best, "tone at " + hz + " Hz");
        }
    }

    @Test void whiteNoiseIsFlatAfterFilterArea() {
        Mfcc m = new Mfcc(S);
        int[] c = Mfcc.centerBins(S);
        float[] x = TestAudio.noise(4, 22050, 0.5, 42);
        double[] mean = new double[S.melBands()];
        int frames = 0;
        for (int start = 0; start + 2048 <= x.length; start += 512, frames++) {
            float[] mel = m.logMel(x, x.length, start);
            for (int k = 0; k < mel.length; k++) mean[k] += mel[k];
        }
        // Triangular filters are not area-normalised: divide by each filter's weight sum (~ its width).
        double lo = Double.MAX_VALUE, hi = -Double.MAX_VALUE;
        for (int k = 2; k < mean.length; k++) { // the lowest filters span only a few bins
            double width = (c[k + 2] - c[k]) / 2.0 + 1;
            double v = mean[k] / frames - Math.log(width);
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        assertTrue(hi - lo < 0.35, "per-bin energy spread across bands " + (hi - lo) + " nepers");
    }

    @Test void deltasOfALinearRampAreItsSlope() {
        float[][] rows = new float[10][2];
        for (int t = 0; t < 10; t++) rows[t][0] = 3 * t;
        Deltas.append(rows, 1);
        for (int t = 2; t < 8; t++) assertEquals(3, rows[t][1], 1e-5);
    }
}
