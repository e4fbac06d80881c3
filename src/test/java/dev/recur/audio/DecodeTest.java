package dev.recur.audio;

import dev.recur.audio.TestAudio.Sample;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

class DecodeTest {
    @TempDir Path dir;

    @ParameterizedTest @EnumSource(Sample.class)
    void everySampleFormatDecodesToTheSameSignal(Sample fmt) throws IOException {
        float[] x = TestAudio.tone(440, 0.5, 22050, 0.5);
        Path f = dir.resolve(fmt + ".wav");
        TestAudio.writeWav(f, 22050, fmt, x);
        float[] y = AudioFiles.readAll(f, 22050);
        assertEquals(x.length, y.length);
        double tol = fmt == Sample.U8 ? 1.0 / 100 : 1e-4;
        for (int i = 0; i < x.length; i++) assertEquals(x[i], y[i], tol, "sample " + i);
    }

    @Test void channelsAreAveraged() throws IOException {
        float[] a = TestAudio.tone(300, 0.2, 22050, 0.4), b = TestAudio.tone(700, 0.2, 22050, 0.4);
        float[] c = new float[a.length];
        Path f = dir.resolve("three.wav");
        TestAudio.writeWav(f, 22050, Sample.F32, a, b, c);
        float[] y = AudioFiles.readAll(f, 22050);
        for (int i = 0; i < a.length; i++) assertEquals((a[i] + b[i]) / 3, y[i], 1e-6);
    }

    @Test void resamplingKeepsToneAndLengthAndRemovesAliases() throws IOException {
        int in = 44100;
        float[] x = TestAudio.tone(1000, 1, in, 0.5);
        float[] alias = TestAudio.tone(15000, 1, in, 0.5); // above the new Nyquist: must vanish, not fold to 7050 Hz
        for (int i = 0; i < x.length; i++) x[i] += alias[i];
        try (MonoStream s = new ResamplingStream(new ArrayStream(x, in), 22050)) {
            float[] y = AudioFiles.readAll(s);
            assertEquals(22050, y.length);
            float[] want = TestAudio.tone(1000, 1, 22050, 0.5);
            double err = 0;
            for (int i = 200; i < y.length - 200; i++) err = Math.max(err, Math.abs(y[i] - want[i]));
            assertTrue(err < 0.01, "max error " + err);
        }
    }

    @ParameterizedTest @org.junit.jupiter.params.provider.ValueSource(ints = {8000, 11025, 16000, 32000, 44100, 48000, 96000})
    void anyRateResamplesToTheSameTone(int rate) throws IOException {
        Path f = dir.resolve("tone" + rate + ".wav");
        TestAudio.writeWav(f, rate, Sample.F32, TestAudio.tone(1000, 1.5, rate, 0.5));
        float[] y = AudioFiles.readAll(f, 22050);
        assertEquals(33075, y.length, 1);
        float[] want = TestAudio.tone(1000, 1.5, 22050, 0.5);
        double err = 0;
        for (int i = 300; i < y.length - 300; i++) err = Math.max(err, Math.abs(y[i] - want[i]));
        assertTrue(err < 0.01, rate + " Hz: max error " + err);
    }

    /** 44.1 to 22.05 kHz: flat to 9 kHz, -6 dB at 9.9 kHz, and what would alias (above 11.025 kHz) is gone. */
    @Test void downsamplingResponse() throws IOException {
        assertEquals(0, gainDb(1000), 0.1);
        assertEquals(0, gainDb(9000), 0.5);
        assertEquals(-6, gainDb(9922), 1);
        assertTrue(gainDb(11500) < -60, "11.5 kHz leaks at " + gainDb(11500) + " dB");
        assertTrue(gainDb(15000) < -60, "15 kHz leaks at " + gainDb(15000) + " dB");
    }

    private static double gainDb(double hz) throws IOException {
        float[] x = TestAudio.tone(hz, 1, 44100, 0.5);
        float[] y = AudioFiles.readAll(new ResamplingStream(new ArrayStream(x, 44100), 22050));
        double e = 0;
        for (int i = 2000; i < y.length - 2000; i++) e += y[i] * y[i];
        return 20 * Math.log10(Math.sqrt(e / (y.length - 4000)) / (0.5 / Math.sqrt(2)));
    }

    @Test void upsamplingWorksToo() throws IOException {
        float[] x = TestAudio.tone(500, 1, 8000, 0.5);
        try (MonoStream s = new ResamplingStream(new ArrayStream(x, 8000), 22050)) {
            float[] y = AudioFiles.readAll(s);
            assertEquals(22050, y.length);
            float[] want = TestAudio.tone(500, 1, 22050, 0.5);
            double err = 0;
            for (int i = 200; i < y.length - 200; i++) err = Math.max(err, Math.abs(y[i] - want[i]));
            assertTrue(err < 0.01, "max error " + err);
        }
    }

