package dev.recur.files;

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

    @Test void streamedOutputAppearsOnlyOnCommit() throws IOException {
        Path f = dir.resolve("sub/rows.csv");
        AtomicFiles.writeString(f, "old");
        try (AtomicFiles.Output o = AtomicFiles.open(f)) {
            try (Writer w = new OutputStreamWriter(o.stream(), StandardCharsets.UTF_8)) {
                for (int i = 0; i < 20000; i++) w.write("row " + i + "\n");   // more than the stream's buffer
            }
            assertEquals("old", Files.readString(f), "nothing visible before the commit");
            o.commit();
            IOException late = assertThrows(IOException.class, () -> o.stream().write(1));
            assertTrue(late.getMessage().startsWith(f.toAbsolutePath() + ": "), late.getMessage());
        }
        List<String> rows = Files.readAllLines(f);
        assertEquals(20000, rows.size());
        assertEquals("row 19999", rows.getLast());
        try (var s = Files.list(f.getParent())) {
            assertEquals(List.of(f), s.toList(), "no temp file left");
        }
    }

    @Test void uncommittedOutputLeavesTheOldFileAndNoTempFile() throws IOException {
        Path f = dir.resolve("rows.csv");
        AtomicFiles.writeString(f, "old");
        try (AtomicFiles.Output o = AtomicFiles.open(f)) {
            o.stream().write(new byte[200000]);
        }
        assertEquals("old", Files.readString(f));
        try (var s = Files.list(dir)) {
            assertEquals(List.of(f), s.toList());
        }
    }

    /** Written files get the mode any new file gets here (0666 minus the umask), not createTempFile's 0600. */
    @Test void writtenFilesGetTheUsualPermissions() throws IOException {
        assumePosix();
        Path plain = Files.createFile(dir.resolve("plain"));
        Path written = dir.resolve("written.txt");
        AtomicFiles.writeString(written, "x");
        var expected = Files.getPosixFilePermissions(plain);
        assertEquals(expected, Files.getPosixFilePermissions(written));
        assertTrue(expected.contains(java.nio.file.attribute.PosixFilePermission.OWNER_READ));
        // and so does a file replaced by a later write, and the staged half of a two-step write
        AtomicFiles.writeString(written, "y");
        assertEquals(expected, Files.getPosixFilePermissions(written));
        Path staged = AtomicFiles.stage(dir.resolve("s.bin"), out -> out.write(1));
        assertEquals(expected, Files.getPosixFilePermissions(staged));
        AtomicFiles.discard(staged);
        Path streamed = dir.resolve("streamed.csv");
        try (AtomicFiles.Output o = AtomicFiles.open(streamed)) {
            o.stream().write('z');
            o.commit();
        }
        assertEquals(expected, Files.getPosixFilePermissions(streamed));
    }

    private static void assumePosix() {
        // the build and CI run on Linux; this guard only documents that the check is about POSIX modes
        assertTrue(java.nio.file.FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system expected");
    }
}
