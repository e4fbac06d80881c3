package dev.recur.audio;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.recur.fuzz.FuzzChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Fuzzes {@link WavDecoder}: any bytes either decode to finite samples in [-1, 1] or fail with an
 * IOException naming the file. Seeds and past findings: src/test/resources/dev/recur/audio/WavFuzzTestInputs/wav.
 */
class WavFuzzTest {
    private static Path dir;

    @BeforeAll static void scratch() throws Exception { dir = FuzzChecks.scratch("wav"); }

    @AfterAll static void clean() throws Exception {
        try (var s = Files.list(dir)) { for (Path p : s.toList()) Files.deleteIfExists(p); }
        Files.deleteIfExists(dir);
    }

    @FuzzTest(maxDuration = "10m")
    void wav(byte[] input) throws Exception {
        Path file = dir.resolve("input.wav");
        Files.write(file, input);
        FuzzChecks.expectOnlyDocumentedErrors(() -> {
            try (WavDecoder d = WavDecoder.open(file)) {
                float[] buf = new float[1024];
                long frames = 0;
                for (int n; (n = d.read(buf, 0, buf.length)) >= 0; ) {
                    if (n == 0) throw new AssertionError("read returned 0 frames");
                    frames += n;
                    for (int i = 0; i < n; i++) {
                        if (!(Math.abs(buf[i]) <= 1f)) throw new AssertionError("sample " + buf[i] + " at frame " + (frames - n + i));
                    }
                    if (frames > 8L * input.length + 8) throw new AssertionError("more frames than the file can hold");
                }
            }
        });
    }

    /** Fuzzing findings: headers claiming 2049 and 16448 channels ran javax.sound out of memory (at -Xmx1g). */
    @org.junit.jupiter.api.Test void hugeChannelCountsAreRefusedBeforeDecoding() throws Exception {
        for (String f : new String[] {"crash-52bfbf31a37f386e37f215ee530db8821d8a638e", "crash-d545857dfc8e254b6cd0dbefe3d9da07417f9c6f"}) {
            Path file = dir.resolve(f + ".wav");
            try (var in = WavFuzzTest.class.getResourceAsStream("WavFuzzTestInputs/wav/" + f)) {
                Files.write(file, in.readAllBytes());
            }
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class, () -> WavDecoder.open(file).close());
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().startsWith(file + ": unsupported WAV format:")
                    && e.getMessage().contains("channels"), e.getMessage());
        }
    }
}
