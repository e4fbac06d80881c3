package dev.recur.samples;

import dev.recur.files.AtomicFiles;

import javax.sound.sampled.AudioFileFormat;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Path;

/** Writes mono float samples in [-1, 1] as a 16-bit PCM WAV file (javax.sound.sampled), atomically. */
public final class Pcm16WavWriter {
    private Pcm16WavWriter() {}

    public static void write(Path file, float[] samples, int sampleRate) throws IOException {
        byte[] pcm = toPcm16(samples);
        AudioFormat format = new AudioFormat(sampleRate, 16, 1, true, false);
        AtomicFiles.write(file, out -> {
            try (AudioInputStream in = new AudioInputStream(new ByteArrayInputStream(pcm), format, samples.length)) {
                AudioSystem.write(in, AudioFileFormat.Type.WAVE, out);
            }
        });
    }

    /** Little-endian signed 16-bit; values outside [-1, 1] are clipped, rounding is to nearest. */
    static byte[] toPcm16(float[] samples) {
        byte[] b = new byte[samples.length * 2];
        for (int i = 0; i < samples.length; i++) {
            float x = Math.max(-1f, Math.min(1f, samples[i]));
            int v = Math.round(x * 32767f);
            b[2 * i] = (byte) v;
            b[2 * i + 1] = (byte) (v >> 8);
        }
        return b;
    }
}
