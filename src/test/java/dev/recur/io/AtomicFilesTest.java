package dev.recur.io;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class AtomicFilesTest {
    @TempDir Path dir;

    @Test void bodyMayCloseItsWriter() throws IOException {
        Path f = dir.resolve("sub/a.txt");
        AtomicFiles.write(f, out -> {
            try (Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8)) { w.write("héllo"); }
        });
        assertEquals("héllo", Files.readString(f));
    }

    @Test void failedBodyLeavesOldFileAndNoTempFiles() throws IOException {
        Path f = dir.resolve("a.txt");
        AtomicFiles.writeString(f, "old");
        assertThrows(IOException.class, () -> AtomicFiles.write(f, out -> {
            out.write("partial".getBytes(StandardCharsets.UTF_8));
            throw new IOException("disk full");
        }));
        assertEquals("old", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    @Test void stagedFilesAppearOnlyOnCommit() throws IOException {
        Path f = dir.resolve("b.bin");
        Path staged = AtomicFiles.stage(f, out -> out.write(new byte[] {1, 2, 3}));
        assertFalse(Files.exists(f));
        AtomicFiles.commit(staged, f);
        assertArrayEquals(new byte[] {1, 2, 3}, Files.readAllBytes(f));
        assertFalse(Files.exists(staged));
        Path other = AtomicFiles.stage(dir.resolve("c.bin"), out -> out.write(1));
        AtomicFiles.discard(other);
        assertFalse(Files.exists(other));
    }
}
