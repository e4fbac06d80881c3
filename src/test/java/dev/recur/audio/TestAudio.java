package dev.recur.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Synthesized test signals and a minimal WAV writer, so tests need no binary fixtures. */
public final class TestAudio {
    private TestAudio() {}

    public enum Sample { U8, S16, S24, S32, F32 }

    public static float[] tone(double hz, double seconds, int rate, double amp) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / rate));
        return x;
    }

    public static float[] noise(double seconds, int rate, double amp, long seed) {
        Random r = new Random(seed);
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) x[i] = (float) (amp * (2 * r.nextDouble() - 1));
        return x;
    }

    /**
     * A music-like test signal evaluated at any rate: a few notes with harmonics below 8 kHz, changing every
     * half second, plus a slow tremolo. The same function sampled at 22050 and 44100 Hz is the same sound.
     */
    public static double music(double t) {
        double[] notes = {220, 277.18, 329.63, 440, 392, 246.94};
        int k = (int) Math.floor(t / 0.5);
        double f = notes[Math.floorMod(k, notes.length)];
        double v = 0;
        for (int h = 1; h <= 6; h++) v += Math.sin(2 * Math.PI * f * h * t + h) / h;
        v += 0.3 * Math.sin(2 * Math.PI * 3100 * t) * Math.sin(2 * Math.PI * 0.7 * t);
        // A quiet bed of partials up to 8.8 kHz so that every mel band holds real signal, not just noise floor.
        for (int p = 0; p < 32; p++) {
            double hz = 60 * Math.pow(8800 / 60.0, p / 31.0);
            v += 0.02 * Math.sin(2 * Math.PI * hz * t + 1.7 * p) * (1 + 0.5 * Math.sin(2 * Math.PI * (0.3 + 0.05 * p) * t));
        }
        return 0.25 * v * (0.75 + 0.25 * Math.sin(2 * Math.PI * 1.3 * t));
    }

    public static float[] music(double seconds, int rate) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) x[i] = (float) music(i / (double) rate);
        return x;
    }

    /** Writes channels {@code ch[c][i]} as a WAV file (format tag 1 for PCM, 3 for float). */
    public static void writeWav(Path file, int rate, Sample fmt, float[]... ch) throws IOException {
        int channels = ch.length, frames = ch[0].length;
        int bytes = switch (fmt) { case U8 -> 1; case S16 -> 2; case S24 -> 3; case S32, F32 -> 4; };
        int data = frames * channels * bytes;
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + data).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) (fmt == Sample.F32 ? 3 : 1)).putShort((short) channels)
                .putInt(rate).putInt(rate * channels * bytes).putShort((short) (channels * bytes)).putShort((short) (8 * bytes));
        b.put("data".getBytes()).putInt(data);
        for (int i = 0; i < frames; i++) {
            for (float[] c : ch) {
                double v = Math.max(-1, Math.min(1, c[i]));
                switch (fmt) {
                    case U8 -> b.put((byte) (Math.round(v * 127) + 128));
                    case S16 -> b.putShort((short) Math.round(v * 32767));
                    case S24 -> { int s = (int) Math.round(v * 8388607); b.put((byte) s).put((byte) (s >> 8)).put((byte) (s >> 16)); }
                    case S32 -> b.putInt((int) Math.round(v * 2147483647.0));
                    case F32 -> b.putFloat((float) v);
                }
            }
        }
        Files.write(file, b.array());
    }
}
