package dev.recur.audio;

import dev.recur.audio.TestAudio.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class SegmentTest {
    @TempDir Path dir;

    private static List<Segment> cut(float[] x, SegmentSettings s) throws IOException {
        Segmenter seg = new Segmenter(new Waveform.ArrayStream(x, x.length, 22050), s);
        List<Segment> out = new ArrayList<>();
        for (Segment g; (g = seg.next()) != null; ) out.add(g);
        return out;
    }

    @Test void thirtySecondsGiveThreeNineSecondSegments() throws IOException {
        float[] x = new float[30 * 22050];
        for (int i = 0; i < x.length; i++) x[i] = i;
        List<Segment> s = cut(x, SegmentSettings.defaults());
        assertEquals(3, s.size());
        for (int k = 0; k < 3; k++) {
            assertEquals(198450, s.get(k).samples().length);
            assertEquals(k * 198450L, s.get(k).start());
            assertEquals(x[k * 198450 + 17], s.get(k).samples()[17]);
        }
        List<Segment> padded = cut(x, new SegmentSettings(9, 0, true));
        assertEquals(4, padded.size());
        Segment last = padded.get(3);
        assertEquals(30 * 22050 - 3 * 198450, last.valid());
        assertEquals(0f, last.samples()[198449]);
        assertEquals(x[3 * 198450], last.samples()[0]);
    }

    @Test void overlapSharesSamples() throws IOException {
        float[] x = new float[10 * 22050];
        for (int i = 0; i < x.length; i++) x[i] = i;
        List<Segment> s = cut(x, new SegmentSettings(4, 0.5, false)); // starts 0, 2, 4, 6 s
        assertEquals(4, s.size());
        for (Segment g : s) {
            assertEquals(g.index() * 2L * 22050, g.start());
            for (int i = 0; i < g.samples().length; i += 997) assertEquals(x[(int) g.start() + i], g.samples()[i]);
        }
    }

    /** Ten minutes of audio stream through: the segmenter never reads more than the segment it returns. */
    @Test void longTracksStreamSegmentBySegment() throws IOException {
        long total = 10L * 60 * 22050;
        long[] served = {0};
        MonoStream tenMinutes = new MonoStream() {
            @Override public int sampleRate() { return 22050; }
            @Override public String source() { return "generator"; }
            @Override public int read(float[] buf, int off, int len) {
                if (served[0] == total) return -1;
                int n = (int) Math.min(Math.min(len, 4096), total - served[0]);
                for (int i = 0; i < n; i++) buf[off + i] = (float) Math.sin((served[0] + i) * 0.01);
                served[0] += n;
                return n;
            }
            @Override public void close() {}
        };
        Segmenter seg = new Segmenter(new ResamplingStream(tenMinutes, 11025), SegmentSettings.defaults());
        Segment first = seg.next();
        assertEquals(9 * 11025, first.samples().length);
        assertTrue(served[0] < 2 * 9 * 22050 + 20_000, "read ahead " + served[0] + " samples for one segment");
        int count = 1;
        while (seg.next() != null) count++;
        assertEquals(66, count); // 600 s / 9 s
        assertEquals(total, served[0]);
    }

    @Test void shortTrackGivesNoSegmentUnlessPadded() throws IOException {
        float[] x = new float[22050 * 4];
        assertEquals(0, cut(x, SegmentSettings.defaults()).size());
        assertEquals(1, cut(x, new SegmentSettings(9, 0, true)).size());
    }

    @Test void waveformSeriesIsTByOneAndDownsamples() throws IOException {
        float[] x = TestAudio.tone(100, 1, 22050, 0.5);
        float[][] full = Waveform.series(x, x.length, 22050, 1);
        assertEquals(22050, full.length);
        assertEquals(1, full[0].length);
        float[][] down = Waveform.series(x, x.length, 22050, 10);
        assertEquals(2205, down.length);
        for (int i = 100; i < 2100; i++) assertEquals(x[10 * i], down[i][0], 0.01);
    }

    /**
     * The same sound stored as 44.1 kHz stereo 24-bit (with a 15 kHz tone that resampling must remove, and
     * opposite-phase side content that mixing to mono cancels) and as 22050 Hz mono 16-bit gives the same
     * features. The resampler rolls off above 0.9 of the new Nyquist (9.9 kHz), so the stated tolerances are:
     * log-mel bands centred below 9 kHz within 0.01 (natural log) mean absolute difference (measured 0.004),
     * MFCCs from a 25-9000 Hz filter bank within 0.05 (measured 0.036); with the default 25-11025 Hz bank the
     * two top bands differ and the MFCCs stay within 0.3 (measured 0.22; c0 is about 130 here).
     */
    @Test void resampledStereoTwinGivesTheSameFeatures() throws IOException {
        double seconds = 3;
        float[] mono = TestAudio.music(seconds, 22050);
        float[] hiL = TestAudio.music(seconds, 44100), hiR = hiL.clone();
        float[] side = TestAudio.tone(2000, seconds, 44100, 0.1), air = TestAudio.tone(15000, seconds, 44100, 0.1);
        for (int i = 0; i < hiL.length; i++) {
            hiL[i] += side[i] + air[i];
            hiR[i] += -side[i] + air[i];
        }
        Path a = dir.resolve("twin22.wav"), b = dir.resolve("twin44.wav");
        TestAudio.writeWav(a, 22050, Sample.S16, mono);
        TestAudio.writeWav(b, 44100, Sample.S24, hiL, hiR);
        float[] x = AudioFiles.readAll(a, 22050), y = AudioFiles.readAll(b, 22050);
        assertEquals(x.length, y.length);

        FeatureSettings fs = FeatureSettings.defaults();
        int[] centre = Mfcc.centerBins(fs);
        Mfcc m = new Mfcc(fs);
        double bandDiff = 0;
        int count = 0;
        for (int start = 2048; start + 4096 < x.length; start += 1024) {
            float[] lx = m.logMel(x, x.length, start), ly = m.logMel(y, y.length, start);
            for (int k = 0; k < lx.length; k++) {
                if (centre[k + 1] * 22050.0 / 2048 >= 9000) continue;
                bandDiff += Math.abs(lx[k] - ly[k]);
                count++;
            }
        }
        bandDiff /= count;
        double narrow = meanMfccDiff(new FeatureSettings(22050, 2048, 512, 13, 40, 25, 9000, false), x, y);
        double full = meanMfccDiff(fs, x, y);
        System.out.printf("twin: log-mel below 9 kHz %.4f, MFCC 25-9000 Hz %.4f, MFCC default %.4f%n", bandDiff, narrow, full);
        assertTrue(bandDiff < 0.01, "log-mel difference " + bandDiff);
        assertTrue(narrow < 0.05, "MFCC difference (25-9000 Hz) " + narrow);
        assertTrue(full < 0.3, "MFCC difference (default) " + full);
    }

    private static double meanMfccDiff(FeatureSettings fs, float[] x, float[] y) {
        float[][] mx = new Mfcc(fs).compute(x, x.length), my = new Mfcc(fs).compute(y, y.length);
        double sum = 0;
        int count = 0;
        for (int t = 2; t < mx.length - 2; t++) { // edge frames see the resampler's start/end transients
            for (int c = 0; c < fs.coefficients(); c++, count++) sum += Math.abs(mx[t][c] - my[t][c]);
        }
        return sum / count;
    }
}
