package dev.recur.io;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a file so that readers see either the old file or the complete new one: the bytes go to a temp
 * file in the same folder, are forced to disk, and the temp file is renamed over the target.
 */
public final class AtomicFiles {
    private AtomicFiles() {}

    /** Body of an atomic write. Closing the stream (e.g. by a try-with-resources writer) only flushes it. */
    @FunctionalInterface
    public interface Writer {
        void write(OutputStream out) throws IOException;
    }

    public static void write(Path target, Writer body) throws IOException {
        Path tmp = stage(target, body);
        commit(tmp, target);
    }

    /**
     * First half of an atomic write: the complete bytes in a forced temp file next to {@code target}.
     * Finish with {@link #commit}, or {@link #discard} on failure. Staging several files before committing
     * any keeps the window in which a reader could see a mixed set as small as possible.
     */
    public static Path stage(Path target, Writer body) throws IOException {
        Path abs = target.toAbsolutePath();
        Path dir = abs.getParent();
        if (dir != null) Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + abs.getFileName(), ".tmp");
        boolean done = false;
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                OutputStream out = new java.io.BufferedOutputStream(Channels.newOutputStream(ch), 1 << 16);
                body.write(new NonClosing(out));
                out.flush();
                ch.force(true);
            }
            done = true;
            return tmp;
        } finally {
            if (!done) Files.deleteIfExists(tmp);
        }
    }

    /** Renames a staged temp file over its target. */
    public static void commit(Path staged, Path target) throws IOException {
        try {
            try {
                Files.move(staged, target.toAbsolutePath(), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(staged, target.toAbsolutePath(), StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(staged);
        }
    }

    /** Removes a staged file that will not be committed (null is ignored). */
    public static void discard(Path staged) {
        if (staged == null) return;
        try {
            Files.deleteIfExists(staged);
        } catch (IOException ignored) {
            // best effort: a stray hidden temp file is harmless
        }
    }

    public static void writeString(Path target, String text) throws IOException {
        byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        write(target, out -> out.write(bytes));
    }

    /** Lets bodies wrap the stream in writers and close them without closing the file before it is forced. */
    private static final class NonClosing extends java.io.FilterOutputStream {
        NonClosing(OutputStream out) { super(out); }

        @Override public void write(byte[] b, int off, int len) throws IOException { out.write(b, off, len); }

        @Override public void close() throws IOException { flush(); }
    }
}
