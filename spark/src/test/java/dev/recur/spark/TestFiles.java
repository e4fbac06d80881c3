package dev.recur.spark;

import dev.recur.samples.Pcm16WavWriter;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * Test input: twelve bundled sample clips (2.5 s, 22050 Hz), a 0.4 s tone, and the bad files a real archive
 * holds: a truncated WAV, an empty one, text named .wav, and a text file no audio glob matches.
 */
final class TestFiles {
    private TestFiles() {}

    static final Path SAMPLES = Path.of("../samples/genres").toAbsolutePath().normalize();
    static final List<String> GOOD = List.of("piano/piano_00.wav", "piano/piano_01.wav", "organ/organ_00.wav", "organ/organ_01.wav",
            "drums/drums_00.wav", "drums/drums_01.wav", "strings/strings_00.wav", "strings/strings_01.wav",
            "ambient/ambient_00.wav", "ambient/ambient_01.wav", "chiptune/chiptune_00.wav", "chiptune/chiptune_01.wav");
    static final List<String> BAD = List.of("bad/truncated.wav", "bad/empty.wav", "bad/notes.wav");

    /** Writes the input folder under {@code root} and returns it. */
    static Path write(Path root) throws IOException {
        Path in = Files.createDirectories(root.resolve("in"));
        for (String f : GOOD) {
            Files.createDirectories(in.resolve(f).getParent());
            Files.copy(SAMPLES.resolve(f), in.resolve(f));
        }
        float[] tone = new float[(int) (0.4 * 22050)];
        for (int i = 0; i < tone.length; i++) tone[i] = (float) (0.3 * Math.sin(2 * Math.PI * 440 * i / 22050.0));
        Files.createDirectories(in.resolve("short"));
        Pcm16WavWriter.write(in.resolve("short/tone.wav"), tone, 22050);
        Files.createDirectories(in.resolve("bad"));
        byte[] wav = Files.readAllBytes(SAMPLES.resolve("piano/piano_02.wav"));
        Files.write(in.resolve("bad/truncated.wav"), Arrays.copyOf(wav, wav.length / 2));
        Files.write(in.resolve("bad/empty.wav"), new byte[0]);
        Files.writeString(in.resolve("bad/notes.wav"), "not audio, just notes\n");
        Files.writeString(in.resolve("bad/readme.txt"), "no audio glob matches this\n");
        return in;
    }

    /** The local path of a path as Spark writes it ({@code file:/...}). */
    static Path local(String sparkPath) {
        return Path.of(URI.create(sparkPath));
    }
}
