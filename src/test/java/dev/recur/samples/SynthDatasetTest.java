package dev.recur.samples;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

/** The committed demo set {@code samples/genres} is exactly what {@code recur synth samples/genres} makes. */
class SynthDatasetTest {
    static final Path COMMITTED = Path.of("samples/genres");

    @Test void regeneratingTheDemoSetIsByteIdenticalToTheCommittedFiles(@TempDir Path dir) throws Exception {
        SynthDataset.write(dir, SynthDataset.Spec.demo());
        TreeMap<String, String> fresh = hashes(dir), committed = hashes(COMMITTED);
        assertEquals(6 * 8, fresh.size());
        assertEquals(fresh, committed);
    }

    @Test void tracksGetDistinctSeeds() {
        var seeds = new java.util.HashSet<Long>();
        for (Style s : Style.values()) for (int i = 0; i < 100; i++) seeds.add(SynthDataset.trackSeed(2026, s, i));
        assertEquals(Style.values().length * 100, seeds.size());
    }

    @Test void specRejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new SynthDataset.Spec(List.of(), 1, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SynthDataset.Spec(List.of(Style.DRUMS), 0, 1, 0));
        assertThrows(IllegalArgumentException.class, () -> new SynthDataset.Spec(List.of(Style.DRUMS), 1, -1, 0));
    }

    /** Relative path of every .wav under root → SHA-256. */
    static TreeMap<String, String> hashes(Path root) throws Exception {
        TreeMap<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".wav")).toList()) {
                byte[] d = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(f));
                out.put(root.relativize(f).toString().replace('\\', '/'), HexFormat.of().formatHex(d));
            }
        }
        return out;
    }
}