    @Test void badFilesGiveOneLineNamingTheFile() throws IOException {
        Path empty = Files.createFile(dir.resolve("empty.wav"));
        Path text = Files.writeString(dir.resolve("notes.wav"), "this is not audio at all, just text\n".repeat(20));
        Path good = dir.resolve("good.wav");
        TestAudio.writeWav(good, 22050, Sample.S16, TestAudio.tone(440, 1, 22050, 0.5));
        byte[] all = Files.readAllBytes(good);
        Path truncated = Files.write(dir.resolve("truncated.wav"), Arrays.copyOf(all, all.length / 2));
        Path zero = dir.resolve("zero.wav");
        TestAudio.writeWav(zero, 22050, Sample.S16, new float[0]);
        Path header = Files.write(dir.resolve("header.wav"), Arrays.copyOf(all, 20));
        assertMessage(empty, "empty file");
        assertMessage(text, "not a readable WAV");
        assertMessage(truncated, "truncated");
        assertMessage(zero, "no audio samples");
        assertMessage(header, "");
        assertMessage(dir.resolve("missing.wav"), "no such file");
    }

    /** ffmpeg writing WAV to a pipe leaves 0xFFFFFFFF in the size fields: that is "unknown", not truncated. */
    @Test void streamedWavWithUnknownLengthDecodes() throws IOException {
        float[] x = TestAudio.tone(440, 0.5, 22050, 0.5);
        Path f = dir.resolve("streamed.wav");
        TestAudio.writeWav(f, 22050, Sample.S16, x);
        byte[] b = Files.readAllBytes(f);
        for (int i : new int[] {4, 40}) { b[i] = b[i + 1] = b[i + 2] = b[i + 3] = (byte) 0xff; }
        Files.write(f, b);
        float[] y = AudioFiles.readAll(f, 22050);
        assertEquals(x.length, y.length);
        assertEquals(x[100], y[100], 1e-4);
    }

    private static void assertMessage(Path f, String part) {
        IOException e = assertThrows(IOException.class, () -> AudioFiles.readAll(f, 22050));
        assertTrue(e.getMessage().startsWith(f.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains(part), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
    }

    @Test void ffmpegDecodesOtherFormatsOrNamesTheMissingTool() throws Exception {
        Path wav = dir.resolve("tone.wav");
        TestAudio.writeWav(wav, 44100, Sample.S16, TestAudio.tone(440, 1, 44100, 0.5));
        Path flac = dir.resolve("tone.flac");
        if (FfmpegDecoder.find() == null) {
            Files.write(flac, new byte[100]);
            IOException e = assertThrows(IOException.class, () -> AudioFiles.readAll(flac, 22050));
            assertTrue(e.getMessage().contains("needs ffmpeg"), e.getMessage());
            return;
        }
        Process p = new ProcessBuilder("ffmpeg", "-nostdin", "-v", "error", "-i", wav.toString(), flac.toString())
                .redirectErrorStream(true).start();
        assertEquals(0, p.waitFor());
        float[] y = AudioFiles.readAll(flac, 22050);
        assertEquals(22050, y.length, 64);
        float[] want = TestAudio.tone(440, 1, 22050, 0.5);
        double err = 0;
        for (int i = 500; i < 21000; i++) err = Math.max(err, Math.abs(y[i] - want[i]));
        assertTrue(err < 0.02, "max error " + err);
        Path junk = Files.writeString(dir.resolve("junk.mp3"), "not an mp3");
        IOException e = assertThrows(IOException.class, () -> AudioFiles.readAll(junk, 22050));
        assertTrue(e.getMessage().startsWith(junk + ": ffmpeg could not decode it"), e.getMessage());
    }

    /** A stream over an array, for resampler tests. */
    static final class ArrayStream implements MonoStream {
        private final float[] x;
        private final int rate;
        private int pos;
        ArrayStream(float[] x, int rate) { this.x = x; this.rate = rate; }
        @Override public int sampleRate() { return rate; }
        @Override public String source() { return "array"; }
        @Override public int read(float[] buf, int off, int len) {
            if (pos == x.length) return -1;
            int n = Math.min(Math.min(len, 1000), x.length - pos); // odd block sizes on purpose
            System.arraycopy(x, pos, buf, off, n);
            pos += n;
            return n;
        }
        @Override public void close() {}
    }
}
