package dev.recur.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.*;

class Pcm16WavWriterTest {

    @Test void roundTripThroughJavaSound(@TempDir Path dir) throws Exception {
        float[] x = {0f, 0.5f, -0.5f, 1f, -1f, 1.7f, -3f, 1e-5f};
        Path f = dir.resolve("sub/x.wav");
        Pcm16WavWriter.write(f, x, 22050);
        try (AudioInputStream in = AudioSystem.getAudioInputStream(f.toFile())) {
            AudioFormat fmt = in.getFormat();
            assertEquals(22050f, fmt.getSampleRate());
            assertEquals(16, fmt.getSampleSizeInBits());
            assertEquals(1, fmt.getChannels());
            assertEquals(AudioFormat.Encoding.PCM_SIGNED, fmt.getEncoding());
            assertFalse(fmt.isBigEndian());
            assertEquals(x.length, in.getFrameLength());
            byte[] b = in.readAllBytes();
            // ±0.5 → ±16383.5, and Math.round rounds halves up
            short[] expected = {0, 16384, -16383, 32767, -32767, 32767, -32767, 0};
            for (int i = 0; i < x.length; i++) {
                assertEquals(expected[i], (short) ((b[2 * i] & 0xff) | (b[2 * i + 1] << 8)), "sample " + i);
            }
        }
        assertEquals(44 + 2 * x.length, Files.size(f));
        try (var files = Files.list(f.getParent())) {
            assertEquals(1, files.count(), "no temporary file left behind");
        }
    }
}
