package dev.recur.samples;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.*;

class StyleSynthTest {

    @Test void sameSeedSameSamplesOtherSeedOtherSamples() {
        for (Style s : Style.values()) {
            float[] a = StyleSynth.render(s, 7, 0.5), b = StyleSynth.render(s, 7, 0.5), c = StyleSynth.render(s, 8, 0.5);
            assertArrayEquals(a, b, s.label());
            assertFalse(java.util.Arrays.equals(a, c), s.label());
        }
    }

    @Test void lengthAndLoudnessAreAsDocumented() {
        for (Style s : Style.values()) {
            for (long seed = 0; seed < 5; seed++) {
                float[] x = StyleSynth.render(s, seed, 1.0);
                assertEquals(22050, x.length);
                double peak = 0;
                for (float v : x) { assertTrue(Float.isFinite(v)); peak = Math.max(peak, Math.abs(v)); }
                double dbfs = 20 * Math.log10(peak);
                assertTrue(dbfs >= -12.001 && dbfs <= -0.999, s + " seed " + seed + ": peak " + dbfs + " dBFS");
            }
        }
    }

    /** Noise styles have a flat spectrum, tonal styles a peaky one: the classes really differ. */
    @Test void ambientAndDrumsAreNoisyTonalStylesAreNot() {
        for (long seed = 0; seed < 3; seed++) {
            double ambient = flatness(StyleSynth.render(Style.AMBIENT, seed, 1.0));
            double organ = flatness(StyleSynth.render(Style.ORGAN, seed, 1.0));
            double piano = flatness(StyleSynth.render(Style.PIANO, seed, 1.0));
            double drums = flatness(StyleSynth.render(Style.DRUMS, seed, 1.0));
            assertTrue(ambient > 5 * organ && ambient > 5 * piano, "ambient " + ambient + " organ " + organ + " piano " + piano);
            assertTrue(drums > 5 * organ, "drums " + drums + " organ " + organ);
        }
    }

    @Test void organHasNoDcOffset() {
        float[] x = StyleSynth.render(Style.ORGAN, 3, 1.0);
        double mean = 0;
        for (float v : x) mean += v;
        assertEquals(0, mean / x.length, 1e-3);
    }

    @Test void rejectsBadLengthAndUnknownLabel() {
        assertThrows(IllegalArgumentException.class, () -> StyleSynth.render(Style.PIANO, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> StyleSynth.render(Style.PIANO, 1, Double.NaN));
        assertEquals(Style.CHIPTUNE, Style.ofLabel("Chiptune"));
        var e = assertThrows(IllegalArgumentException.class, () -> Style.ofLabel("jazz"));
        assertTrue(e.getMessage().contains("jazz") && e.getMessage().contains("piano"));
    }

    /** Spectral flatness (geometric / arithmetic mean of the power) between 100 and 2000 Hz of one 1024-sample frame, 0..1. */
    static double flatness(float[] x) {
        int n = 1024, off = x.length / 2;
        double logSum = 0, sum = 0;
        for (int k = 5; k <= 93; k++) {
            double re = 0, im = 0;
            for (int i = 0; i < n; i++) {
                double w = 0.5 - 0.5 * Math.cos(2 * Math.PI * i / n);
                re += w * x[off + i] * Math.cos(2 * Math.PI * k * i / n);
                im -= w * x[off + i] * Math.sin(2 * Math.PI * k * i / n);
            }
            double p = re * re + im * im + 1e-20;
            logSum += Math.log(p);
            sum += p;
        }
        int m = 93 - 5 + 1;
        return Math.exp(logSum / m) / (sum / m);
    }
}
