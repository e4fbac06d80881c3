package dev.recur.reliability;

import dev.recur.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Feature extraction streams: {@code recur features} on a generated one-hour WAV (22050 Hz, 16-bit mono,
 * 159 MB: 79 M samples, more than a 256 MB heap holds as floats) in a child JVM limited to {@code -Xmx256m}
 * finishes and writes every frame. (About 12 s on the build machine, so the full hour is kept.)
 */
public class LongAudioMemoryTest {
    static final int RATE = 22050;
    static final int SECONDS = 3600;

    @Test void oneHourWavThroughMfccInA256MbHeap(@TempDir Path dir) throws Exception {
        Path wav = dir.resolve("hour.wav");
        writeWav(wav, RATE, SECONDS);
        assertEquals(44 + 2L * RATE * SECONDS, Files.size(wav));
        Path csv = dir.resolve("hour.csv");
        Path log = dir.resolve("child.log");
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-modules", "jdk.incubator.vector", "-Xmx256m", "-XX:+ExitOnOutOfMemoryError", "-Djava.awt.headless=true",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                "features", wav.toString(), "--out", csv.toString(), "--cache", dir.resolve("cache").toString());
        Process p = new ProcessBuilder(cmd).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.to(log.toFile())).start();
        try {
            assertTrue(p.waitFor(5, TimeUnit.MINUTES), "timed out");
        } finally {
            p.destroyForcibly();
        }
        assertEquals(0, p.exitValue(), Files.readString(log));
        // 400 segments of 9 s; a segment of 198450 samples gives 198450 / 512 = 387 frames
        long lines;
        try (var s = Files.lines(csv)) {
            lines = s.count();
        }
        assertEquals(1 + 400L * 387, lines, "header + one line per frame");
    }

    /** A 440 Hz tone with a slow sweep and a little noise, written in blocks (never held in memory whole). */
    public static void writeWav(Path file, int rate, int seconds) throws IOException {
        long samples = (long) rate * seconds;
        long dataBytes = samples * 2;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20)) {
            ByteBuffer h = ByteBuffer.allocate(44).order(ByteOrder.LITTLE_ENDIAN);
            h.put("RIFF".getBytes()).putInt((int) (36 + dataBytes)).put("WAVE".getBytes());
            h.put("fmt ".getBytes()).putInt(16).putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2)
                    .putShort((short) 2).putShort((short) 16);
            h.put("data".getBytes()).putInt((int) dataBytes);
            out.write(h.array());
            short[] table = new short[rate];
            for (int i = 0; i < rate; i++) table[i] = (short) (8000 * Math.sin(2 * Math.PI * 440 * i / rate));
            byte[] block = new byte[1 << 16];
            long noise = 12345;
            int fill = 0;
            for (long i = 0; i < samples; i++) {
                noise = noise * 6364136223846793005L + 1442695040888963407L;
                int v = table[(int) ((i * (1 + (i / rate) % 3)) % rate)] + (int) (noise >>> 54) - 512;
                block[fill++] = (byte) v;
                block[fill++] = (byte) (v >> 8);
                if (fill == block.length) {
                    out.write(block);
                    fill = 0;
                }
            }
            out.write(block, 0, fill);
        }
    }
}
